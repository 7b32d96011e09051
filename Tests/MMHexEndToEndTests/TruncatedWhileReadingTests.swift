import Foundation
import Testing

/// `mmhex find` and `mmhex dump` on a file that another process truncates while they read it.
///
/// To truncate at a known point, the command's standard output is a pipe the test does not read
/// at first. The command's first output is far larger than the pipe holds, so once anything can be
/// read the command is blocked writing it, having read only the start of the file. The test then
/// truncates the file, drains the pipe and waits for the end.
@Suite("Files truncated while a command reads them")
struct TruncatedWhileReadingTests {
  @Test func findStopsWithOneLineNamingTheNewSizeAndExitStatus2() throws {
    let directory = try TemporaryDirectory()
    // 32 MiB: the first 16 MiB (the search's first round) hold a match every 256 bytes, far more
    // offsets than a pipe holds.
    var bytes = [UInt8](repeating: 0, count: 32 << 20)
    for offset in stride(from: 0, to: 16 << 20, by: 256) { bytes[offset] = 0x41 }
    let path = try directory.file("big.bin", bytes: bytes)
    let newSize = (20 << 20) + 5
    let result = try PipedRun.run(["find", "41", path]) { try truncate(path, to: newSize) }
    #expect(result.status == 2)
    #expect(result.standardError
      == "mmhex: cannot search '\(path)': the file was truncated to \(newSize) bytes by another process during the search\n")
    // Every offset printed is a real match from before the truncation: none from the stand-in zeros.
    let printed = result.outputText.split(separator: "\n").map { Int($0.dropFirst(2), radix: 16) }
    #expect(!printed.isEmpty)
    #expect(printed == (0..<printed.count).map { $0 * 256 })
  }

  @Test func dumpStopsWithOneLineNamingTheNewSize() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("big.bin", bytes: [UInt8](repeating: 0x5A, count: 8 << 20))
    let newSize = (3 << 20) + 5
    let result = try PipedRun.run(["dump", path]) { try truncate(path, to: newSize) }
    #expect(result.status == 1)
    #expect(result.standardError
      == "mmhex: cannot dump '\(path)': it was truncated to \(newSize) bytes by another process during the dump\n")
    #expect(!result.standardOutput.isEmpty)
  }

  private func truncate(_ path: String, to size: Int) throws {
    let truncated = try MMHexBinary.runProgram("truncate", ["-s", String(size), path])
    try #require(truncated.status == 0, "truncate failed: \(truncated.standardError)")
  }
}

/// Runs `mmhex` with standard output into a pipe; calls `whileBlocked` once output arrives (a
/// program whose first output is larger than the pipe is then blocked writing it), then reads
/// everything and waits for the program to end.
enum PipedRun {
  static func run(_ arguments: [String], whileBlocked: () throws -> Void) throws -> MMHexBinary.Result {
    let folder = try TemporaryDirectory()
    let errorPath = folder.path("stderr")
    var pipeEnds: [Int32] = [0, 0]
    try #require(pipe(&pipeEnds) == 0)
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    // Programs other tests start meanwhile may still inherit the write end (and keep the pipe
    // open), so the reading below ends when mmhex exits, not at end of file.
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
    defer { close(readEnd) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([MMHexBinary.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // Test threads block every signal and a child inherits the mask; mmhex must get its faults.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, MMHexBinary.path, &actions, &attributes, argv, environ)
    close(writeEnd)
    guard spawned == 0 else { throw MMHexBinary.SpawnFailed(program: MMHexBinary.path, code: spawned) }

    var readable = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
    var status: Int32 = 0
    var exited = false
    while poll(&readable, 1, 50) <= 0 && !exited {
      exited = waitpid(pid, &status, WNOHANG) == pid
    }
    try whileBlocked()

    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let ready = poll(&readable, 1, 50)
      if ready > 0 {
        let count = read(readEnd, &buffer, buffer.count)
        if count > 0 {
          output.append(contentsOf: buffer[..<count])
          continue
        }
        if count == 0 { break }
      }
      if exited { break }
      // Once mmhex has exited, one more pass reads what is left.
      exited = waitpid(pid, &status, WNOHANG) == pid
    }
    if !exited { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
    let normalExit = status & 0x7F == 0
    return MMHexBinary.Result(
      status: normalExit ? (status >> 8) & 0xFF : 128 + (status & 0x7F), standardOutput: output,
      standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self))
  }
}
