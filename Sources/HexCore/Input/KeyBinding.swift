/// One row of the key table: a key (or class of characters), where it applies, and what it does.
///
/// ``table`` is the single source of truth: ``command(for:in:)`` reads it to dispatch keys,
/// and ``HelpScreen`` reads it to list them, so the help can never drift from the behaviour.
public struct KeyBinding: Hashable, Sendable {
  /// What the user presses.
  public enum Trigger: Hashable, Sendable {
    /// One exact key.
    case key(Key)
    /// Any hex digit `0-9`, `a-f`, `A-F`.
    case hexDigit
    /// Any printable character, space included (non-ASCII ones too; never a control code).
    case printableCharacter
    /// Text pasted from the terminal (``Key/paste(_:)``), whatever it holds.
    case paste
  }

  /// Where a binding applies.
  public enum Scope: Hashable, Sendable {
    /// In either pane.
    case anyPane
    /// Only while the hex pane is active.
    case hexPane
    /// Only while the text pane is active.
    case textPane

    /// Whether the binding applies while `pane` is active.
    public func includes(_ pane: Pane) -> Bool {
      switch self {
      case .anyPane: true
      case .hexPane: pane == .hex
      case .textPane: pane == .text
      }
    }
  }

  /// What a binding does.
  public enum Action: Hashable, Sendable {
    /// Runs this command.
    case command(Command)
    /// Types the character pressed (``Command/type(_:)``).
    case typeCharacter
    /// Writes the pasted text (``Command/paste(_:)``).
    case pasteText
  }

  /// What the user presses.
  public let trigger: Trigger
  /// Where it applies.
  public let scope: Scope
  /// What it does.
  public let action: Action
  /// One line for the help screen.
  public let summary: String
  /// Whether the help screen lists it (terminal events such as resize are not keys to learn).
  public let isListedInHelp: Bool

  /// Creates a binding.
  public init(_ trigger: Trigger, _ scope: Scope = .anyPane, _ action: Action, _ summary: String, isListedInHelp: Bool = true) {
    self.trigger = trigger
    self.scope = scope
    self.action = action
    self.summary = summary
    self.isListedInHelp = isListedInHelp
  }

  /// Every binding, in the order the help screen lists them.
  public static let table: [KeyBinding] = [
    KeyBinding(.key(.left), .anyPane, .command(.moveLeft), "Move one byte left"),
    KeyBinding(.key(.right), .anyPane, .command(.moveRight), "Move one byte right"),
    KeyBinding(.key(.up), .anyPane, .command(.moveUp), "Move one row up"),
    KeyBinding(.key(.down), .anyPane, .command(.moveDown), "Move one row down"),
    KeyBinding(.key(.pageUp), .anyPane, .command(.pageUp), "Move one screen up"),
    KeyBinding(.key(.pageDown), .anyPane, .command(.pageDown), "Move one screen down"),
    KeyBinding(.key(.home), .anyPane, .command(.rowStart), "Go to the start of the row"),
    KeyBinding(.key(.end), .anyPane, .command(.rowEnd), "Go to the end of the row"),
    KeyBinding(.key(.controlHome), .anyPane, .command(.fileStart), "Go to the start of the file"),
    KeyBinding(.key(.character("g")), .hexPane, .command(.fileStart), "Go to the start of the file"),
    KeyBinding(.key(.controlEnd), .anyPane, .command(.fileEnd), "Go to the end of the file"),
    KeyBinding(.key(.character("G")), .hexPane, .command(.fileEnd), "Go to the end of the file"),
    KeyBinding(.key(.wheelUp), .anyPane, .command(.scrollUp), "Scroll up"),
    KeyBinding(.key(.wheelDown), .anyPane, .command(.scrollDown), "Scroll down"),
    KeyBinding(.key(.control("g")), .anyPane, .command(.goToPrompt), "Go to an offset: 0x1f, 31, +16, -0x10, 50%, end, end-16"),
    KeyBinding(.key(.tab), .anyPane, .command(.switchPane), "Switch between the hex and text panes"),
    KeyBinding(.key(.backTab), .anyPane, .command(.switchPane), "Switch between the hex and text panes"),
    KeyBinding(.hexDigit, .hexPane, .typeCharacter, "Overwrite the nibble under the cursor (INS: insert a byte)"),
    KeyBinding(.printableCharacter, .textPane, .typeCharacter, "Overwrite with the character's bytes, UTF-8 (INS: insert them)"),
    KeyBinding(.key(.enter), .textPane, .command(.type("\n")), "Overwrite with a newline (0x0a)"),
    KeyBinding(.paste, .anyPane, .pasteText, "Overwrite from the cursor (hex or text, by pane; INS: insert); one undo step"),
    KeyBinding(.key(.control("z")), .anyPane, .command(.undo), "Undo"),
    KeyBinding(.key(.control("y")), .anyPane, .command(.redo), "Redo"),
    KeyBinding(.key(.control("s")), .anyPane, .command(.save), "Save the changes to the file"),
    KeyBinding(.key(.control("o")), .anyPane, .command(.saveAs), "Save as: write everything to another file"),
    KeyBinding(.key(.control("r")), .anyPane, .command(.reload), "Reload the file from disk (asks about your edits)"),
    KeyBinding(.key(.control("f")), .anyPane, .command(.findPrompt), "Find bytes (hex pane) or text (text pane)"),
    KeyBinding(.key(.control("n")), .anyPane, .command(.findNext), "Find the next match"),
    KeyBinding(.key(.control("p")), .anyPane, .command(.findPrevious), "Find the previous match"),
    // MARK: Selection and clipboard
    KeyBinding(.key(.left.with(.shift)), .anyPane, .command(.extendSelection(.moveLeft)), "Select: extend one byte left"),
    KeyBinding(.key(.right.with(.shift)), .anyPane, .command(.extendSelection(.moveRight)), "Select: extend one byte right"),
    KeyBinding(.key(.up.with(.shift)), .anyPane, .command(.extendSelection(.moveUp)), "Select: extend one row up"),
    KeyBinding(.key(.down.with(.shift)), .anyPane, .command(.extendSelection(.moveDown)), "Select: extend one row down"),
    KeyBinding(.key(.pageUp.with(.shift)), .anyPane, .command(.extendSelection(.pageUp)), "Select: extend one screen up"),
    KeyBinding(.key(.pageDown.with(.shift)), .anyPane, .command(.extendSelection(.pageDown)), "Select: extend one screen down"),
    KeyBinding(.key(.home.with(.shift)), .anyPane, .command(.extendSelection(.rowStart)), "Select: extend to the start of the row"),
    KeyBinding(.key(.end.with(.shift)), .anyPane, .command(.extendSelection(.rowEnd)), "Select: extend to the end of the row"),
    KeyBinding(.key(.home.with([.control, .shift])), .anyPane, .command(.extendSelection(.fileStart)), "Select: extend to the start of the file"),
    KeyBinding(.key(.end.with([.control, .shift])), .anyPane, .command(.extendSelection(.fileEnd)), "Select: extend to the end of the file"),
    KeyBinding(.key(.control(" ")), .anyPane, .command(.toggleMark), "Set the mark (movement and Ctrl-G then select); again: clear"),
    KeyBinding(.key(.control("a")), .anyPane, .command(.selectAll), "Select the whole file"),
    KeyBinding(.key(.control("c")), .anyPane, .command(.copy), "Copy the selection (or the byte) as hex, also to the terminal"),
    KeyBinding(.key(.control("v")), .anyPane, .command(.pasteClipboard), "Paste mmhex's clipboard over the bytes at the cursor; one undo step"),
    KeyBinding(.key(.control("e")), .anyPane, .command(.export), "Export the selection: hex, C array, Python bytes, base64, or a file"),
    // MARK: Data inspector
    KeyBinding(.key(.function(2)), .anyPane, .command(.toggleInspector), "Data inspector: Tab reaches it, Up/Down/Left/Right pick, Enter edits"),
    KeyBinding(.key(.escape), .anyPane, .command(.cancel), "Dismiss the message, close a prompt, stop a search, cancel a long save or export, clear the selection"),
    // MARK: Compare view (mmhex A B)
    KeyBinding(.key(.control("w")), .anyPane, .command(.switchFile), "Compare view: switch to the other file"),
    KeyBinding(.key(.function(8)), .anyPane, .command(.nextDifference), "Compare view: go to the next run of differing bytes"),
    KeyBinding(.key(.enter), .hexPane, .command(.nextDifference), "Compare view: go to the next run of differing bytes"),
    KeyBinding(.key(.function(7)), .anyPane, .command(.previousDifference), "Compare view: go to the previous run of differing bytes"),
    KeyBinding(.key(.function(1)), .anyPane, .command(.help), "Show this help"),
    KeyBinding(.key(.control("q")), .anyPane, .command(.quit), "Quit"),
    KeyBinding(.key(.resize), .anyPane, .command(.resize), "Redraw for the new terminal size", isListedInHelp: false),
    // MARK: Insert and delete
    KeyBinding(.key(.insert), .anyPane, .command(.toggleInsertMode), "Switch between insert (INS, appends past the last byte) and overwrite (OVR)"),
    KeyBinding(.key(.delete), .anyPane, .command(.deleteByte), "Delete the selection, or the byte under the cursor"),
    KeyBinding(.key(.backspace), .anyPane, .command(.deleteBackward), "Delete the selection, or the byte before the cursor"),
    KeyBinding(.key(.control("x")), .anyPane, .command(.cut), "Cut: copy the selection (or the byte), then delete it"),
    // MARK: Fill
    KeyBinding(.key(.control("k")), .anyPane, .command(.fill), "Fill the selection with a repeated pattern: hex, or text (Tab)"),
  ]

  /// The command `key` runs while `pane` is active, or `nil` when the key is not bound there.
  public static func command(for key: Key, in pane: Pane) -> Command? {
    for binding in table where binding.scope.includes(pane) && binding.matches(key) {
      switch binding.action {
      case .command(let command): return command
      case .typeCharacter:
        if case .character(let character) = key { return .type(character) }
      case .pasteText:
        if case .paste(let text) = key { return .paste(text) }
      }
    }
    return nil
  }

  /// Whether pressing `key` triggers this binding.
  public func matches(_ key: Key) -> Bool {
    switch trigger {
    case .key(let bound): return bound == key
    case .hexDigit:
      guard case .character(let character) = key else { return false }
      return character.isHexDigit && character.isASCII
    case .printableCharacter:
      guard case .character(let character) = key else { return false }
      return !character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    case .paste:
      if case .paste = key { return true }
      return false
    }
  }

  /// The name the help screen shows for this binding's trigger.
  public var triggerName: String {
    switch trigger {
    case .key(let key): Self.name(of: key)
    case .hexDigit: "0-9 a-f"
    case .printableCharacter: "any character"
    case .paste: "Paste (terminal)"
    }
  }

  /// The name people use for `key`: `Ctrl-G`, `PgDn`, `F1`, `g`, `Shift-Right`, `Alt-Left`,
  /// `Ctrl-Space`, `Insert`. The one naming of keys: messages, the help screen (F1) and the
  /// README's key table all use it.
  public static func name(of key: Key) -> String {
    switch key {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(" "): "Ctrl-Space"
    case .control(let character): "Ctrl-\(character.uppercased())"
    case .up: "Up"
    case .down: "Down"
    case .left: "Left"
    case .right: "Right"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .controlHome: "Ctrl-Home"
    case .controlEnd: "Ctrl-End"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .enter: "Enter"
    case .escape: "Esc"
    case .backspace: "Backspace"
    case .delete: "Delete"
    case .insert: "Insert"
    case .function(let number): "F\(number)"
    case .modified(let key, let modifiers): modifierPrefix(modifiers) + name(of: key)
    case .resize: "Resize"
    case .wheelUp: "Wheel up"
    case .wheelDown: "Wheel down"
    case .paste: "Paste"
    case .unknown(0x1B): "An unrecognized key sequence"
    case .unknown(let code): "key \(code)"
    }
  }

  /// `Ctrl-`, `Alt-`, `Shift-` in that order, as in `Ctrl-Shift-Left`.
  private static func modifierPrefix(_ modifiers: KeyModifiers) -> String {
    let words: [(KeyModifiers, String)] = [(.control, "Ctrl-"), (.alt, "Alt-"), (.shift, "Shift-")]
    return words.filter { modifiers.contains($0.0) }.map(\.1).joined()
  }
}
