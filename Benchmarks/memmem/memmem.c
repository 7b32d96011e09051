/* The baseline for the search benchmark: glibc memmem over a read-only mmap of a file.
 * Usage: memmem FILE NEEDLE
 * Prints the offset of the first match (or -1) and the seconds spent in memmem alone. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s FILE NEEDLE\n", argv[0]);
    return 2;
  }
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(argv[1]);
    return 2;
  }
  void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  const char *found = memmem(data, (size_t)st.st_size, argv[2], strlen(argv[2]));
  clock_gettime(CLOCK_MONOTONIC, &end);
  double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  printf("%lld %.6f\n", found ? (long long)(found - (const char *)data) : -1LL, seconds);
  munmap(data, (size_t)st.st_size);
  close(fd);
  return found ? 0 : 1;
}
