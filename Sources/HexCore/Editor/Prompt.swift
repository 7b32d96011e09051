/// A one-line text field with a label, for the go-to, find and save-as prompts.
///
/// Keys: characters insert at the insertion point, Backspace/Delete remove, Left/Right/
/// Home/End move, Ctrl-U clears, Enter submits, Esc cancels; a paste inserts its text. An error
/// set after a refused submission stays visible until the text changes.
///
/// Text the prompt opens with (the file's path, the last pattern) is selected, as in browsers:
/// the first character typed or pasted replaces it, Backspace or Delete removes it, and
/// Left/Right/Home/End keep it and move into it for editing.
public struct Prompt: Hashable, Sendable {
  /// What a key did to the prompt.
  public enum Event: Hashable, Sendable {
    /// The text or insertion point changed (or nothing happened that matters).
    case edited
    /// Enter was pressed with this text.
    case submitted(String)
    /// Esc was pressed.
    case cancelled
  }

  /// The label before the text, such as `"Go to offset: "`.
  public var label: String
  /// A message shown after the text, such as why the last entry was refused.
  public var error: String?
  /// The text typed so far.
  public var text: String { String(characters) }
  /// Where the next character goes, in characters from the start of the text.
  public private(set) var insertionPoint: Int
  /// Whether the whole text is selected: the next character typed replaces it.
  public private(set) var isTextSelected: Bool

  private var characters: [Character]

  /// Creates an empty prompt, or one holding `text`, selected, with the insertion point at its end.
  public init(label: String, text: String = "") {
    self.label = label
    self.characters = Array(text)
    self.insertionPoint = characters.count
    self.isTextSelected = !characters.isEmpty
  }

  /// Applies one key.
  public mutating func handle(_ key: Key) -> Event {
    switch key {
    case .enter:
      return .submitted(text)
    case .escape:
      return .cancelled
    case .character(let character):
      insert([character])
    case .paste(let pasted):
      insert(Self.oneLine(pasted))
    case .backspace:
      if isTextSelected {
        clear()
      } else if insertionPoint > 0 {
        insertionPoint -= 1
        characters.remove(at: insertionPoint)
        error = nil
      }
    case .delete:
      if isTextSelected {
        clear()
      } else if insertionPoint < characters.count {
        characters.remove(at: insertionPoint)
        error = nil
      }
    case .left: moveInsertionPoint(to: isTextSelected ? 0 : insertionPoint - 1)
    case .right: moveInsertionPoint(to: insertionPoint + 1)
    case .home, .control("a"): moveInsertionPoint(to: 0)
    case .end, .control("e"): moveInsertionPoint(to: characters.count)
    case .control("u"): clear()
    default:
      break
    }
    return .edited
  }

  private mutating func insert(_ inserted: [Character]) {
    if isTextSelected { clear() }
    characters.insert(contentsOf: inserted, at: insertionPoint)
    insertionPoint += inserted.count
    error = nil
  }

  private mutating func clear() {
    characters.removeAll()
    insertionPoint = 0
    isTextSelected = false
    error = nil
  }

  /// Moves the insertion point (clamped to the text) and ends the selection.
  private mutating func moveInsertionPoint(to point: Int) {
    insertionPoint = min(max(point, 0), characters.count)
    isTextSelected = false
  }

  /// Pasted text as one line: line breaks at the end are dropped, the others and tabs become
  /// spaces, other control characters are dropped.
  private static func oneLine(_ pasted: String) -> [Character] {
    var characters = Array(pasted)
    while let last = characters.last, last.isNewline { characters.removeLast() }
    return characters.compactMap { character in
      if character.isNewline || character == "\t" { return " " }
      let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
      return isControl ? nil : character
    }
  }

  /// The prompt as one line at most `width` cells wide, and the column of the insertion point.
  ///
  /// A text too long for the line scrolls so the insertion point stays visible; selected text
  /// is drawn in ``Style/selectedText``.
  public func render(width: Int) -> (line: StyledLine, cursorColumn: Int) {
    guard width > 0 else { return (StyledLine(), 0) }
    let shownLabel = String(label.prefix(max(width - 1, 0)))
    // An error keeps up to three quarters of the line, so a long text cannot push the reason
    // off screen; the text scrolls to show its end (where the insertion point is).
    let errorRoom = error.map { min($0.count + 2, (width - shownLabel.count) * 3 / 4) } ?? 0
    let room = max(width - shownLabel.count - 1 - errorRoom, 0)
    let firstShown = max(0, insertionPoint - room)
    let shownText = String(characters[firstShown..<min(characters.count, firstShown + room)])
    var runs = [StyledRun(shownLabel, .prompt)]
    if !shownText.isEmpty { runs.append(StyledRun(shownText, isTextSelected ? .selectedText : .plain)) }
    var used = shownLabel.count + shownText.count
    if let error, used + 2 < width {
      runs.append(StyledRun("  ", .plain))
      runs.append(StyledRun(String(error.prefix(width - used - 2)), .error))
      used = width
    }
    return (StyledLine(runs), min(shownLabel.count + insertionPoint - firstShown, width - 1))
  }
}
