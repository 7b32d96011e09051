/// The editor: applies keys to the document's view and renders whole frames.
///
/// The terminal layer hands it keys and asks for frames; nothing here touches a terminal.
/// Every intent goes through ``perform(_:)`` as a ``Command``, so new abilities are new cases.
public final class Editor {
  /// The document being viewed.
  public let document: Document
  /// How the editor was configured.
  public let configuration: EditorConfiguration
  /// Rows on screen and the cursor.
  public internal(set) var viewport: Viewport
  /// The pane the cursor is active in.
  public private(set) var activePane: Pane = .hex
  /// How keys are read right now.
  public private(set) var mode: EditorMode = .browsing
  /// The open prompt (meaningful while ``mode`` is ``EditorMode/prompting(_:)``).
  public private(set) var prompt = Prompt(label: "")
  /// The first help line shown (while ``mode`` is ``EditorMode/help``).
  public internal(set) var helpScroll = 0
  /// The message on the bottom line, cleared by the next key.
  public private(set) var message: EditorMessage?

  /// The terminal size of the last frame, which decides the row width and page size.
  var lastSize: TerminalSize?

  /// Rows on the screen that are not file rows: the status line and the message line.
  static let chromeRows = 2
  /// Rows the mouse wheel scrolls per notch.
  static let wheelRows = 3

  /// Creates an editor with the cursor at `configuration.startOffset`.
  public init(document: Document, configuration: EditorConfiguration) {
    self.document = document
    self.configuration = configuration
    self.viewport = Viewport(
      count: document.count,
      bytesPerRow: configuration.bytesPerRow ?? 16,
      visibleRows: 1,
      cursor: configuration.startOffset)
  }

  /// Applies one key; returns ``EditorOutcome/quit`` when the user asked to leave.
  public func handle(_ key: Key) -> EditorOutcome {
    if key == .resize { return perform(.resize) }
    switch mode {
    case .help:
      return handleHelpKey(key)
    case .prompting(let purpose):
      switch prompt.handle(key) {
      case .edited:
        break
      case .cancelled:
        mode = .browsing
      case .submitted(let text):
        submitPrompt(purpose, text: text)
      }
      return .continue
    case .browsing:
      message = nil
      guard let command = KeyBinding.command(for: key, in: activePane) else {
        message = EditorMessage(unboundKeyMessage(key), isError: true)
        return .continue
      }
      return perform(command)
    }
  }

  /// Runs one command, as if its key had been pressed while browsing.
  @discardableResult
  public func perform(_ command: Command) -> EditorOutcome {
    switch command {
    case .moveLeft: viewport.moveCursor(by: -1)
    case .moveRight: viewport.moveCursor(by: 1)
    case .moveUp: viewport.moveCursor(rows: -1)
    case .moveDown: viewport.moveCursor(rows: 1)
    case .pageUp: viewport.page(-1)
    case .pageDown: viewport.page(1)
    case .rowStart: viewport.moveCursor(to: viewport.cursor - viewport.cursorColumn)
    case .rowEnd: viewport.moveCursor(to: viewport.cursor - viewport.cursorColumn + viewport.bytesPerRow - 1)
    case .fileStart: viewport.moveCursor(to: 0)
    case .fileEnd: viewport.moveCursor(to: viewport.lastOffset)
    case .scrollUp: viewport.scroll(rows: -Self.wheelRows)
    case .scrollDown: viewport.scroll(rows: Self.wheelRows)
    case .switchPane: activePane = activePane.other
    case .goToPrompt:
      prompt = Prompt(label: "Go to offset: ")
      mode = .prompting(.goTo)
    case .help:
      helpScroll = 0
      mode = .help
    case .quit:
      return .quit
    case .type:
      message = EditorMessage(
        document.isReadOnly ? "read-only: this file cannot be changed" : "editing is not available yet",
        isError: true)
    case .undo, .redo, .save:
      message = EditorMessage("editing is not available yet", isError: true)
    case .findPrompt, .findNext, .findPrevious:
      message = EditorMessage("search is not available yet", isError: true)
    case .cancel:
      message = nil
      mode = .browsing
    case .resize:
      break
    }
    return .continue
  }

  /// Called when no key arrived for a while: checks whether the file shrank underneath.
  ///
  /// - Returns: `true` when the screen should be redrawn.
  public func idle() -> Bool {
    document.checkFileSize()
  }

  // MARK: - Modes

  private func handleHelpKey(_ key: Key) -> EditorOutcome {
    let height = max((lastSize?.rows ?? 3) - Self.chromeRows, 1)
    let maximum = HelpScreen.maximumScroll(height: height)
    switch key {
    case .escape, .character("q"), .function(1):
      mode = .browsing
    case .control("q"):
      return .quit
    case .up: helpScroll = max(helpScroll - 1, 0)
    case .down: helpScroll = min(helpScroll + 1, maximum)
    case .wheelUp: helpScroll = max(helpScroll - Self.wheelRows, 0)
    case .wheelDown: helpScroll = min(helpScroll + Self.wheelRows, maximum)
    case .pageUp: helpScroll = max(helpScroll - height, 0)
    case .pageDown: helpScroll = min(helpScroll + height, maximum)
    case .home, .controlHome: helpScroll = 0
    case .end, .controlEnd: helpScroll = maximum
    default: break
    }
    return .continue
  }

  private func submitPrompt(_ purpose: PromptPurpose, text: String) {
    switch purpose {
    case .goTo:
      do {
        let offset = try OffsetExpression.resolve(text, cursor: viewport.cursor, count: document.count)
        viewport.jump(to: offset)
        mode = .browsing
      } catch {
        prompt.error = error.description
      }
    }
  }

  private func unboundKeyMessage(_ key: Key) -> String {
    if case .character(let character) = key, activePane == .hex {
      return "'\(character)' is not a hex digit; Tab switches to the text pane, F1 lists the keys"
    }
    return "\(KeyBinding.name(of: key)) does nothing here; F1 lists the keys"
  }
}
