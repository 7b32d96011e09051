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

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#define CMEMMAP_HAVE_FIXUP 1
/// The calling thread's guarded range for the small-copy fast path, and what faulted in it.
typedef struct {
  uintptr_t start;
  uintptr_t end;
  uintptr_t address;
  int32_t signal;
} cmemmap_fixup_range;

extern __thread cmemmap_fixup_range cmemmap_current_fixup __attribute__((tls_model("initial-exec")));

int cmemmap_fixup_copy1(void *destination, const void *source);
int cmemmap_fixup_copy2(void *destination, const void *source);
int cmemmap_fixup_copy4(void *destination, const void *source);
int cmemmap_fixup_copy8(void *destination, const void *source);
#endif

/// `cmemmap_guarded_copy` for `count` of 1, 2, 4 or 8 bytes (integer loads and stores), inlined
/// into the caller: no sigsetjmp, just a guarded load/store instruction pair where supported.
static inline __attribute__((always_inline)) int
cmemmap_guarded_copy_small(void *destination, const void *source, size_t count,
                           const void *guard_start, const void *guard_end, cmemmap_fault *fault) {
#ifdef CMEMMAP_HAVE_FIXUP
  cmemmap_fixup_range *range = &cmemmap_current_fixup;
  range->start = (uintptr_t)guard_start;
  range->end = (uintptr_t)guard_end;
  int faulted;
  switch (count) {
  case 1: faulted = cmemmap_fixup_copy1(destination, source); break;
  case 2: faulted = cmemmap_fixup_copy2(destination, source); break;
  case 4: faulted = cmemmap_fixup_copy4(destination, source); break;
  case 8: faulted = cmemmap_fixup_copy8(destination, source); break;
  default: return cmemmap_guarded_copy(destination, source, count, guard_start, guard_end, fault);
  }
  if (faulted) {
    fault->address = range->address;
    fault->code = range->signal;
  }
  return faulted;
#else
  return cmemmap_guarded_copy(destination, source, count, guard_start, guard_end, fault);
#endif
}

/// Installs the fault handler (once per process; thread-safe). Returns 0 on success or an errno value.
int cmemmap_install_fault_handler(void);

#ifndef _WIN32
/// Grows or shrinks a mapping, moving it if needed (Linux `mremap`). Returns the new address, or
/// NULL with `*error` set; on systems without mremap returns NULL with `*error` = ENOSYS.
void *cmemmap_remap(void *address, size_t old_length, size_t new_length, int *error);

/// Reserves disk blocks for [offset, offset+length) so that later writes through a mapping cannot
/// hit a full disk. Returns 0, or an errno value. Filesystems without reservation support return 0.
int cmemmap_preallocate(int descriptor, int64_t offset, int64_t length);

/// Allocates disk blocks for the holes in [offset, offset+length) of a file without changing its
/// size or its bytes (Linux `fallocate` with FALLOC_FL_KEEP_SIZE), so that later writes through a
/// mapping into a sparse region cannot hit a full disk. Returns 0, or an errno value (ENOSPC on a
/// full disk). Where the system cannot reserve a range inside a file, returns 0 and does nothing.
int cmemmap_reserve(int descriptor, int64_t offset, int64_t length);
#endif

/// The offset of the first byte where the `count` bytes at `first` and `second` differ, or -1.
long cmemmap_first_difference(const void *first, const void *second, size_t count);

#ifdef __cplusplus
}
#endif

#endif
