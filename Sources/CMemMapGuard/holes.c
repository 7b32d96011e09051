// The stretch of a sparse file that starts at an offset: a hole (the file system stores nothing
// there; the bytes read as zeros without any disk or page-cache work) or data, and where it ends.
#ifndef _WIN32
#define _GNU_SOURCE
#include "CMemMapGuard.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

int cmemmap_sparse_stretch(int descriptor, int64_t start, int *is_hole, int64_t *end) {
#ifdef SEEK_DATA
  // lseek moves the descriptor's file position, which nothing else uses: every other access
  // goes through the mapping or names its offset.
  off_t data = lseek(descriptor, (off_t)start, SEEK_DATA);
  if (data < 0) {
    // ENXIO: no data from `start` to the end of the file (a hole up to it), or `start` is past
    // the end, where bytes are missing rather than zeros.
    struct stat info;
    if (errno != ENXIO || fstat(descriptor, &info) != 0 || info.st_size <= start) return 0;
    *is_hole = 1;
    *end = info.st_size;
    return 1;
  }
  if (data > start) {
    *is_hole = 1;
    *end = data;
    return 1;
  }
  off_t hole = lseek(descriptor, (off_t)start, SEEK_HOLE);
  if (hole <= start) return 0;
  *is_hole = 0;
  *end = hole;
  return 1;
#else
  (void)descriptor;
  (void)start;
  (void)is_hole;
  (void)end;
  return 0;
#endif
}
#endif
