import HexCore

/// The interactive loop: key → editor → frame → screen, until the editor says to quit or a
/// termination signal (SIGTERM, SIGINT, SIGHUP) arrives.
///
/// Keys that have already arrived (a held PgDn, a paste) are all applied before the next frame
/// is drawn, so the screen keeps up with the key repeat instead of lagging behind it. Before
/// every frame, and whenever no key arrives for a while, the editor checks the file on disk and
/// a running search, so changes by others and search progress show without a key press.
struct EventLoop {
  /// Most keys applied between two frames, so a flood of input still shows progress.
  static let maximumKeysPerFrame = 64

  let screen: Screen
  let editor: Editor

  /// Runs until the editor returns `.quit` or a termination signal arrives.
  func run() {
    // A termination signal during a save cancels it if it can still be cancelled, and waits
    // for it otherwise: the file is never left to its journal's recovery.
    defer { editor.finishSaving(cancelling: true) }
    screen.paint(editor.render(size: screen.size))
    while TerminalRestorer.pendingTerminationSignal == nil {
      // An export is written here, a step at a time between keys: no waiting for keys then,
      // or the writing would stand still between steps.
      let isBusy = editor.isSearching || editor.isSaving
      let wait =
        editor.isExporting ? 0 : isBusy ? Screen.busyTimeoutMilliseconds : Screen.idleTimeoutMilliseconds
      guard let key = screen.readKey(waitMilliseconds: wait) else {
        if editor.idle() {
          // A save-and-quit that finished in the background.
          if editor.wantsToQuit { return }
          screen.paint(editor.render(size: screen.size))
        }
        continue
      }
      if editor.handle(key) == .quit { return }
      var applied = 1
      while applied < Self.maximumKeysPerFrame, let pending = screen.readPendingKey() {
        if editor.handle(pending) == .quit { return }
        applied += 1
      }
      _ = editor.idle()
      if editor.wantsToQuit { return }
      if let copied = editor.takeTerminalClipboardText() { screen.setClipboard(copied) }
      screen.paint(editor.render(size: screen.size))
    }
  }
}
