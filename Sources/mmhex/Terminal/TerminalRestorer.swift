import CNcurses
import Glibc
import Synchronization

/// Puts the terminal back into its normal mode on every way out of the program: a normal quit,
/// a thrown error, a termination request (SIGTERM, SIGINT, SIGHUP, SIGQUIT) and a crash.
///
/// While curses mode is on, so is the terminal's bracketed paste mode (a paste arrives between
/// `Esc [ 200 ~` and `Esc [ 201 ~`, so it can be told from typing); every restore turns it off
/// again, so the shell afterwards gets plain pastes.
///
/// A termination request is only recorded by the handler (restoring the terminal from inside a
/// signal handler could deadlock if the signal lands in the middle of `malloc`); the event loop
/// sees it within one idle timeout, leaves curses mode and then ends the process with the same
/// signal (``endWithPendingSignal()``). Crashes (SIGILL, SIGTRAP, SIGFPE, SIGABRT) restore the
/// terminal at once, then the previous handler (the Swift runtime's crash report) runs.
/// SIGSEGV and SIGBUS are left alone: MemMap's fault guard owns them.
enum TerminalRestorer {
  private static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]
  /// Raised by a faulting instruction: returning re-executes it under the previous handler.
  private static let trapSignals: [Int32] = [SIGILL, SIGTRAP, SIGFPE]
  /// Raised by `abort()`: re-raised under the previous handler.
  private static let abortSignals: [Int32] = [SIGABRT]

  /// The termination signal received, or 0.
  private static let pendingSignal = Atomic<Int32>(0)
  nonisolated(unsafe) private static var isCursesActive = false
  nonisolated(unsafe) private static var crashActions: [Int32: sigaction] = [:]
  nonisolated(unsafe) private static var isInstalled = false

  /// Records that curses mode is on and installs the signal handlers (once).
  static func install() {
    isCursesActive = true
    writeToTerminal(bracketedPasteOn)
    guard !isInstalled else { return }
    isInstalled = true
    for signal in terminationSignals {
      setHandler(recordTermination, for: signal)
    }
    for signal in trapSignals + abortSignals {
      if let previous = setHandler(restoreBeforeCrash, for: signal) {
        crashActions[signal] = previous
      }
    }
  }

  /// Leaves curses mode if it is on; safe to call any number of times.
  static func restore() {
    guard isCursesActive else { return }
    isCursesActive = false
    endwin()
    writeToTerminal(bracketedPasteOff)
  }

  /// Turns bracketed paste on (DEC private mode 2004); terminals without it ignore the sequence.
  private static let bracketedPasteOn: StaticString = "\u{1B}[?2004h"
  /// Turns bracketed paste off.
  private static let bracketedPasteOff: StaticString = "\u{1B}[?2004l"

  /// Writes `sequence` straight to standard output (safe inside a signal handler: no
  /// allocation, no locks).
  private static func writeToTerminal(_ sequence: StaticString) {
    _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
  }

  /// The termination signal that arrived, if any; the event loop stops when it sees one.
  static var pendingTerminationSignal: Int32? {
    let signal = pendingSignal.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// Restores the terminal and, if a termination signal arrived, ends the process with it
  /// (default action), so the parent sees the program killed by that signal as usual.
  static func endWithPendingSignal() {
    restore()
    guard let signal = pendingTerminationSignal else { return }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    sigaddset(&unblocked, signal)
    sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    raise(signal)
  }

  @discardableResult
  private static func setHandler(_ handler: @convention(c) (Int32) -> Void, for signal: Int32) -> sigaction? {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var previous = sigaction()
    return sigaction(signal, &action, &previous) == 0 ? previous : nil
  }

  private static let recordTermination: @convention(c) (Int32) -> Void = { signal in
    TerminalRestorer.pendingSignal.store(signal, ordering: .relaxed)
  }

  private static let restoreBeforeCrash: @convention(c) (Int32) -> Void = { signal in
    TerminalRestorer.restore()
    var previous = TerminalRestorer.crashActions[signal] ?? sigaction()
    sigaction(signal, &previous, nil)
    if TerminalRestorer.abortSignals.contains(signal) {
      raise(signal)
    }
  }
}
