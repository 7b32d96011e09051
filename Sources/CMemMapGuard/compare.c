// The first differing byte of two buffers, found with the C library's memcmp (vectorised for the
// processor it runs on) a block at a time.
#include "CMemMapGuard.h"

#include <string.h>

long cmemmap_first_difference(const void *first, const void *second, size_t count) {
  const unsigned char *a = first;
  const unsigned char *b = second;
  const size_t block = 4096;
  for (size_t offset = 0; offset < count; offset += block) {
    size_t length = count - offset < block ? count - offset : block;
    if (memcmp(a + offset, b + offset, length) == 0) continue;
    for (size_t index = offset; index < offset + length; index++) {
      if (a[index] != b[index]) return (long)index;
    }
  }
  return -1;
}
