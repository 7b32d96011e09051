import MemMap

// Ctrl-E: the selection (or the byte under the cursor) as text on both clipboards, or as raw
// bytes in a file written next to its destination and renamed over it once complete.

extension Editor {
  /// The most bytes a raw export writes; larger selections are refused (an export runs while
  /// the editor waits, so it is kept to what a disk writes in seconds).
  public static let rawExportLimit = 1 << 30

  /// Bytes read and written per step of a raw export.
  static let exportChunkSize = 1 << 20

  /// Ctrl-E: asks which format to export the selection in.
  func openExportChoice() {
    guard let range = selectionOrCursorByte else {
      message = EditorMessage("the file is empty: there is nothing to export", isError: true)
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

  /// Writes the bytes in `range`, with the pending edits applied, to a new file that replaces
  /// `path` only once it is complete; asks first when a file exists there.
  func exportRaw(_ range: Range<Int>, to path: String, replacingExisting: Bool) {
    guard range.count <= Self.rawExportLimit else {
      message = EditorMessage(
        "cannot export \(range.count) bytes: an export writes at most \(Self.rawExportLimit) bytes (1 GiB); "
          + "nothing was written", isError: true)
      return
    }
    do throws(MemMapError) {
      if try FileReplacement.existingFile(at: path), !replacingExisting {
        ask(.replaceExport(path: path, range), "'\(path)' exists. Replace it? y: replace, n or Esc: keep it")
        return
      }
      var replacement = try FileReplacement(replacing: path, size: range.count)
      var offset = range.lowerBound
      while offset < range.upperBound {
        let count = min(Self.exportChunkSize, range.upperBound - offset)
        // An unreadable byte says why; the unfinished file is removed with the replacement.
        guard let chunk = shownBytes(in: offset..<(offset + count)) else { return }
        try replacement.write(chunk, at: offset - range.lowerBound)
        offset += count
      }
      _ = try replacement.commit()
      message = EditorMessage("exported \(Self.byteCount(range.count)) to '\(path)'")
    } catch {
      // As at save-as: the prompt comes back with the path, and says why and what to do.
      prompt = Prompt(label: exportLabel(range), text: path)
      prompt.error = SaveError.cannotWriteDestination(path: path, reason: error).reasonAfterPath
      mode = .prompting(.exportPath(range))
    }
  }
}
