import MemMap
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whether a sanitizer runtime is loaded: it reports a crash itself (and its report fails the
/// sanitizer run), so the crash tests skip there.
let runsUnderSanitizer = [String](["__tsan_init", "__asan_init"]).contains { name in
  dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) != nil
}

/// The fault handler answers faults in MemMap's own maps only: any other fault still ends the
/// process with its signal.
@Suite("Faults outside MemMap's maps still crash", .enabled(if: !runsUnderSanitizer, "a sanitizer reports the crash itself"))
struct GenuineCrashTests {
  /// Runs `body` in a forked child and returns the signal that ended it (0 if it exited).
  func signalEndingChild(_ body: () -> Void) throws -> Int32 {
    let child = fork()
    if child == 0 {
      // Report the crash through the exit status alone: no crash reporter in the child.
      setenv("SWIFT_BACKTRACE", "enable=no", 1)
      body()
      _exit(0)
    }
    try #require(child > 0)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    return status & 0x7F
  }

  @Test func aSIGBUSInAMappingMemMapDoesNotOwnEndsTheProcess() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(3 * 4096))
    // A MemMap of the same file is open, so the handler is installed and watching.
    let map = try MemMap.open(path)
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let raw = try #require(mmap(nil, 3 * 4096, PROT_READ, MAP_SHARED, descriptor, 0))
    try #require(raw != MAP_FAILED)
    defer { munmap(raw, 3 * 4096) }
    try truncateFile(path, to: 4096)
    let signal = try signalEndingChild {
      _ = raw.load(fromByteOffset: 8192, as: UInt8.self)
    }
    #expect(signal == SIGBUS)
    try map.close()
  }

  @Test func aNullPointerWriteEndsTheProcessWithSIGSEGV() throws {
    let map = try MemMap.anonymous(size: 16)
    let signal = try signalEndingChild {
      UnsafeMutablePointer<Int>(bitPattern: 64)!.pointee = 1
    }
    #expect(signal == SIGSEGV)
    try map.close()
  }
}
