import MemMap

// Long saves of a document whose size or layout changed run in the background: the screen stays
// live and shows their progress, Esc cancels them before their commit point, and no key changes
// the document until they are over.

/// A save running in the background, and what the editor does around it.
final class RunningSave {
  let job: SaveJob
  /// The file being saved (save-as: the destination).
  let path: String
  /// Whether this is a save-as (a new file at ``path``) rather than a save in place.
  let isSaveAs: Bool
  /// The file's name as the status line shows it.
  let name: String
  /// Whether to quit once the save succeeded (the quit question's save, or Ctrl-Q during it).
  var thenQuit: Bool
  /// What keeps the undo history across the save (taken before it started).
  let history: SavedHistoryCapture
  /// Whether a key was dropped while it ran (the bottom line then says that keys are ignored).
  var hasIgnoredKey = false
  /// The file rows last drawn before the commit point, and the layout and first offset they
  /// were drawn for (see ``Editor/fileRowsWhileSaving(layout:draw:)``).
  var stillRows: (layout: RowLayout, topOffset: Int, rows: [StyledLine])?

  init(job: SaveJob, path: String, isSaveAs: Bool, name: String, history: SavedHistoryCapture, thenQuit: Bool) {
    self.job = job
    self.history = history
    self.path = path
    self.isSaveAs = isSaveAs
    self.name = name
    self.thenQuit = thenQuit
  }
}

extension Editor {
  /// How long a save may take before the editor shows its progress instead of waiting for it:
  /// a save that finishes sooner looks like any other.
  static let saveWaitMilliseconds = 100

  /// Saves that rewrite fewer bytes than this finish before the next frame, as in-place saves
  /// do; larger ones run in the background.
  static let backgroundSaveMinimumBytes = 16 << 20

  /// Whether a save is running in the background.
  public var isSaving: Bool { runningSave != nil }

  /// Starts saving `table` in the background; waits ``saveWaitMilliseconds`` for it, so that a
  /// quick save ends at once.
  func startBackgroundSave(
    of table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: Saver.ChangedFilePolicy,
    history: SavedHistoryCapture, thenQuit: Bool
  ) -> EditorOutcome {
    runInBackground(path: path, isSaveAs: false, name: document.displayName, history: history, thenQuit: thenQuit) {
      SaveJob.start(table, to: path, expecting: expected, ifChangedOnDisk: policy, observer: backgroundSaveObserver)
    }
  }

  /// Starts the save `startJob` starts, as the running save; waits ``saveWaitMilliseconds`` for
  /// it, so that a quick save ends at once.
  func runInBackground(
    path: String, isSaveAs: Bool, name: String, history: SavedHistoryCapture, thenQuit: Bool,
    _ startJob: () -> SaveJob
  ) -> EditorOutcome {
    // Drawn before the save starts: these rows stay right whatever the save has done by the
    // time the screen is drawn again.
    let rows = rowsOfLastFrame()
    let job = startJob()
    runningSave = RunningSave(
      job: job, path: path, isSaveAs: isSaveAs, name: name, history: history, thenQuit: thenQuit)
    runningSave?.stillRows = rows
    job.wait(milliseconds: Self.saveWaitMilliseconds)
    return collectFinishedSave() ?? .continue
  }

  /// Takes the result of a finished background save; `nil` while it still runs.
  private func collectFinishedSave() -> EditorOutcome? {
    guard let save = runningSave, let result = save.job.result else { return nil }
    runningSave = nil
    if save.isSaveAs {
      return handleSaveAsResult(result, path: save.path, history: save.history, thenQuit: save.thenQuit)
    }
    return handleMovedBytesSaveResult(result, path: save.path, history: save.history, thenQuit: save.thenQuit)
  }

  /// Collects a background save that finished; quits (``wantsToQuit``) when it was asked to.
  ///
  /// - Returns: `true` when the screen should be redrawn (the save ended, or it is still
  ///   running and its progress moved).
  @discardableResult
  func pollSave() -> Bool {
    guard runningSave != nil else { return false }
    if let outcome = collectFinishedSave(), finishing(outcome) == .quit {
      wantsToQuit = true
    }
    return true
  }

  /// A key while a save runs: Esc cancels it (before its commit point), Ctrl-Q quits once it
  /// succeeded; every other key is dropped, so nothing changes the document under the save.
  /// A key that arrives as the save ends is dropped too: it was typed during the save, and
  /// must not answer a question the save's end raises.
  func handleKeyWhileSaving(_ key: Key) -> EditorOutcome {
    pollSave()
    if wantsToQuit { return .quit }
    guard let save = runningSave else { return .continue }
    switch KeyBinding.command(for: key, in: activePane) {
    case .cancel:
      save.job.cancel()
    case .quit:
      save.thenQuit = true
    default:
      save.hasIgnoredKey = true
    }
    return .continue
  }

  /// Blocks until the background save, if any, is over and takes its result (on the way out
  /// after a termination signal: a save is then cancelled if it can still be).
  public func finishSaving(cancelling: Bool) {
    guard let save = runningSave else { return }
    if cancelling { save.job.cancel() }
    save.job.wait()
    pollSave()
  }

  /// Blocks until the background save, if any, is over (tests).
  package func waitForSave() {
    runningSave?.job.wait()
  }

  /// The bottom line while a save runs: what, how far, how fast, and whether Esc can still
  /// stop it.
  var saveProgressText: String? {
    guard let save = runningSave else { return nil }
    let job = save.job
    let percent = Int(job.fractionCompleted * 100)
    let what = save.thenQuit ? "saving '\(save.name)' before quitting" : "saving '\(save.name)'"
    let state =
      if job.isPastCommitPoint {
        "finishing (can't cancel now)"
      } else if job.isCancelRequested {
        "cancelling"
      } else if save.hasIgnoredKey {
        "Esc cancels, other keys are ignored"
      } else {
        "Esc cancels"
      }
    if job.isWaitingForLock {
      let whose = save.isSaveAs ? "'\(document.displayName)'" : "it"
      return "\(what): waiting for another mmhex saving \(whose) to finish  \(state)"
    }
    return "\(what): \(percent)% at \(Self.speed(job.bytesPerSecond))  \(state)"
  }

  /// The file rows as the last frame's size lays them out now, with that layout and the first
  /// offset shown; `nil` before the first frame.
  private func rowsOfLastFrame() -> (layout: RowLayout, topOffset: Int, rows: [StyledLine])? {
    guard let size = lastSize,
      let layout = RowLayout.fitting(
        width: fileArea(for: size).columns, fileSize: contentCount, requestedBytesPerRow: configuration.bytesPerRow)
    else { return nil }
    return (layout, viewport.topOffset, fileRows(layout: layout))
  }

  /// The file rows while a save runs. Before its commit point the file is untouched and the
  /// rows are drawn as always; from then on the save rewrites the file under the document's
  /// mapping, so the rows drawn last stay on screen until the saved file is opened again (a
  /// terminal resized meanwhile shows the rows as the mapping holds them for that moment).
  func fileRowsWhileSaving(layout: RowLayout, draw: () -> [StyledLine]) -> [StyledLine] {
    guard let save = runningSave else { return draw() }
    let topOffset = viewport.topOffset
    if save.job.isPastCommitPoint, let still = save.stillRows, still.layout == layout, still.topOffset == topOffset {
      return still.rows
    }
    let rows = draw()
    // Checked after drawing: rows drawn while the file was still untouched are safe to keep.
    if !save.job.isPastCommitPoint {
      save.stillRows = (layout, topOffset, rows)
    }
    return rows
  }
}
