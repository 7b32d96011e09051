/* The baseline for the compare benchmark: a plain memcmp loop over read-only mmaps of two files.
 * Usage: memcmp A B
 * Compares the files' common bytes in 1 MiB blocks; in the first block that differs, finds the
 * first differing byte. Prints its offset (or -1) and the seconds spent comparing alone. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const unsigned char *map_file(const char *path, size_t *size) {
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(path);
    return NULL;
  }
  void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  close(fd);
  if (data == MAP_FAILED) {
    perror("mmap");
    return NULL;
  }
  *size = (size_t)st.st_size;
  return data;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s A B\n", argv[0]);
    return 2;
  }
  size_t first_size, second_size;
  const unsigned char *first = map_file(argv[1], &first_size);
  const unsigned char *second = map_file(argv[2], &second_size);
  if (!first || !second) return 2;
  size_t common = first_size < second_size ? first_size : second_size;
  const size_t block = 1 << 20;
  long long found = -1;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (size_t offset = 0; offset < common && found < 0; offset += block) {
    size_t length = common - offset < block ? common - offset : block;
    if (memcmp(first + offset, second + offset, length) == 0) continue;
    for (size_t index = offset; index < offset + length; index++) {
      if (first[index] != second[index]) {
        found = (long long)index;
        break;
      }
    }
  }
  if (found < 0 && first_size != second_size) found = (long long)common;
  clock_gettime(CLOCK_MONOTONIC, &end);
  double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  printf("%lld %.6f\n", found, seconds);
  return found < 0 ? 0 : 1;
}
