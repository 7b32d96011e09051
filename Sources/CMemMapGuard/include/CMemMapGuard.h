#ifndef CMEMMAPGUARD_H
#define CMEMMAPGUARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a guarded copy saw when it faulted.
typedef struct {
  /// Address of the faulting access (inside the guarded range).
  uintptr_t address;
  /// Platform fault code: the signal number on POSIX, the NTSTATUS on Windows.
  int32_t code;
} cmemmap_fault;

/// Copies `count` bytes from `source` to `destination`. A SIGBUS/SIGSEGV (POSIX) or in-page
/// error/access violation (Windows) whose address lies in [`guard_start`, `guard_end`) on the
/// calling thread aborts the copy and returns 1 with `fault` filled in; 0 means the copy completed.
/// Any other fault is passed on to the handler that was installed before ours.
int cmemmap_guarded_copy(void *destination, const void *source, size_t count,
                         const void *guard_start, const void *guard_end,
                         cmemmap_fault *fault);

/// Installs the fault handler (once per process; thread-safe). Returns 0 on success or an errno value.
int cmemmap_install_fault_handler(void);

#ifndef _WIN32
/// Grows or shrinks a mapping, moving it if needed (Linux `mremap`). Returns the new address, or
/// NULL with `*error` set; on systems without mremap returns NULL with `*error` = ENOSYS.
void *cmemmap_remap(void *address, size_t old_length, size_t new_length, int *error);

/// Reserves disk blocks for [offset, offset+length) so that later writes through a mapping cannot
/// hit a full disk. Returns 0, or an errno value. Filesystems without reservation support return 0.
int cmemmap_preallocate(int descriptor, int64_t offset, int64_t length);
#endif

#ifdef __cplusplus
}
#endif

#endif
