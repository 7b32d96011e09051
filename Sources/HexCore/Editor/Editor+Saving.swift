import MemMap

// Ctrl-S and the questions around it: in-place saves through the Saver, save-as for the
// scratch buffer, and saving on the way out.

extension Editor {
  /// Saves the pending edits: in place for a file, through the save-as prompt for the scratch
  /// buffer. With `thenQuit`, returns ``EditorOutcome/quit`` once the save succeeded.
  func save(thenQuit: Bool) -> EditorOutcome {
    guard !refusesToSave() else { return .continue }
    guard document.path != nil else {
      openSaveAsPrompt(thenQuit: thenQuit)
      return .continue
    }
    guard session.hasChanges else {
      if thenQuit { return .quit }
      message = EditorMessage("no changes to save")
      return .continue
    }
    return saveInPlace(ifChangedOnDisk: .ask, thenQuit: thenQuit)
  }

  /// Opens the prompt for a path to save everything to (Ctrl-O; Ctrl-S in the scratch buffer),
  /// offering the file's own path to edit.
  func openSaveAsPrompt(thenQuit: Bool) {
    guard !refusesToSave() else { return }
    prompt = Prompt(label: saveAsLabel, text: document.path ?? "")
    mode = .prompting(.saveAs(thenQuit: thenQuit))
  }

  /// In a read-only session: says that nothing is saved, and returns `true`.
  private func refusesToSave() -> Bool {
    guard document.isReadOnly else { return false }
    message = EditorMessage(Self.readOnlyMessage + "; nothing to save", isError: true)
    return true
  }

  /// The save-as prompt's label.
  var saveAsLabel: String {
    document.path == nil ? "Save scratch buffer as: " : "Save as: "
  }

  /// Writes the pending edits into the document's file; asks first if someone else changed it.
  func saveInPlace(ifChangedOnDisk policy: Saver.ChangedFilePolicy, thenQuit: Bool) -> EditorOutcome {
    guard let path = document.path, !refusesToSaveAfterPathChange() else { return .continue }
    guard let expected = document.savedStatus else {
      message = EditorMessage("cannot save '\(path)': its status could not be read when it was opened", isError: true)
      return .continue
    }
    if let table = session.table {
      return saveMovingBytes(of: table, to: path, expecting: expected, ifChangedOnDisk: policy, thenQuit: thenQuit)
    }
    let history = captureHistoryBeforeSave()
    let outcome: SaveOutcome
    do {
      outcome = try Saver().save(session.edits, to: path, expecting: expected, ifChangedOnDisk: policy)
    } catch {
      if case .writeFailed(_, _, let restoredStatus?, _) = error {
        // The file holds what it held before; the rollback's own writes are nobody's change.
        document.noteSaved(status: restoredStatus)
      }
      message = EditorMessage(error.description, isError: true)
      return .continue
    }
    switch outcome {
    case .saved(let report):
      document.noteSaved(status: report.status)
      message = EditorMessage(report.message + markSaved(keeping: history))
      return thenQuit ? .quit : .continue
    case .fileChangedOnDisk, .destinationExists:
      ask(.saveOverChangedFile(thenQuit: thenQuit), outcome.message(showingTimesAs: configuration.timeFormat))
      return .continue
    }
  }

  /// Handles the path typed into the save-as prompt.
  func submitSaveAs(_ text: String, thenQuit: Bool) -> EditorOutcome {
    let path = expandingHome(text.trimmingSpaces)
    guard !path.isEmpty else {
      prompt.error = "type a file name (Esc cancels)"
      return .continue
    }
    mode = .browsing
    if isDocumentFile(path) {
      // "Save as" the file itself: that is an ordinary save, in place and journaled.
      return save(thenQuit: thenQuit)
    }
    return saveAs(to: path, replacingExisting: false, thenQuit: thenQuit)
  }

  /// `path` with a leading `~` or `~/` standing for the home directory, as a shell reads it
  /// (`~user` is left alone).
  func expandingHome(_ path: String) -> String {
    guard let home = configuration.homeDirectory, path == "~" || path.hasPrefix("~/") else { return path }
    let rest = path.dropFirst()
    return home.hasSuffix("/") && rest.hasPrefix("/") ? home + rest.dropFirst() : home + rest
  }

  /// Whether `path` names the document's own file (the same path, a hard link or a symbolic
  /// link to it).
  func isDocumentFile(_ path: String) -> Bool {
    guard document.path != nil, let own = document.savedStatus,
      let other = try? MemMap.status(ofFile: path)
    else { return false }
    return own.identity == other.identity
  }

  /// Writes the whole buffer with its edits to `path`, then continues on that file: the
  /// scratch buffer (or the file saved from) becomes the saved file, so the next Ctrl-S saves
  /// in place there. A large document is written in the background
  /// (``startBackgroundSaveAs(to:replacingExisting:history:thenQuit:)``).
  func saveAs(to path: String, replacingExisting: Bool, thenQuit: Bool) -> EditorOutcome {
    let history = captureHistoryBeforeSave()
    if contentCount >= Self.backgroundSaveMinimumBytes {
      return startBackgroundSaveAs(to: path, replacingExisting: replacingExisting, history: history, thenQuit: thenQuit)
    }
    let result = Result { () throws(SaveError) in
      if let table = session.table {
        try Saver().saveAs(table, sourcePath: document.path, to: path, replacingExisting: replacingExisting)
      } else {
        try document.saveAs(applying: session.edits, to: path, replacingExisting: replacingExisting)
      }
    }
    return handleSaveAsResult(result, path: path, history: history, thenQuit: thenQuit)
  }

  /// What the editor does once a save-as is over: takes the saved file on, asks before
  /// replacing an existing file, says that it was cancelled, or opens the prompt again with
  /// the reason it failed.
  func handleSaveAsResult(
    _ result: Result<SaveOutcome, SaveError>, path: String, history: SavedHistoryCapture, thenQuit: Bool
  ) -> EditorOutcome {
    let outcome: SaveOutcome
    switch result {
    case .success(let success):
      outcome = success
    case .failure(.cancelled):
      // Named as the progress line named it, so that the whole line fits.
      message = EditorMessage(
        "save to '\(Document.fileName(of: path))' cancelled; nothing was written, your edits are still pending")
      return .continue
    case .failure(let error):
      prompt = Prompt(label: saveAsLabel, text: path)
      // The prompt shows the path: the error says why, so a long path cannot hide the reason.
      prompt.error = error.reasonAfterPath
      mode = .prompting(.saveAs(thenQuit: thenQuit))
      return .continue
    }
    switch outcome {
    case .saved(let report):
      do {
        let map = try MemMap.open(path, mode: .readOnly)
        document = Document(mapping: map, path: path, isReadOnly: false)
      } catch {
        message = EditorMessage(
          "saved \(report.savedByteCount) bytes to '\(path)', but it could not be reopened (\(error.userDescription)); "
            + "you are still editing \(document.path.map { "'\($0)'" } ?? "the scratch buffer")", isError: true)
        return thenQuit ? .quit : .continue
      }
      message = EditorMessage("saved \(report.savedByteCount) bytes to '\(path)'" + markSaved(keeping: history))
      return thenQuit ? .quit : .continue
    case .destinationExists, .fileChangedOnDisk:
      ask(.replaceExisting(path: path, thenQuit: thenQuit), outcome.message)
      return .continue
    }
  }
}
