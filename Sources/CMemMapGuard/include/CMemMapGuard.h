#ifndef CMEMMAPGUARD_H
#define CMEMMAPGUARD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

#ifndef _WIN32
/// How many regions can be watched at once; maps beyond that are not registered, and their
/// views are unguarded.
#define CMEMMAP_VIEW_REGION_CAPACITY 4096

/// How many faults the handler has answered with zero pages in one region (see
/// `cmemmap_view_region_register`); only ever grows.
typedef struct {
  uint64_t count;
} cmemmap_view_region_counter;

extern cmemmap_view_region_counter cmemmap_view_faults[CMEMMAP_VIEW_REGION_CAPACITY];

/// Watches the file mapping [`start`, `start`+`length`) of `descriptor` (file offset `file_offset` at
/// `start`) for faults outside guarded copies: a SIGBUS there (the file shrank, or the file
/// system could not supply a page) maps zero-filled pages over the vanished range instead of
/// ending the process, and counts the fault. Returns the region's index, or -1 when the table is
/// full (the mapping then stays unwatched).
int cmemmap_view_region_register(void *start, size_t length, int descriptor, int64_t file_offset,
                                 int writable, int private_copy);

/// Sets the protection the handler gives zero pages in region `index` (and the repair gives the
/// file's pages), after the mapping's protection changed.
void cmemmap_view_region_set_writable(int index, int writable);

/// Stops watching a region (before its mapping is unmapped or moved).
void cmemmap_view_region_unregister(int index);

/// The number of faults answered in region `index` so far (0 for -1).
static inline uint64_t cmemmap_view_region_fault_count(int index) {
  if (index < 0) return 0;
  return __atomic_load_n(&cmemmap_view_faults[index].count, __ATOMIC_ACQUIRE);
}

/// Maps the file back over the zero pages of region `index`. Returns 1 and sets `*first_offset`
/// (relative to the region's start) to the first page that had been patched, 0 when nothing was
/// patched, or -1 when the file could not be mapped again.
int cmemmap_view_region_repair(int index, size_t *first_offset);
#endif

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

/// Copies up to `length` bytes from offset `source_offset` of the file `source` to offset
/// `target_offset` of the file `target` inside the kernel (Linux `copy_file_range`: no copy
/// through user memory, and a clone of the blocks where the file system shares them). Returns the
/// number of bytes copied (0 at the end of `source`), or minus an errno value; -ENOSYS where the
/// system has no such call.
int64_t cmemmap_copy_range(int source, int64_t source_offset, int target, int64_t target_offset, int64_t length);

/// Starts writing the dirty cached pages of [offset, offset+length) of a file to the device
/// without waiting (Linux `sync_file_range` with SYNC_FILE_RANGE_WRITE), so that a later fsync
/// has less left to wait for. Returns 0, or an errno value; does nothing where the system has
/// no such call.
int cmemmap_start_writeback(int descriptor, int64_t offset, int64_t length);

/// The process's limit for locked memory in bytes (RLIMIT_MEMLOCK), -1 when unlimited, or -2 when
/// it cannot be read.
int64_t cmemmap_locked_memory_limit(void);

/// The first offset at or after `offset` holding data (`seek_hole` 0) or starting a hole
/// (`seek_hole` 1) in the file (`lseek` with SEEK_DATA or SEEK_HOLE). Returns -1 with `*error`
/// set on failure: ENXIO when `offset` is at or past the end of the file, or (for data) only holes
/// follow it; EINVAL where the system cannot tell.
int64_t cmemmap_seek(int descriptor, int64_t offset, int seek_hole, int *error);
#endif

/// The offset of the first byte where the `count` bytes at `first` and `second` differ, or -1.
long cmemmap_first_difference(const void *first, const void *second, size_t count);

#ifdef __cplusplus
}
#endif

#include "guarded_access.h"

/// `cmemmap_guarded_copy` for `count` of 1, 2, 4 or 8 bytes, inlined into the caller: one guarded
/// load or store where the exception table is available. The map side of the copy is whichever of
/// `source` and `destination` lies in [`guard_start`, `guard_end`).
static inline __attribute__((always_inline)) int
cmemmap_guarded_copy_small(void *destination, const void *source, size_t count,
                           const void *guard_start, const void *guard_end, cmemmap_fault *fault) {
  int reading = (uintptr_t)source >= (uintptr_t)guard_start && (uintptr_t)source < (uintptr_t)guard_end;
  int faulted;
  // One case per width: a guarded load from the map, or a guarded store into it.
#define CMEMMAP_SMALL_COPY_CASE(bits)                                                             \
  case bits / 8: {                                                                                \
    uint##bits##_t value;                                                                         \
    if (reading) {                                                                                \
      faulted = cmemmap_load##bits(source, &value);                                               \
      if (!faulted) memcpy(destination, &value, sizeof value);                                    \
    } else {                                                                                      \
      memcpy(&value, source, sizeof value);                                                       \
      faulted = cmemmap_store##bits(destination, value);                                          \
    }                                                                                             \
    break;                                                                                        \
  }
  switch (count) {
    CMEMMAP_SMALL_COPY_CASE(8)
    CMEMMAP_SMALL_COPY_CASE(16)
    CMEMMAP_SMALL_COPY_CASE(32)
    CMEMMAP_SMALL_COPY_CASE(64)
  default:
    return cmemmap_guarded_copy(destination, source, count, guard_start, guard_end, fault);
  }
#undef CMEMMAP_SMALL_COPY_CASE
  if (faulted) {
    fault->address = (uintptr_t)(reading ? source : destination);
    fault->code = 0;
  }
  return faulted;
}

#endif
