import MemMap

// A file deleted, or replaced by another one renamed over it, while it is open: the screen keeps
// showing the open file's bytes, saves refuse to go silently into the new file, and Ctrl-R
// reloads the file at the path, dropping or keeping the pending edits as the user says.

extension Editor {
  /// Ctrl-R: reloads the file at the document's path; with pending edits, asks first whether to
  /// drop them or keep them over the reloaded bytes.
  func offerReload() {
    guard document.path != nil else {
      message = EditorMessage("the scratch buffer has no file to reload", isError: true)
      return
    }
    document.checkFile()
    if document.pathChange == .deleted {
      message = EditorMessage(
        "cannot reload: '\(document.displayName)' was deleted; Ctrl-O saves what you see (edits included) to a file",
        isError: true)
      return
    }
    guard session.hasChanges else {
      reload(keepingEdits: false)
      return
    }
    let edits = session.changeTally.yourEdits
    ask(
      .reload,
      "Reload '\(document.displayName)' from disk? d: drop \(edits.noun), k: keep \(edits.pronoun) over it, Esc: stay")
  }

  /// The answer to the reload question: `d` drops the edits, `k` keeps them, Esc stays.
  func answerReload(with key: Key) {
    switch key {
    case .character("d"), .character("D"):
      mode = .browsing
      reload(keepingEdits: false)
    case .character("k"), .character("K"):
      mode = .browsing
      reload(keepingEdits: true)
    case .escape:
      mode = .browsing
      message = EditorMessage("not reloaded: nothing changed")
    default:
      break
    }
  }

  /// Opens the file at the path anew and continues on it; the undo history starts afresh.
  ///
  /// Kept edits are applied over the reloaded bytes (one undo step per run of edited bytes);
  /// edits that would lie past the reloaded file's end refuse the reload, nothing lost.
  func reload(keepingEdits: Bool) {
    guard let path = document.path else { return }
    let reloaded: Document
    do {
      reloaded = Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: document.isReadOnly)
    } catch {
      message = EditorMessage("cannot reload '\(document.displayName)': \(error.description); nothing changed", isError: true)
      return
    }
    if keepingEdits, session.changesLayout {
      message = EditorMessage(
        "cannot keep your edits over the reloaded file: bytes were inserted, deleted or filled; Ctrl-O saves them to "
          + "another file first; nothing was reloaded", isError: true)
      return
    }
    let kept = keepingEdits ? session.edits.runs : []
    if let last = kept.last, last.endOffset > reloaded.count {
      message = EditorMessage(
        "cannot keep your edits: some lie past the end of the new file (\(reloaded.count) bytes); nothing was reloaded",
        isError: true)
      return
    }
    var rebased = EditSession()
    for run in kept {
      var originals = [UInt8](repeating: 0, count: run.bytes.count)
      guard reloaded.read(at: run.offset, into: &originals) == run.bytes.count else {
        message = EditorMessage(
          "cannot keep your edits: the reloaded file's bytes at \(Self.hex(run.offset)) cannot be read; "
            + "nothing changed", isError: true)
        return
      }
      rebased.overwrite(at: run.offset, with: run.bytes, originals: originals)
    }
    stopSearch()
    match = nil
    document = reloaded
    session = rebased
    isTypingLowNibble = false
    viewport = Viewport(
      count: reloaded.count, bytesPerRow: viewport.bytesPerRow, visibleRows: viewport.visibleRows,
      cursor: viewport.cursor)
    updateAppendPosition()
    let reloadedName = "reloaded '\(reloaded.displayName)' (\(reloaded.count) bytes)"
    if rebased.hasChanges {
      let count = rebased.changedByteCount
      message = EditorMessage(
        "\(reloadedName) and kept your edits: \(count) \(count == 1 ? "byte differs" : "bytes differ") "
          + "from it")
    } else {
      message = EditorMessage(reloadedName + (keepingEdits ? "; your edits match it" : ""))
    }
  }

  /// Before a save in place: when the path no longer names the open file, says so and returns
  /// `true` (nothing is written, never into a file that replaced the open one).
  func refusesToSaveAfterPathChange() -> Bool {
    document.checkFile()
    guard let change = document.pathChange else { return false }
    let name = document.displayName
    switch change {
    case .deleted:
      message = EditorMessage(
        "not saved: '\(name)' was deleted; Ctrl-O saves what you see (edits included) to a file", isError: true)
    case .replaced:
      message = EditorMessage(
        "not saved: '\(name)' was replaced by another file; Ctrl-R reloads it, Ctrl-O saves elsewhere",
        isError: true)
    }
    return true
  }

  /// The bottom line's standing note about the path, when it no longer names the open file.
  var pathChangeNote: String? {
    guard let change = document.pathChange else { return nil }
    let name = document.displayName
    switch change {
    case .deleted:
      return "'\(name)' was deleted on disk; you see its last bytes. Ctrl-O saves them to a file"
    case .replaced:
      return "'\(name)' was replaced on disk by another file; you see the old one. Ctrl-R reloads it"
    }
  }
}
