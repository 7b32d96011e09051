// Fault-guarded copies for MemMap.
//
// POSIX: one SIGBUS/SIGSEGV handler for three kinds of guarded access, tried in this order:
// a guarded load or store listed in the exception table resumes at its recovery code; a memcpy
// whose range (on the *current thread*) holds the faulting address is left with a long jump; a
// SIGBUS inside a view of a MemMap file mapping gets zero pages (view_regions.c). Every other
// fault goes to the previously installed handler (the Swift runtime installs a crash reporter
// for both signals), so genuine crashes still crash.
// Windows: structured exception handling around the copy, filtered on the faulting address.
#if !defined(_WIN32) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "CMemMapGuard.h"
#include "fault_internal.h"

#include <string.h>
#include <errno.h>

#ifdef _WIN32

#include <windows.h>

int cmemmap_install_fault_handler(void) { return 0; }

static int cmemmap_filter(EXCEPTION_POINTERS *info, uintptr_t start, uintptr_t end,
                          cmemmap_fault *fault) {
  EXCEPTION_RECORD *record = info->ExceptionRecord;
  DWORD code = record->ExceptionCode;
  if ((code != EXCEPTION_IN_PAGE_ERROR && code != EXCEPTION_ACCESS_VIOLATION) ||
      record->NumberParameters < 2) {
    return EXCEPTION_CONTINUE_SEARCH;
  }
  uintptr_t address = (uintptr_t)record->ExceptionInformation[1];
  if (address < start || address >= end) return EXCEPTION_CONTINUE_SEARCH;
  fault->address = address;
  fault->code = (code == EXCEPTION_IN_PAGE_ERROR && record->NumberParameters >= 3)
                    ? (int32_t)record->ExceptionInformation[2]
                    : (int32_t)code;
  return EXCEPTION_EXECUTE_HANDLER;
}

int cmemmap_guarded_copy(void *destination, const void *source, size_t count,
                         const void *guard_start, const void *guard_end, cmemmap_fault *fault) {
  __try {
    memcpy(destination, source, count);
  } __except (cmemmap_filter(GetExceptionInformation(), (uintptr_t)guard_start,
                             (uintptr_t)guard_end, fault)) {
    return 1;
  }
  return 0;
}

#else

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/ucontext.h>
#include <fcntl.h>
#include <unistd.h>
#ifdef CMEMMAP_HAVE_EXCEPTION_TABLE
#include <ucontext.h>
#endif

#ifdef CMEMMAP_HAVE_EXCEPTION_TABLE
// The exception table of this executable or library: every guarded load and store inlined into
// its code (see guarded_access.h). The linker defines these bounds of the section; weak, so an
// image without guarded accesses links too.
extern const cmemmap_exception_entry __start_cmemmap_extable[] __attribute__((weak, visibility("hidden")));
extern const cmemmap_exception_entry __stop_cmemmap_extable[] __attribute__((weak, visibility("hidden")));

static uintptr_t *program_counter(void *context) {
  ucontext_t *machine = (ucontext_t *)context;
#if defined(__x86_64__)
  return (uintptr_t *)&machine->uc_mcontext.gregs[REG_RIP];
#else
  return (uintptr_t *)&machine->uc_mcontext.pc;
#endif
}

/// If the fault happened at a guarded load or store, moves the program counter to its recovery
/// code (which reports the fault to the caller) and returns 1.
static int recover_guarded_access(void *context) {
  if (context == NULL || __start_cmemmap_extable == NULL) return 0;
  uintptr_t *pc = program_counter(context);
  for (const cmemmap_exception_entry *entry = __start_cmemmap_extable; entry < __stop_cmemmap_extable; entry++) {
    uintptr_t instruction = (uintptr_t)&entry->instruction + (intptr_t)entry->instruction;
    if (instruction == *pc) {
      *pc = (uintptr_t)&entry->recovery + (intptr_t)entry->recovery;
      return 1;
    }
  }
  return 0;
}
#endif

typedef struct {
  sigjmp_buf environment;
  uintptr_t start;
  uintptr_t end;
  uintptr_t address;
  int signal;
  // The signal mask the fault interrupted, which returning from the handler would have restored.
  sigset_t interrupted_mask;
  int has_interrupted_mask;
} guard_frame;

// Non-NULL only while this thread is inside a guarded memcpy. initial-exec TLS needs no
// allocation on access, so reading it from the signal handler is safe.
static __thread guard_frame *volatile current_frame __attribute__((tls_model("initial-exec")));

static struct sigaction previous_bus;
static struct sigaction previous_segv;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int install_error = 0;

static void chain_to_previous(int signal_number, siginfo_t *info, void *context) {
  struct sigaction *previous = signal_number == SIGBUS ? &previous_bus : &previous_segv;
  if (previous->sa_flags & SA_SIGINFO) {
    if (previous->sa_sigaction != NULL) {
      previous->sa_sigaction(signal_number, info, context);
      return;
    }
  } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
    previous->sa_handler(signal_number);
    return;
  }
  // Default (or ignored, which the kernel would not honour for a real fault): restore the default
  // action. Returning re-executes the faulting instruction, which now terminates the process;
  // a signal sent by kill() is re-raised explicitly.
  struct sigaction fallback;
  memset(&fallback, 0, sizeof fallback);
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal_number, &fallback, NULL);
  if (info == NULL || info->si_code <= 0) raise(signal_number);
}

static void fault_handler(int signal_number, siginfo_t *info, void *context) {
#ifdef CMEMMAP_HAVE_EXCEPTION_TABLE
  // A signal sent with kill() (si_code <= 0) is never a fault of ours, wherever the program was.
  if (info != NULL && info->si_code > 0 && recover_guarded_access(context)) return;
#endif
  guard_frame *frame = current_frame;
  if (frame != NULL && info != NULL) {
    uintptr_t address = (uintptr_t)info->si_addr;
    if (address >= frame->start && address < frame->end) {
      current_frame = NULL;
      frame->address = address;
      frame->signal = signal_number;
      frame->has_interrupted_mask = context != NULL;
      if (context != NULL) frame->interrupted_mask = ((ucontext_t *)context)->uc_sigmask;
      siglongjmp(frame->environment, 1);
    }
  }
  int saved_errno = errno;
  int patched = cmemmap_view_regions_patch(signal_number, info);
  errno = saved_errno;
  if (patched) return;
  chain_to_previous(signal_number, info, context);
}

static void install(void) {
  cmemmap_view_regions_prepare();
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = fault_handler;
  // SA_NODEFER + empty mask: nothing stays blocked after the long jump, so sigsetjmp need not
  // save and restore the signal mask (which would cost a system call per copy). A runtime that
  // wraps handlers may still block signals; cmemmap_guarded_copy undoes that after a fault.
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGBUS, &action, &previous_bus) != 0) {
    install_error = errno;
    return;
  }
  if (sigaction(SIGSEGV, &action, &previous_segv) != 0) {
    install_error = errno;
    sigaction(SIGBUS, &previous_bus, NULL);
  }
}

int cmemmap_install_fault_handler(void) {
  pthread_once(&install_once, install);
  return install_error;
}

int cmemmap_guarded_copy(void *destination, const void *source, size_t count,
                         const void *guard_start, const void *guard_end, cmemmap_fault *fault) {
  guard_frame frame;
  frame.start = (uintptr_t)guard_start;
  frame.end = (uintptr_t)guard_end;
  if (sigsetjmp(frame.environment, 0) != 0) {
    // Our handler blocks nothing (SA_NODEFER, empty mask), but a runtime that wraps signal handlers
    // may run it with signals blocked (ThreadSanitizer blocks all of them); the long jump skips the
    // return that would unblock them, and the next fault with SIGBUS/SIGSEGV still blocked would kill
    // the process. Restore the mask the fault interrupted: one system call, on the fault path only.
    if (frame.has_interrupted_mask) pthread_sigmask(SIG_SETMASK, &frame.interrupted_mask, NULL);
    fault->address = frame.address;
    fault->code = frame.signal;
    return 1;
  }
  current_frame = &frame;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  memcpy(destination, source, count);
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  current_frame = NULL;
  return 0;
}

int64_t cmemmap_locked_memory_limit(void) {
  struct rlimit limit;
  if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0) return -2;
  if (limit.rlim_cur == RLIM_INFINITY) return -1;
  return limit.rlim_cur > INT64_MAX ? INT64_MAX : (int64_t)limit.rlim_cur;
}

void *cmemmap_remap(void *address, size_t old_length, size_t new_length, int *error) {
#if defined(__linux__)
  void *moved = mremap(address, old_length, new_length, MREMAP_MAYMOVE);
  if (moved == MAP_FAILED) {
    *error = errno;
    return NULL;
  }
  return moved;
#else
  (void)address; (void)old_length; (void)new_length;
  *error = ENOSYS;
  return NULL;
#endif
}

int cmemmap_preallocate(int descriptor, int64_t offset, int64_t length) {
  if (length <= 0) return 0;
#if defined(__linux__)
  // fallocate, not posix_fallocate: glibc's fallback for filesystems without support writes
  // every block, which would turn a 1 TiB create into a 1 TiB write.
  for (;;) {
    if (fallocate(descriptor, 0, (off_t)offset, (off_t)length) == 0) return 0;
    if (errno == EINTR) continue;
    if (errno == EOPNOTSUPP || errno == ENOSYS) return 0;
    return errno;
  }
#elif defined(__APPLE__)
  fstore_t store;
  memset(&store, 0, sizeof store);
  store.fst_flags = F_ALLOCATEALL;
  store.fst_posmode = F_PEOFPOSMODE;
  store.fst_offset = 0;
  store.fst_length = (off_t)length;
  if (fcntl(descriptor, F_PREALLOCATE, &store) == -1) {
    if (errno == ENOTSUP || errno == EINVAL) return 0;
    return errno;
  }
  (void)offset;
  return 0;
#else
  (void)descriptor; (void)offset;
  return 0;
#endif
}

int64_t cmemmap_copy_range(int source, int64_t source_offset, int target, int64_t target_offset, int64_t length) {
#if defined(__linux__)
  off_t from = (off_t)source_offset;
  off_t to = (off_t)target_offset;
  for (;;) {
    ssize_t copied = copy_file_range(source, &from, target, &to, (size_t)length, 0);
    if (copied >= 0) return (int64_t)copied;
    if (errno == EINTR) continue;
    return -(int64_t)errno;
  }
#else
  (void)source; (void)source_offset; (void)target; (void)target_offset; (void)length;
  return -ENOSYS;
#endif
}

int cmemmap_start_writeback(int descriptor, int64_t offset, int64_t length) {
#if defined(__linux__)
  for (;;) {
    if (sync_file_range(descriptor, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE) == 0) return 0;
    if (errno == EINTR) continue;
    return errno;
  }
#else
  (void)descriptor; (void)offset; (void)length;
  return 0;
#endif
}

int cmemmap_reserve(int descriptor, int64_t offset, int64_t length) {
  if (length <= 0) return 0;
#if defined(__linux__)
  for (;;) {
    if (fallocate(descriptor, FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length) == 0) return 0;
    if (errno == EINTR) continue;
    if (errno == EOPNOTSUPP || errno == ENOSYS) return 0;
    return errno;
  }
#else
  (void)descriptor; (void)offset;
  return 0;
#endif
}

#endif
