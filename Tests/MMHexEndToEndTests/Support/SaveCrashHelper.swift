import Foundation
import Testing

/// The `mmhex-save-crash-helper` executable, which runs a save and kills itself with SIGKILL
/// after a chosen step. It is built into the same folder as `mmhex` (another test target
/// depends on it), so it is looked up next to ``MMHexBinary/path``.
enum SaveCrashHelper {
  /// The helper's path, or `nil` when it was not built next to `mmhex`.
  static let path: String? = {
    let folder = URL(fileURLWithPath: MMHexBinary.path).deletingLastPathComponent()
    let helper = folder.appendingPathComponent("mmhex-save-crash-helper").path
    return FileManager.default.isExecutableFile(atPath: helper) ? helper : nil
  }()

  /// Runs the helper on `file`: it inverts every `stride`-th byte from offset 17 and the five
  /// bytes around the boundary between the third and fourth 4 KiB pages, saving with the
  /// crash-safe saver, and kills itself after save step `stop` (0: journal written, then one
  /// step per page written).
  ///
  /// - Returns: How the helper ended (128 + 9 when it killed itself).
  static func run(_ helper: String, file: String, stride: Int, stop: Int) throws -> MMHexBinary.Result {
    try MMHexBinary.runProgram(helper, [file, String(stride), String(stop)])
  }
}

/// The crash helper in `pause` mode: a save in another process that stops itself (SIGSTOP) after
/// a chosen step, in the middle of its save and holding the file's lock, until resumed.
final class PausedHelperSave {
  let processID: pid_t
  private var hasEnded = false

  /// Starts the helper on `file` and returns once it has stopped after step `step`.
  init(file: String, stride: Int, afterStep step: Int) throws {
    let helper = try #require(SaveCrashHelper.path, "mmhex-save-crash-helper must be built next to mmhex")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    // Test threads block signals and children inherit the mask: start with none blocked.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let words = [helper, file, String(stride), String(step), "pause"]
    let arguments = words.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    var pid: pid_t = 0
    try #require(posix_spawn(&pid, helper, &actions, &attributes, arguments, environ) == 0)
    processID = pid
    var status: Int32 = 0
    while waitpid(pid, &status, WUNTRACED) < 0 && errno == EINTR {}
    // The low byte is 0x7f when the child stopped rather than ended.
    try #require(status & 0xFF == 0x7F, "the helper should stop itself after step \(step)")
  }

  /// Lets the save go on and waits for it to end; returns its exit status.
  func finish() -> Int32 {
    kill(processID, SIGCONT)
    var status: Int32 = 0
    while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
    hasEnded = true
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  deinit {
    if !hasEnded {
      kill(processID, SIGKILL)
      var status: Int32 = 0
      waitpid(processID, &status, 0)
    }
  }
}
