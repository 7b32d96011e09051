// Finding a sparse file's holes (POSIX). SEEK_DATA and SEEK_HOLE are only declared with
// _GNU_SOURCE on glibc, and their values differ between systems, so Swift asks here.
#if !defined(_WIN32)
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "CMemMapGuard.h"

#include <errno.h>
#include <unistd.h>

int64_t cmemmap_seek(int descriptor, int64_t offset, int seek_hole, int *error) {
#if defined(SEEK_DATA) && defined(SEEK_HOLE)
  off_t found = lseek(descriptor, (off_t)offset, seek_hole ? SEEK_HOLE : SEEK_DATA);
  if (found < 0) {
    *error = errno;
    return -1;
  }
  return (int64_t)found;
#else
  (void)descriptor;
  (void)offset;
  (void)seek_hole;
  *error = EINVAL;
  return -1;
#endif
}
#endif
