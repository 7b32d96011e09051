// Shared between the fault handler and the view regions; not part of the module's interface.
#ifndef CMEMMAP_FAULT_INTERNAL_H
#define CMEMMAP_FAULT_INTERNAL_H
#if !defined(_WIN32)
#include <signal.h>

/// Reads the page size once, outside any signal handler.
void cmemmap_view_regions_prepare(void);

/// Called by the fault handler for a fault no guarded copy claimed: returns 1 when the fault lay in
/// a registered view region and zero pages now stand in for the vanished range (returning from
/// the handler then resumes the view), or 0 when the fault is not ours.
int cmemmap_view_regions_patch(int signal_number, siginfo_t *info);
#endif
#endif
