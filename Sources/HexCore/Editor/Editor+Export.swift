import MemMap

// Ctrl-E: the selection (or the byte under the cursor) as text on both clipboards, or as raw
// bytes in a file written next to its destination and renamed over it once complete.

extension Editor {
  /// Bytes read and written per step of a raw export; the editor draws and reads keys
  /// between steps, so a large export shows its progress and Esc cancels it.
  static let exportChunkSize = 1 << 20
  /// Steps of a raw export taken before the screen is drawn again.
  static let exportChunksPerStep = 16

  /// Ctrl-E: asks which format to export the selection in.
  func openExportChoice() {
    guard let range = selectionOrCursorByte else {
      message = EditorMessage(nothingUnderCursorMessage("export"), isError: true)
      return
    }
    ask(
      .exportFormat(range),
      "Export \(Self.byteCount(range.count)) from \(Self.hex(range.lowerBound)) as: h hex, c C array, "
        + "p Python bytes, b base64 (to the clipboard), f raw bytes to a file; Esc: cancel")
  }

  /// Answers the export questions; returns `false` for any other question.
  func answerExportQuestion(_ question: EditorQuestion, with key: Key) -> Bool {
    switch question {
    case .exportFormat(let range):
      answerExportFormat(range: range, key: key)
    case .replaceExport(let path, let range):
      switch key {
      case .character("y"), .character("Y"):
        mode = .browsing
        exportRaw(range, to: path, replacingExisting: true)
      case .character("n"), .character("N"), .escape:
        mode = .browsing
        message = EditorMessage("not exported: '\(path)' is unchanged")
      default:
        break
      }
    default:
      return false
    }
    return true
  }

  private func answerExportFormat(range: Range<Int>, key: Key) {
    let formats: [String: ByteTextFormat] = ["h": .hex, "c": .cArray, "p": .python, "b": .base64]
    if case .character(let letter) = key, let format = formats[letter.lowercased()] {
      mode = .browsing
      copy(range, as: format)
      return
    }
    switch key {
    case .character("f"), .character("F"):
      prompt = Prompt(label: exportLabel(range))
      mode = .prompting(.exportPath(range))
    case .escape:
      mode = .browsing
    default:
      break
    }
  }

  private func exportLabel(_ range: Range<Int>) -> String {
    "Export \(Self.byteCount(range.count)) to file: "
  }

  /// Enter in the export prompt: writes the bytes to the typed path, asking before replacing a file.
  func submitExportPath(_ text: String, range: Range<Int>) {
    guard !text.isEmpty else {
      prompt.error = "type a path, or Esc to cancel"
      return
    }
    let path = expandingHome(text)
    guard !isDocumentFile(path) else {
      prompt.error = "that is the file being edited: export to another file"
      return
    }
    mode = .browsing
    exportRaw(range, to: path, replacingExisting: false)
  }

  /// Starts writing the bytes in `range`, with the pending edits applied, to a new file that
  /// replaces `path` only once it is complete (asking first when a file exists there); the
  /// bytes are written by ``continueExport()``, step by step.
  func exportRaw(_ range: Range<Int>, to path: String, replacingExisting: Bool) {
    do throws(MemMapError) {
      if try FileReplacement.existingFile(at: path), !replacingExisting {
        ask(.replaceExport(path: path, range), "'\(path)' exists. Replace it? y: replace, n or Esc: keep it")
        return
      }
      runningExport = RunningExport(
        path: path, range: range, table: session.snapshotTable(over: document.byteSource),
        replacement: try FileReplacement(replacing: path, size: range.count))
    } catch {
      reopenExportPrompt(range, path: path, error: error)
      return
    }
    continueExport()
  }

  /// Whether a raw export is being written.
  public var isExporting: Bool { runningExport != nil }

  /// Writes the next bytes of the running export (long stretches of the file copied by the
  /// system, file to file); when all are written, puts the file in place.
  ///
  /// - Returns: `true` when there was an export to continue (the screen shows its progress).
  @discardableResult
  func continueExport() -> Bool {
    guard let export = runningExport else { return false }
    let end = min(export.range.upperBound, export.next + Self.exportChunkSize * Self.exportChunksPerStep)
    let written = Result { () throws(MemMapError) in
      try export.replacement!.withWriter { writer throws(MemMapError) in
        _ = try export.output.append(
          export.next..<end, of: export.table, chunkSize: Self.exportChunkSize, to: writer, advance: { _ in true })
        if end == export.range.upperBound { try export.output.flush(to: writer) }
      }
    }
    do throws(MemMapError) {
      try written.get()
      export.next = end
      guard export.next == export.range.upperBound else { return true }
      runningExport = nil
      _ = try export.replacement.take()!.commit()
      message = EditorMessage("exported \(Self.byteCount(export.range.count)) to '\(export.path)'")
    } catch {
      // The unfinished file is removed.
      runningExport = nil
      switch error {
      case .fileTruncated, .ioError(path: nil, _):
        // Bytes of the document could not be read: the message says which.
        if shownBytes(in: export.next..<end) == nil { return true }
      default:
        break
      }
      reopenExportPrompt(export.range, path: export.path, error: error)
    }
    return true
  }

  /// Esc during a raw export: stops it and removes the unfinished file.
  func cancelExport() {
    guard let export = runningExport else { return }
    runningExport = nil
    message = EditorMessage("export to '\(export.path)' cancelled; nothing was written")
  }

  /// The bottom line while a raw export runs.
  var exportProgressText: String? {
    guard let export = runningExport else { return nil }
    let done = export.next - export.range.lowerBound
    let percent = export.range.count == 0 ? 100 : Int(Double(done) / Double(export.range.count) * 100)
    return "exporting \(Self.byteCount(export.range.count)) to '\(export.path)': \(percent)%  Esc cancels"
  }

  /// As at save-as: the prompt comes back with the path, and says why and what to do.
  private func reopenExportPrompt(_ range: Range<Int>, path: String, error: MemMapError) {
    prompt = Prompt(label: exportLabel(range), text: path)
    prompt.error = SaveError.cannotWriteDestination(path: path, reason: error).reasonAfterPath
    mode = .prompting(.exportPath(range))
  }
}

/// A raw export under way: where it writes, what, and how far it got.
final class RunningExport {
  let path: String
  let range: Range<Int>
  /// The document when the export began (no key changes it while the export runs).
  let table: PieceTable
  /// The next offset to write.
  var next: Int
  /// The new file, removed unless committed.
  var replacement: FileReplacement?
  /// How the bytes go into it.
  var output = SequentialFileOutput(position: 0)

  init(path: String, range: Range<Int>, table: PieceTable, replacement: consuming FileReplacement) {
    self.path = path
    self.range = range
    self.table = table
    self.next = range.lowerBound
    self.replacement = consume replacement
  }
}
