import Foundation
import Testing

/// `mmhex-save-crash-helper` in `pause` mode: a save in another process, stopped (SIGSTOP) right
/// after a chosen step while it holds the file's lock, until the test lets it go on.
final class PausedSave {
  let processID: pid_t
  private var hasEnded = false

  /// Starts the helper's save of `path` (the edits of ``SaveKillTests/edited(_:)``) and returns
  /// once it has stopped itself after step `step`.
  init(path: String, afterStep step: Int) throws {
    let helper = try #require(SaveKillTests.helperPath, "mmhex-save-crash-helper must be built next to the tests")
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
    let words = [helper, path, String(SaveKillTests.stride), String(step), "pause"]
    let arguments = words.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    var pid: pid_t = 0
    try #require(posix_spawn(&pid, helper, &actions, &attributes, arguments, environ) == 0)
    processID = pid
    var status: Int32 = 0
    while waitpid(pid, &status, WUNTRACED) < 0 && errno == EINTR {}
    // WIFSTOPPED: the low byte is 0x7f when the child stopped rather than ended.
    try #require(status & 0xFF == 0x7F, "the helper should stop itself after step \(step)")
  }

  /// Lets the save go on and waits for it to end; returns its exit status.
  @discardableResult
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
