import CNcurses
import Glibc

/// Puts the terminal back into its normal mode on every way out of the program: a normal quit,
/// a thrown error, and fatal signals (termination requests and Swift runtime traps).
///
/// Signal handlers call `endwin()` and then let the signal do what it would have done: the
/// previous handler runs (the Swift runtime's crash reporter, for traps) or the default action
/// ends the process. SIGSEGV and SIGBUS are left alone: MemMap's fault guard owns them.
enum TerminalRestorer {
  /// Signals that end the process and are sent from outside: re-raised after restoring.
  private static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGABRT]
  /// Signals raised by a faulting instruction: returning re-executes it under the previous handler.
  private static let trapSignals: [Int32] = [SIGILL, SIGTRAP, SIGFPE]

  nonisolated(unsafe) private static var isCursesActive = false
  nonisolated(unsafe) private static var previousActions: [Int32: sigaction] = [:]

  /// Records that curses mode is on and installs the signal handlers (once).
  static func install() {
    isCursesActive = true
    guard previousActions.isEmpty else { return }
    for signal in terminationSignals + trapSignals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = handleFatalSignal
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      var previous = sigaction()
      if sigaction(signal, &action, &previous) == 0 {
        previousActions[signal] = previous
      }
    }
  }

  /// Leaves curses mode if it is on; safe to call any number of times.
  static func restore() {
    guard isCursesActive else { return }
    isCursesActive = false
    endwin()
  }

  private static let handleFatalSignal: @convention(c) (Int32) -> Void = { signal in
    TerminalRestorer.restore()
    var previous = TerminalRestorer.previousActions[signal] ?? sigaction()
    sigaction(signal, &previous, nil)
    if !TerminalRestorer.trapSignals.contains(signal) {
      raise(signal)
    }
  }
}
