// Regions read through zero-copy views (POSIX).
//
// A view hands the caller the mapped bytes themselves, so no copy can be guarded. Instead, every
// file mapping MemMap owns is listed here, and a SIGBUS inside one (the file shrank under it, or
// the file system could not supply the page) is answered by mapping zero-filled pages over the
// vanished range and counting the fault on that region. The code in the view goes on reading
// zeros; the view call sees the count change, puts the file pages back and throws. The table is
// fixed-size and lock-free so that the signal handler can search and update it.
#if !defined(_WIN32)
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "CMemMapGuard.h"
#include "fault_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { region_free = 0, region_claimed = 1, region_active = 2 };

/// The patched range of a region as page indexes (relative to its start) packed into one word,
/// so the handler and the repair can exchange it atomically: low in the low half, high
/// (exclusive) in the high half. "Nothing patched" is low = all ones, high = 0.
#define NOTHING_PATCHED ((uint64_t)UINT32_MAX)

typedef struct {
  int state;
  uintptr_t start;
  uintptr_t end;
  int descriptor;
  int protection;
  int flags;
  int64_t file_offset;
  uint64_t patched_pages;
} region;

cmemmap_view_region_counter cmemmap_view_faults[CMEMMAP_VIEW_REGION_CAPACITY];
static region regions[CMEMMAP_VIEW_REGION_CAPACITY];
static uintptr_t page_size = 4096;

void cmemmap_view_regions_prepare(void) {
  long size = sysconf(_SC_PAGESIZE);
  if (size > 0) page_size = (uintptr_t)size;
}

static uintptr_t round_up(uintptr_t value) { return (value + page_size - 1) & ~(page_size - 1); }

int cmemmap_view_region_register(void *start, size_t length, int descriptor, int64_t file_offset,
                                 int writable, int private_copy) {
  if (start == NULL || length == 0 || round_up(length) / page_size >= UINT32_MAX) return -1;
  for (int index = 0; index < CMEMMAP_VIEW_REGION_CAPACITY; index++) {
    int expected = region_free;
    if (!__atomic_compare_exchange_n(&regions[index].state, &expected, region_claimed, 0, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED)) {
      continue;
    }
    region *entry = &regions[index];
    entry->start = (uintptr_t)start;
    entry->end = (uintptr_t)start + length;
    entry->descriptor = descriptor;
    entry->protection = writable ? PROT_READ | PROT_WRITE : PROT_READ;
#if defined(__linux__)
    entry->flags = private_copy ? MAP_PRIVATE | MAP_NORESERVE : MAP_SHARED;
#else
    entry->flags = private_copy ? MAP_PRIVATE : MAP_SHARED;
#endif
    entry->file_offset = file_offset;
    __atomic_store_n(&entry->patched_pages, NOTHING_PATCHED, __ATOMIC_RELAXED);
    __atomic_store_n(&entry->state, region_active, __ATOMIC_RELEASE);
    return index;
  }
  return -1;
}

void cmemmap_view_region_unregister(int index) {
  if (index < 0 || index >= CMEMMAP_VIEW_REGION_CAPACITY) return;
  __atomic_store_n(&regions[index].state, region_free, __ATOMIC_RELEASE);
}

void cmemmap_view_region_set_writable(int index, int writable) {
  if (index < 0 || index >= CMEMMAP_VIEW_REGION_CAPACITY) return;
  __atomic_store_n(&regions[index].protection, writable ? PROT_READ | PROT_WRITE : PROT_READ, __ATOMIC_RELEASE);
}

/// Page indexes `first..<last` of the region as a packed range.
static uint64_t pack(uint64_t first, uint64_t last) { return (last << 32) | first; }

int cmemmap_view_region_repair(int index, size_t *first_offset) {
  if (index < 0 || index >= CMEMMAP_VIEW_REGION_CAPACITY) return 0;
  region *entry = &regions[index];
  if (__atomic_load_n(&entry->state, __ATOMIC_ACQUIRE) != region_active) return 0;
  uint64_t patched = __atomic_exchange_n(&entry->patched_pages, NOTHING_PATCHED, __ATOMIC_ACQ_REL);
  uint64_t first = patched & UINT32_MAX;
  uint64_t last = patched >> 32;
  if (first >= last) return 0;
  uintptr_t address = entry->start + first * page_size;
  uintptr_t end = entry->start + last * page_size;
  if (end > round_up(entry->end)) end = round_up(entry->end);
  *first_offset = (size_t)(address - entry->start);
  // Map the file back over the zero pages: bytes that exist again read from the file, and bytes
  // that are still gone fault again (and are guarded again).
  int protection = __atomic_load_n(&entry->protection, __ATOMIC_ACQUIRE);
  off_t file_offset = (off_t)(entry->file_offset + (int64_t)(address - entry->start));
  void *restored =
      mmap((void *)address, end - address, protection, entry->flags | MAP_FIXED, entry->descriptor, file_offset);
  return restored == MAP_FAILED ? -1 : 1;
}

int cmemmap_view_regions_patch(int signal_number, siginfo_t *info) {
  if (signal_number != SIGBUS || info == NULL || info->si_code != BUS_ADRERR) return 0;
  uintptr_t address = (uintptr_t)info->si_addr;
  for (int index = 0; index < CMEMMAP_VIEW_REGION_CAPACITY; index++) {
    region *entry = &regions[index];
    if (__atomic_load_n(&entry->state, __ATOMIC_ACQUIRE) != region_active) continue;
    if (address < entry->start || address >= entry->end) continue;
    uintptr_t page = address & ~(page_size - 1);
    if (page < entry->start) page = entry->start;  // the region starts page-aligned; defensive
    uintptr_t end = page + page_size;
    // fstat is async-signal-safe. When the file ends before this page, every later page is gone
    // too: patch them all at once rather than taking one fault per page.
    struct stat status;
    int64_t page_file_offset = entry->file_offset + (int64_t)(page - entry->start);
    if (fstat(entry->descriptor, &status) == 0 && (int64_t)status.st_size <= page_file_offset) {
      end = round_up(entry->end);
    }
    int saved_errno = errno;
    int protection = __atomic_load_n(&entry->protection, __ATOMIC_ACQUIRE);
    void *zeros = mmap((void *)page, end - page, protection, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    errno = saved_errno;
    if (zeros == MAP_FAILED) return 0;
    uint64_t first = (page - entry->start) / page_size;
    uint64_t last = (end - entry->start + page_size - 1) / page_size;
    uint64_t seen = __atomic_load_n(&entry->patched_pages, __ATOMIC_RELAXED);
    for (;;) {
      uint64_t seen_first = seen & UINT32_MAX;
      uint64_t seen_last = seen >> 32;
      uint64_t merged = pack(seen_first < first ? seen_first : first, seen_last > last ? seen_last : last);
      if (__atomic_compare_exchange_n(&entry->patched_pages, &seen, merged, 1, __ATOMIC_ACQ_REL,
                                      __ATOMIC_RELAXED)) {
        break;
      }
    }
    __atomic_fetch_add(&cmemmap_view_faults[index].count, 1, __ATOMIC_RELEASE);
    return 1;
  }
  return 0;
}

#endif
