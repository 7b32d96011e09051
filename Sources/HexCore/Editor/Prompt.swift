/// A one-line text field with a label, for the go-to prompt (and later find and save-as).
///
/// Keys: characters insert at the insertion point, Backspace/Delete remove, Left/Right/
/// Home/End move, Ctrl-U clears, Enter submits, Esc cancels. An error set after a refused
/// submission stays visible until the text changes.
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

  private var characters: [Character]

  /// Creates an empty prompt (or one holding `text`, insertion point at its end).
  public init(label: String, text: String = "") {
    self.label = label
    self.characters = Array(text)
    self.insertionPoint = characters.count
  }

  /// Applies one key.
  public mutating func handle(_ key: Key) -> Event {
    switch key {
    case .enter:
      return .submitted(text)
    case .escape:
      return .cancelled
    case .character(let character):
      characters.insert(character, at: insertionPoint)
      insertionPoint += 1
      error = nil
    case .backspace:
      if insertionPoint > 0 {
        insertionPoint -= 1
        characters.remove(at: insertionPoint)
        error = nil
      }
    case .delete:
      if insertionPoint < characters.count {
        characters.remove(at: insertionPoint)
        error = nil
      }
    case .left: insertionPoint = max(insertionPoint - 1, 0)
    case .right: insertionPoint = min(insertionPoint + 1, characters.count)
    case .home, .control("a"): insertionPoint = 0
    case .end, .control("e"): insertionPoint = characters.count
    case .control("u"):
      characters.removeAll()
      insertionPoint = 0
      error = nil
    default:
      break
    }
    return .edited
  }

  /// The prompt as one line at most `width` cells wide, and the column of the insertion point.
  ///
  /// A text too long for the line scrolls so the insertion point stays visible.
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
    if !shownText.isEmpty { runs.append(StyledRun(shownText, .plain)) }
    var used = shownLabel.count + shownText.count
    if let error, used + 2 < width {
      runs.append(StyledRun("  ", .plain))
      runs.append(StyledRun(String(error.prefix(width - used - 2)), .error))
      used = width
    }
    return (StyledLine(runs), min(shownLabel.count + insertionPoint - firstShown, width - 1))
  }
}
