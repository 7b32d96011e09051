// Whether a byte range of a file lies in a hole of a sparse file: the file system stores nothing
// there, so the bytes read as zeros without any disk or page-cache work.
#ifndef _WIN32
#define _GNU_SOURCE
#include "CMemMapGuard.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

int cmemmap_is_hole(int descriptor, int64_t start, int64_t end) {
#ifdef SEEK_DATA
  struct stat info;
  // Past the end of the file the bytes are not zeros: they are missing.
  if (start >= end || fstat(descriptor, &info) != 0 || info.st_size < end) return 0;
  // lseek moves the descriptor's file position, which nothing else uses: every other access
  // goes through the mapping or names its offset.
  off_t data = lseek(descriptor, (off_t)start, SEEK_DATA);
  if (data >= 0) return data >= end;
  // ENXIO: no data at or after `start` (which is inside the file): all hole to the end.
  return errno == ENXIO;
#else
  (void)descriptor;
  (void)start;
  (void)end;
  return 0;
#endif
}
#endif
