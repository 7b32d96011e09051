// Ctrl-K: fills the selection with a pattern typed in a prompt (hex bytes, or text after Tab),
// repeated to the selection's length, as one undo step. The fill is one piece of the session's
// piece table: filling a gigabyte costs what filling a byte does.

extension Editor {
  /// Ctrl-K: asks for the pattern to fill the selection with: hex bytes in the hex pane, text in
  /// the text pane (Tab switches), holding the pattern last used of that kind.
  func openFillPrompt() {
    guard !document.isReadOnly else {
      message = EditorMessage(Self.readOnlyMessage, isError: true)
      return
    }
    guard let range = selection else {
      message = EditorMessage(
        contentCount == 0
          ? "the file is empty: there is nothing to fill"
          : "select the bytes to fill first: Shift with an arrow key, Ctrl-Space then movement keys, "
            + "or Ctrl-A for the whole file", isError: true)
      return
    }
    let text = fillPrompt.open(in: activePane)
    prompt = Prompt(label: fillLabel(range), text: text)
    mode = .prompting(.fill(range))
  }

  /// The fill prompt's own keys: Tab switches between hex and text; Esc cancels, saying so.
  ///
  /// - Returns: `true` when the key was one of them.
  func handleFillPromptOption(_ key: Key, range: Range<Int>) -> Bool {
    switch key {
    case .tab, .backTab:
      let text = fillPrompt.switchKind(keeping: prompt.text)
      prompt = Prompt(label: fillLabel(range), text: text)
      return true
    case .escape:
      mode = .browsing
      message = EditorMessage("fill cancelled: nothing was written")
      return true
    default:
      return false
    }
  }

  /// The fill prompt's label: how many bytes from where, and how the pattern is read.
  func fillLabel(_ range: Range<Int>) -> String {
    let what = "Fill \(Self.byteCount(range.count)) from \(Self.hex(range.lowerBound)) with"
    return fillKind == .hex ? "\(what) hex [Tab: text]: " : "\(what) text [Tab: hex]: "
  }

  /// Enter in the fill prompt: reads the pattern and fills; an empty or malformed pattern keeps
  /// the prompt open with the reason, nothing written.
  func submitFill(_ text: String, range: Range<Int>) {
    let pattern: [UInt8]
    switch fillKind {
    case .hex:
      do {
        pattern = try HexText.bytes(from: text)
      } catch .empty {
        prompt.error = "type the bytes to repeat, such as 00 or de ad be ef (Tab: text)"
        return
      } catch {
        prompt.error = error.description
        return
      }
    case .text:
      pattern = Array(text.utf8)
      guard !pattern.isEmpty else {
        prompt.error = "type the text to repeat (Tab: hex bytes)"
        return
      }
    }
    fillPrompt.remember(text)
    mode = .browsing
    fill(range, with: pattern)
  }

  /// Fills the bytes in `range` with `pattern` repeated from its first byte (cut short at the
  /// range's end) as one undo step; the selection is cleared, so the filled bytes show as
  /// edited, and the cursor goes to the first of them (where undo puts it too).
  ///
  /// - Returns: `false` (with a message, and nothing written) when `range` is empty or not inside
  ///   the document, `pattern` is empty, or the file may not be changed now.
  @discardableResult
  public func fill(_ range: Range<Int>, with pattern: [UInt8]) -> Bool {
    guard !pattern.isEmpty else {
      message = EditorMessage("cannot fill with an empty pattern: nothing was written", isError: true)
      return false
    }
    guard range.lowerBound >= 0, range.upperBound <= contentCount, !range.isEmpty else {
      message = EditorMessage(
        "cannot fill \(range.lowerBound)..<\(range.upperBound): the file has \(contentCount) bytes", isError: true)
      return false
    }
    guard mayEditThroughTable("fill") else { return false }
    endTypingRun()
    session.fill(range: range, with: pattern, over: document.byteSource)
    clearSelection()
    viewport.moveCursor(to: range.lowerBound)
    message = EditorMessage(fillReport(range, pattern: pattern))
    return true
  }

  /// What a fill did: `filled 32 bytes at 0x10 with de ad be ef`, saying when the pattern was
  /// longer than the range and cut to it.
  private func fillReport(_ range: Range<Int>, pattern: [UInt8]) -> String {
    let written = Array(pattern.prefix(range.count))
    let shown = Self.describedPattern(written, asText: fillKind == .text && written.count == pattern.count)
    let filled = "filled \(Self.byteCount(range.count)) at \(Self.hex(range.lowerBound)) with \(shown)"
    guard written.count == pattern.count else {
      return filled + ": the pattern's \(pattern.count) bytes were cut to the selection's \(range.count)"
    }
    return filled + "  (Ctrl-Z takes the fill back)"
  }

  /// `pattern` for a message: as text in quotes (control characters escaped), or hex pairs;
  /// a long one is cut short, ending in `…`.
  private static func describedPattern(_ pattern: [UInt8], asText: Bool) -> String {
    let shownCount = 16
    if asText, let text = String(validating: pattern, as: UTF8.self) {
      let escaped = text.escapingControlCharacters
      return "\"" + (escaped.count > shownCount ? escaped.prefix(shownCount) + "…" : escaped) + "\""
    }
    let hex = ByteTextFormat.hex.text(of: Array(pattern.prefix(shownCount)))
    return pattern.count > shownCount ? hex + " …" : hex
  }
}
