// Guarded loads and stores of 1, 2, 4 and 8 bytes, inlined into the caller. Each returns 0, or 1
// when the access faulted (the value is then unspecified and memory is unchanged).
//
// Where the exception table is available (Linux on x86-64 and arm64), each access is one load or
// store instruction written in inline assembly, and the pair (address of that instruction,
// address of its recovery code) is recorded in the `cmemmap_extable` section. A fault at a listed
// instruction makes the handler resume at the recovery code, which returns 1: no call, no
// thread-local state and no setup on the fast path. Elsewhere the accesses go through the
// portable guarded copy.
#ifndef CMEMMAP_GUARDED_ACCESS_H
#define CMEMMAP_GUARDED_ACCESS_H

#include <stdint.h>
#include "CMemMapGuard.h"

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__)) && defined(__clang__)
#define CMEMMAP_HAVE_EXCEPTION_TABLE 1
#endif

#ifdef CMEMMAP_HAVE_EXCEPTION_TABLE

/// One entry: where the guarded instruction is and where to resume if it faults, each as an
/// offset from the entry field itself (position-independent, no relocations at load time).
typedef struct {
  int32_t instruction;
  int32_t recovery;
} cmemmap_exception_entry;

#define CMEMMAP_EXCEPTION_ENTRY(instruction, recovery)                                            \
  ".pushsection cmemmap_extable, \"a\"\n"                                                         \
  ".balign 4\n"                                                                                   \
  ".long " instruction " - .\n"                                                                   \
  ".long " recovery " - .\n"                                                                      \
  ".popsection\n"

typedef uint16_t __attribute__((aligned(1), may_alias)) cmemmap_unaligned16;
typedef uint32_t __attribute__((aligned(1), may_alias)) cmemmap_unaligned32;
typedef uint64_t __attribute__((aligned(1), may_alias)) cmemmap_unaligned64;

#if defined(__x86_64__)
#define CMEMMAP_LOAD_TEXT(instruction, width) instruction " %[source], %[loaded]"
#define CMEMMAP_STORE_TEXT(instruction, width) instruction " %[value], %[destination]"
#else
// arm64: unaligned loads and stores to normal memory are allowed.
#define CMEMMAP_LOAD_TEXT(instruction, width) instruction " %" width "[loaded], %[source]"
#define CMEMMAP_STORE_TEXT(instruction, width) instruction " %" width "[value], %[destination]"
#endif

#define CMEMMAP_GUARDED_LOAD(name, type, unaligned, instruction, width)                           \
  static inline __attribute__((always_inline)) int name(const void *source, type *value) {        \
    type loaded;                                                                                  \
    __asm__ goto("1: " CMEMMAP_LOAD_TEXT(instruction, width) "\n"                                 \
                 CMEMMAP_EXCEPTION_ENTRY("1b", "%l[faulted]")                                     \
                 : [loaded] "=r"(loaded)                                                          \
                 : [source] "m"(*(const unaligned *)source)                                       \
                 :                                                                                \
                 : faulted);                                                                      \
    *value = loaded;                                                                              \
    return 0;                                                                                     \
  faulted:                                                                                        \
    return 1;                                                                                     \
  }
#define CMEMMAP_GUARDED_STORE(name, type, unaligned, instruction, width)                          \
  static inline __attribute__((always_inline)) int name(void *destination, type value) {          \
    __asm__ goto("1: " CMEMMAP_STORE_TEXT(instruction, width) "\n"                                \
                 CMEMMAP_EXCEPTION_ENTRY("1b", "%l[faulted]")                                     \
                 : [destination] "=m"(*(unaligned *)destination)                                  \
                 : [value] "r"(value)                                                             \
                 :                                                                                \
                 : faulted);                                                                      \
    return 0;                                                                                     \
  faulted:                                                                                        \
    return 1;                                                                                     \
  }

#if defined(__x86_64__)
CMEMMAP_GUARDED_LOAD(cmemmap_load8, uint8_t, uint8_t, "movb", "")
CMEMMAP_GUARDED_LOAD(cmemmap_load16, uint16_t, cmemmap_unaligned16, "movw", "")
CMEMMAP_GUARDED_LOAD(cmemmap_load32, uint32_t, cmemmap_unaligned32, "movl", "")
CMEMMAP_GUARDED_LOAD(cmemmap_load64, uint64_t, cmemmap_unaligned64, "movq", "")
CMEMMAP_GUARDED_STORE(cmemmap_store8, uint8_t, uint8_t, "movb", "")
CMEMMAP_GUARDED_STORE(cmemmap_store16, uint16_t, cmemmap_unaligned16, "movw", "")
CMEMMAP_GUARDED_STORE(cmemmap_store32, uint32_t, cmemmap_unaligned32, "movl", "")
CMEMMAP_GUARDED_STORE(cmemmap_store64, uint64_t, cmemmap_unaligned64, "movq", "")
#else
CMEMMAP_GUARDED_LOAD(cmemmap_load8, uint8_t, uint8_t, "ldrb", "w")
CMEMMAP_GUARDED_LOAD(cmemmap_load16, uint16_t, cmemmap_unaligned16, "ldrh", "w")
CMEMMAP_GUARDED_LOAD(cmemmap_load32, uint32_t, cmemmap_unaligned32, "ldr", "w")
CMEMMAP_GUARDED_LOAD(cmemmap_load64, uint64_t, cmemmap_unaligned64, "ldr", "x")
CMEMMAP_GUARDED_STORE(cmemmap_store8, uint8_t, uint8_t, "strb", "w")
CMEMMAP_GUARDED_STORE(cmemmap_store16, uint16_t, cmemmap_unaligned16, "strh", "w")
CMEMMAP_GUARDED_STORE(cmemmap_store32, uint32_t, cmemmap_unaligned32, "str", "w")
CMEMMAP_GUARDED_STORE(cmemmap_store64, uint64_t, cmemmap_unaligned64, "str", "x")
#endif

#else

// Portable fallback: the guarded copy (sigsetjmp on POSIX, structured exceptions on Windows).
#define CMEMMAP_GUARDED_LOAD(name, type)                                                          \
  static inline int name(const void *source, type *value) {                                       \
    cmemmap_fault fault;                                                                          \
    return cmemmap_guarded_copy(value, source, sizeof(type), source,                              \
                                (const char *)source + sizeof(type), &fault);                     \
  }
#define CMEMMAP_GUARDED_STORE(name, type)                                                         \
  static inline int name(void *destination, type value) {                                         \
    cmemmap_fault fault;                                                                          \
    return cmemmap_guarded_copy(destination, &value, sizeof(type), destination,                   \
                                (const char *)destination + sizeof(type), &fault);                \
  }
CMEMMAP_GUARDED_LOAD(cmemmap_load8, uint8_t)
CMEMMAP_GUARDED_LOAD(cmemmap_load16, uint16_t)
CMEMMAP_GUARDED_LOAD(cmemmap_load32, uint32_t)
CMEMMAP_GUARDED_LOAD(cmemmap_load64, uint64_t)
CMEMMAP_GUARDED_STORE(cmemmap_store8, uint8_t)
CMEMMAP_GUARDED_STORE(cmemmap_store16, uint16_t)
CMEMMAP_GUARDED_STORE(cmemmap_store32, uint32_t)
CMEMMAP_GUARDED_STORE(cmemmap_store64, uint64_t)
#endif

#endif
