import Foundation

/// One program running in a private tmux server, seen exactly as a person would see it.
///
/// Each session has its own server socket (`tmux -L <unique>`), so tests run in parallel
/// without meeting. The window has a fixed size and no status bar, `TERM`/`LANG` are fixed,
/// and the shell that runs the program prints its exit status afterwards. Waiting is done by
/// polling `capture-pane` until the expected text appears, with a deadline.
final class TmuxSession {
  /// Raised when the screen did not reach the expected state in time; carries the last screen.
  struct Timeout: Error, CustomStringConvertible {
    let expectation: String
    let screen: String
    var description: String { "timed out waiting for \(expectation); the screen was:\n\(screen)" }
  }

  /// Raised when a tmux command itself failed.
  struct CommandFailed: Error, CustomStringConvertible {
    let arguments: [String]
    let message: String
    var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(message)" }
  }

  /// What the shell prints after the program, followed by its exit status and `]`.
  static let exitMarker = "[mmhex exited: "

  /// How long `waitFor` polls before giving up: long enough for a sanitizer-built mmhex among
  /// many sessions on two cores; a passing wait ends as soon as its screen is there.
  static let deadline: Duration = .seconds(30)

  private let socket = "mmhex-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
  private let target = "mmhex"

  /// Starts `mmhex arguments…` in a `columns` × `rows` window.
  init(
    mmhex arguments: [String], columns: Int = 100, rows: Int = 30,
    term: String = "xterm-256color", environment: [String: String] = [:]
  ) throws {
    var variables = ["TERM": term, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
    variables.merge(environment) { _, new in new }
    let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    // The shell prints the exit status once mmhex has ended and restored the terminal, then
    // waits, so the pane (and what was printed) stays until the server is killed. tmux's own
    // record of a dead pane can lose the last output and the status.
    let command = (["env", "-u", "NO_COLOR"] + assignments + [MMHexBinary.path] + arguments)
      .map(Self.shellQuoted).joined(separator: " ") + "; echo \"\(Self.exitMarker)$?]\"; read -r _"
    try tmux([
      "-f", "/dev/null", "start-server", ";",
      "set-option", "-g", "status", "off", ";",
      "new-session", "-d", "-s", target, "-x", String(columns), "-y", String(rows), command,
    ])
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Sends tmux key names (`"C-g"`, `"Enter"`, `"F1"`, `"NPage"`, `"Escape"`), one key each.
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", target] + keys)
  }

  /// Types `text` literally.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", target, "-l", text])
  }

  /// Pastes `text` as a terminal does (`paste-buffer -p`): bracketed, between `Esc [ 200 ~`
  /// and `Esc [ 201 ~`, when the program turned bracketed paste on; line feeds become carriage
  /// returns, as terminals send them.
  func paste(_ text: String) throws {
    try tmux(["set-buffer", "-b", "e2e-paste", "--", text])
    try tmux(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", target])
  }

  /// Lets programs set tmux's paste buffer with the OSC 52 escape sequence (`set-clipboard on`).
  func acceptClipboardFromPrograms() throws {
    try tmux(["set-option", "-g", "set-clipboard", "on"])
  }

  /// The most recent paste buffer (`show-buffer`), or `nil` when there is none.
  func newestBuffer() throws -> String? {
    let result = try MMHexBinary.runProgram("tmux", ["-L", socket, "show-buffer"])
    return result.status == 0 ? result.outputText : nil
  }

  /// The screen now, one string per row (trailing spaces removed by tmux).
  func screen() throws -> [String] {
    let text = try tmux(["capture-pane", "-p", "-t", target])
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Polls the screen until `predicate` holds and returns that screen.
  ///
  /// - Parameter styled: whether to look at the screen with its attributes (``styledScreen()``).
  @discardableResult
  func waitFor(_ expectation: String, styled: Bool = false, _ predicate: ([String]) -> Bool) throws -> [String] {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: Self.deadline)
    var lines = try styled ? styledScreen() : screen()
    while !predicate(lines) {
      guard clock.now < end else { throw Timeout(expectation: expectation, screen: lines.joined(separator: "\n")) }
      Thread.sleep(forTimeInterval: 0.02)
      lines = try styled ? styledScreen() : screen()
    }
    return lines
  }

  /// Polls until some row contains `text`.
  @discardableResult
  func waitForText(_ text: String) throws -> [String] {
    try waitFor("'\(text)'") { $0.contains { $0.contains(text) } }
  }

  /// Polls until no row contains `text`.
  @discardableResult
  func waitForAbsence(of text: String) throws -> [String] {
    try waitFor("'\(text)' to disappear") { !$0.contains { $0.contains(text) } }
  }

  /// Resizes the window (the program receives SIGWINCH through tmux).
  func resize(columns: Int, rows: Int) throws {
    try tmux(["resize-window", "-t", target, "-x", String(columns), "-y", String(rows)])
  }

  /// The screen now with colours and attributes as escape sequences (`capture-pane -e`).
  func styledScreen() throws -> [String] {
    try tmux(["capture-pane", "-p", "-e", "-t", target]).components(separatedBy: "\n")
  }

  /// The process ID of mmhex: the only child of the pane's shell.
  func programID() throws -> Int32 {
    let shell = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    guard let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
      throw CommandFailed(arguments: ["display-message"], message: "the pane's shell \(shell) has no child")
    }
    return pid
  }

  /// The program's exit status once it has ended (128 + the signal number if a signal ended it),
  /// or `nil` while it runs.
  func exitStatus() throws -> Int32? {
    for line in try screen() {
      guard let range = line.range(of: Self.exitMarker) else { continue }
      return Int32(line[range.upperBound...].prefix { $0 != "]" })
    }
    return nil
  }

  /// Polls until the program has ended and returns its exit status.
  func waitForExit() throws -> Int32 {
    let screen = try waitForText(Self.exitMarker)
    guard let status = try exitStatus() else {
      throw Timeout(expectation: "an exit status", screen: screen.joined(separator: "\n"))
    }
    return status
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let result = try MMHexBinary.runProgram("tmux", ["-L", socket] + arguments)
    guard result.status == 0 else {
      throw CommandFailed(arguments: arguments, message: result.standardError)
    }
    return result.outputText
  }

  private static func shellQuoted(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
