import MemMap

// Ctrl-S and the questions around it: in-place saves through the Saver, save-as for the
// scratch buffer, and saving on the way out.

extension Editor {
  /// Saves the pending edits: in place for a file, through the save-as prompt for the scratch
  /// buffer. With `thenQuit`, returns ``EditorOutcome/quit`` once the save succeeded.
  func save(thenQuit: Bool) -> EditorOutcome {
    guard !document.isReadOnly else {
      message = EditorMessage(Self.readOnlyMessage + "; nothing to save", isError: true)
      return .continue
    }
    guard document.path != nil else {
      prompt = Prompt(label: "Save scratch buffer as: ")
      mode = .prompting(.saveAs(thenQuit: thenQuit))
      return .continue
    }
    guard session.hasChanges else {
      if thenQuit { return .quit }
      message = EditorMessage("no changes to save")
      return .continue
    }
    return saveInPlace(ifChangedOnDisk: .ask, thenQuit: thenQuit)
  }

  /// Writes the pending edits into the document's file; asks first if someone else changed it.
  func saveInPlace(ifChangedOnDisk policy: Saver.ChangedFilePolicy, thenQuit: Bool) -> EditorOutcome {
    guard let path = document.path else { return .continue }
    guard let expected = document.savedStatus else {
      message = EditorMessage("cannot save '\(path)': its status could not be read when it was opened", isError: true)
      return .continue
    }
    let outcome: SaveOutcome
    do {
      outcome = try saver.save(session.edits, to: path, expecting: expected, ifChangedOnDisk: policy)
    } catch {
      message = EditorMessage(error.description, isError: true)
      return .continue
    }
    switch outcome {
    case .saved(let report):
      session.markSaved()
      document.noteSaved(status: report.status)
      message = EditorMessage(report.message)
      return thenQuit ? .quit : .continue
    case .fileChangedOnDisk, .destinationExists:
      ask(.saveOverChangedFile(thenQuit: thenQuit), outcome.message)
      return .continue
    }
  }

  /// Handles the path typed into the save-as prompt.
  func submitSaveAs(_ text: String, thenQuit: Bool) -> EditorOutcome {
    let path = text.trimmingSpaces
    guard !path.isEmpty else {
      prompt.error = "type a file name (Esc cancels)"
      return .continue
    }
    mode = .browsing
    return saveAs(to: path, replacingExisting: false, thenQuit: thenQuit)
  }

  /// Writes the whole buffer with its edits to `path`, then continues on that file: the
  /// scratch buffer becomes the saved file, so the next Ctrl-S saves in place.
  func saveAs(to path: String, replacingExisting: Bool, thenQuit: Bool) -> EditorOutcome {
    let outcome: SaveOutcome
    do {
      outcome = try document.saveAs(applying: session.edits, to: path, replacingExisting: replacingExisting)
    } catch {
      prompt = Prompt(label: "Save scratch buffer as: ", text: path)
      prompt.error = error.description
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
          "saved \(report.savedByteCount) bytes to '\(path)', but it could not be reopened (\(error)); "
            + "this is still the scratch buffer", isError: true)
        return thenQuit ? .quit : .continue
      }
      session.markSaved()
      message = EditorMessage("saved \(report.savedByteCount) bytes to '\(path)'")
      return thenQuit ? .quit : .continue
    case .destinationExists, .fileChangedOnDisk:
      ask(.replaceExisting(path: path, thenQuit: thenQuit), outcome.message)
      return .continue
    }
  }
}
