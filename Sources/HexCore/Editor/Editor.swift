/// The editor: applies keys to the document, its pending edits and its view, and renders
/// whole frames.
///
/// The terminal layer hands it keys and asks for frames; nothing here touches a terminal.
/// Every intent goes through ``perform(_:)`` as a ``Command``, so new abilities are new cases.
/// Edits stay pending in ``session`` until a save writes them; searches run in the background
/// and report through ``idle()``.
public final class Editor {
  /// The document being viewed (replaced when the scratch buffer is saved to a file).
  public internal(set) var document: Document
  /// How the editor was configured.
  public let configuration: EditorConfiguration
  /// The pending edits and their undo history.
  public internal(set) var session = EditSession()
  /// Rows on screen and the cursor.
  public internal(set) var viewport: Viewport
  /// The pane the cursor is active in.
  public internal(set) var activePane: Pane = .hex
  /// How keys are read right now.
  public internal(set) var mode: EditorMode = .browsing
  /// The open prompt (meaningful while ``mode`` is ``EditorMode/prompting(_:)``).
  public internal(set) var prompt = Prompt(label: "")
  /// The open question's text (meaningful while ``mode`` is ``EditorMode/confirming(_:)``).
  public internal(set) var questionText = ""
  /// The first help line shown (while ``mode`` is ``EditorMode/help``).
  public internal(set) var helpScroll = 0
  /// The message on the bottom line, cleared by the next key.
  public internal(set) var message: EditorMessage?
  /// Whether the next hex digit typed goes into the low nibble of the byte under the cursor.
  public internal(set) var isTypingLowNibble = false
  /// The bytes of the last match found, highlighted until the next search or Esc.
  public internal(set) var match: Range<Int>?
  /// Whether typed and pasted bytes are inserted (`INS`) rather than written over (`OVR`).
  public internal(set) var isInserting = false

  // MARK: Selection and clipboard (see Editor+Selection.swift, Editor+Clipboard.swift)

  /// Where the selection started; the cursor is its other end. `nil` when nothing is selected.
  public internal(set) var selectionAnchor: Int?
  /// Whether the mark is set (Ctrl-Space): plain movement keys then extend the selection.
  public internal(set) var isMarkSet = false
  /// mmhex's own clipboard: the bytes last copied, which Ctrl-V pastes.
  public internal(set) var clipboard: [UInt8] = []
  /// Text copied but not yet handed to the terminal's clipboard (see
  /// ``takeTerminalClipboardText()``).
  var terminalClipboardText: String?
  /// The raw export being written (Ctrl-E, f), if any.
  var runningExport: RunningExport?

  // MARK: Data inspector (see Editor+Inspector.swift)

  /// Whether the data inspector is shown (F2).
  public internal(set) var isInspectorOpen = false
  /// Whether keys go to the inspector (Tab reaches it while it is open).
  public internal(set) var isInspectorFocused = false
  /// The highlighted inspector row, an index into ``InspectorField/allCases``.
  public internal(set) var inspectorRow = 0
  /// Whether the highlighted value is the big-endian one.
  public internal(set) var inspectsBigEndian = false

  /// The last search submitted, which Ctrl-N and Ctrl-P repeat.
  var lastSearch: SubmittedSearch?
  /// The search running in the background, if any.
  var runningSearch: RunningSearch?
  /// How the find prompt reads its text, and the text last typed for each kind.
  var findPrompt = PatternPromptMemory()
  var findIgnoresCase = false
  /// How the fill prompt reads its text (hex bytes or text), and the text last typed for each.
  var fillPrompt = PatternPromptMemory()

  /// How the find prompt reads its text now.
  var findKind: SearchPatternKind { findPrompt.kind }
  /// How the fill prompt reads its text now.
  var fillKind: SearchPatternKind { fillPrompt.kind }

  // MARK: Saving in the background (see Editor+SaveProgress.swift)

  /// The save running in the background, if any.
  var runningSave: RunningSave?
  /// Called on the saving thread after each chunk of a background save (tests pause it there).
  package var backgroundSaveObserver: (@Sendable (_ done: Int, _ total: Int) -> Void)?
  /// Whether a save-and-quit finished in the background: the program should now end.
  public internal(set) var wantsToQuit = false

  /// The compare view's second file and jobs (`mmhex A B`), or `nil` with one file.
  var comparison: Comparison?

  /// The terminal size of the last frame, which decides the row width and page size.
  var lastSize: TerminalSize?

  /// Tells other mmhex processes that this one has unsaved edits (nil: no process ID given).
  let unsavedEditsMarker: UnsavedEditsMarker?

  /// Rows on the screen that are not file rows: the status line and the message line.
  static let chromeRows = 2
  /// Rows the mouse wheel scrolls per notch.
  static let wheelRows = 3

  /// Creates an editor with the cursor at `configuration.startOffset`, showing `message`
  /// (for example what happened when the file was opened) until the first key.
  public init(document: Document, configuration: EditorConfiguration, message: EditorMessage? = nil) {
    self.document = document
    self.configuration = configuration
    self.message = message
    self.unsavedEditsMarker = configuration.processID.map(UnsavedEditsMarker.init(processID:))
    self.viewport = Viewport(
      count: document.count,
      bytesPerRow: configuration.bytesPerRow ?? 16,
      visibleRows: 1,
      cursor: configuration.startOffset)
  }

  deinit {
    stopSearch()
    stopComparisonJobs()
  }

  /// Whether there are edits that a save would write.
  public var hasUnsavedChanges: Bool { session.hasChanges }

  /// Whether a search is running in the background.
  public var isSearching: Bool { runningSearch != nil }

  /// Applies one key; returns ``EditorOutcome/quit`` when the user asked to leave.
  public func handle(_ key: Key) -> EditorOutcome {
    pollSearch()
    pollComparison()
    if key == .resize { return perform(.resize) }
    if isSaving { return handleKeyWhileSaving(key) }
    let outcome: EditorOutcome
    switch mode {
    case .help:
      outcome = handleHelpKey(key)
    case .prompting(let purpose):
      outcome = handlePromptKey(key, purpose: purpose)
    case .confirming(let question):
      outcome = answer(question, with: key)
    case .browsing:
      message = nil
      if isExporting, key != .escape {
        message = EditorMessage("an export is being written: Esc cancels it", isError: true)
        return .continue
      }
      if isInspectorFocused, handleInspectorKey(key) { return .continue }
      guard let command = KeyBinding.command(for: key, in: activePane) else {
        message = EditorMessage(unboundKeyMessage(key), isError: true)
        return .continue
      }
      return perform(command)
    }
    return finishing(outcome)
  }

  /// Runs one command, as if its key had been pressed while browsing.
  @discardableResult
  public func perform(_ command: Command) -> EditorOutcome {
    let cursorBefore = viewport.cursor
    let paneBefore = activePane
    defer {
      // Moving away ends a typing run: the next digit starts a new byte and a new undo step.
      if viewport.cursor != cursorBefore || activePane != paneBefore {
        endTypingRun()
      }
    }
    switch selectionFollowing(command) {
    case .moveLeft: viewport.moveCursor(by: -1)
    case .moveRight: moveRight()
    case .moveUp: viewport.moveCursor(rows: -1)
    case .moveDown: viewport.moveCursor(rows: 1)
    case .pageUp: viewport.page(-1)
    case .pageDown: viewport.page(1)
    case .rowStart: viewport.moveCursor(to: viewport.cursor - viewport.cursorColumn)
    case .rowEnd: viewport.moveCursor(to: viewport.cursor - viewport.cursorColumn + viewport.bytesPerRow - 1)
    case .fileStart: viewport.moveCursor(to: 0)
    case .fileEnd: viewport.moveCursor(to: viewport.lastCursorOffset)
    case .scrollUp: viewport.scroll(rows: -Self.wheelRows)
    case .scrollDown: viewport.scroll(rows: Self.wheelRows)
    case .switchPane: cyclePanes()
    case .goToPrompt:
      prompt = Prompt(label: "Go to offset: ")
      mode = .prompting(.goTo)
    case .help:
      helpScroll = 0
      mode = .help
    case .quit:
      beginQuit()
      return finishing(quit())
    case .type(let character):
      type(character)
    case .paste(let text):
      paste(text)
    case .undo:
      undo()
    case .redo:
      redo()
    case .save:
      return finishing(save(thenQuit: false))
    case .saveAs:
      openSaveAsPrompt(thenQuit: false)
    case .reload:
      offerReload()
    case .findPrompt:
      openFindPrompt()
    case .findNext:
      repeatSearch(.forward)
    case .findPrevious:
      repeatSearch(.backward)
    case .cancel:
      cancel()
    case .resize:
      break
    case .extendSelection:
      break  // unwrapped into its movement by selectionFollowing(_:)
    case .toggleMark:
      toggleMark()
    case .selectAll:
      selectAll()
    case .copy:
      copySelection()
    case .pasteClipboard:
      pasteClipboard()
    case .export:
      openExportChoice()
    case .toggleInspector:
      toggleInspector()
    case .toggleInsertMode:
      toggleInsertMode()
    case .deleteByte:
      deleteByteUnderCursor()
    case .deleteBackward:
      deleteByteBeforeCursor()
    case .cut:
      cutSelection()
    case .switchFile:
      switchFile()
    case .nextDifference:
      seekDifference(.forward)
    case .previousDifference:
      seekDifference(.backward)
    case .fill:
      openFillPrompt()
    }
    return .continue
  }

  /// Called between keys and when no key arrived for a while: marks the file as having unsaved
  /// edits for other mmhex processes (or removes the mark), checks the file on disk (truncated,
  /// grown or rewritten by someone else) and collects a finished search or save (after a
  /// save-and-quit, ``wantsToQuit`` then says to end).
  ///
  /// - Returns: `true` when the screen should be redrawn (something changed, or a search or a
  ///   save is running and its progress moved).
  public func idle() -> Bool {
    unsavedEditsMarker?.update(filePath: document.path, hasUnsavedEdits: session.hasChanges)
    // A save in the background rewrites the file: that is no change by someone else.
    let fileChanged = isSaving ? false : document.checkFile()
    let saveChanged = pollSave()
    let searchChanged = pollSearch()
    let exportChanged = continueExport()
    let comparisonChanged = pollComparison()
    return fileChanged || saveChanged || searchChanged || exportChanged || comparisonChanged
  }

  // MARK: - Modes

  private func handleHelpKey(_ key: Key) -> EditorOutcome {
    let height = max((lastSize?.rows ?? 3) - Self.chromeRows, 1)
    let maximum = HelpScreen.maximumScroll(height: height)
    switch key {
    case .escape, .character("q"), .function(1):
      mode = .browsing
    case .control("q"):
      mode = .browsing
      return quit()
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

  private func handlePromptKey(_ key: Key, purpose: PromptPurpose) -> EditorOutcome {
    if purpose == .find, handleFindPromptOption(key) { return .continue }
    if case .fill(let range) = purpose, handleFillPromptOption(key, range: range) { return .continue }
    switch prompt.handle(key) {
    case .edited:
      return .continue
    case .cancelled:
      mode = .browsing
      return .continue
    case .submitted(let text):
      return submitPrompt(purpose, text: text)
    }
  }

  private func submitPrompt(_ purpose: PromptPurpose, text: String) -> EditorOutcome {
    switch purpose {
    case .goTo:
      do {
        let offset = try OffsetExpression.resolve(
          text, cursor: viewport.cursor, count: contentCount, allowingAppendPosition: viewport.allowsAppendPosition)
        mode = .browsing
        endSelectionUnlessMarked()
        viewport.jump(to: offset)
        endTypingRun()
      } catch {
        prompt.error = error.description
      }
    case .find:
      submitFind(text)
    case .saveAs(let thenQuit):
      return submitSaveAs(text, thenQuit: thenQuit)
    case .exportPath(let range):
      submitExportPath(text, range: range)
    case .inspectorValue:
      submitInspectorValue(text)
    case .fill(let range):
      submitFill(text, range: range)
    }
    return .continue
  }

  /// Dismisses the message, closes the mode, stops a running search, clears the match.
  private func cancel() {
    message = nil
    mode = .browsing
    if isExporting {
      cancelExport()
      return
    }
    clearSelection()
    if stopDifferenceSearch() {
      message = EditorMessage("search cancelled")
    } else if isSearching {
      stopSearch()
      message = EditorMessage("search cancelled")
    } else {
      match = nil
    }
  }

  /// Passes `outcome` on; on the way out, stops a running search.
  func finishing(_ outcome: EditorOutcome) -> EditorOutcome {
    let outcome = confirmQuitOfAside(outcome)
    if outcome == .quit {
      stopSearch()
      stopComparisonJobs()
      unsavedEditsMarker?.unmark()
    }
    return outcome
  }

  private func quit() -> EditorOutcome {
    guard session.hasChanges else { return .quit }
    ask(
      .saveBeforeQuit,
      "\(session.changeTally.notSaved). Save before quitting? y: save and quit, n: quit without saving, Esc: stay")
    return .continue
  }

  // MARK: - Questions

  /// Opens a yes/no question on the bottom line.
  func ask(_ question: EditorQuestion, _ text: String) {
    questionText = text
    mode = .confirming(question)
  }

  private func answer(_ question: EditorQuestion, with key: Key) -> EditorOutcome {
    if question == .reload {
      answerReload(with: key)
      return .continue
    }
    if answerExportQuestion(question, with: key) { return .continue }
    switch key {
    case .character("y"), .character("Y"):
      mode = .browsing
      switch question {
      case .saveBeforeQuit:
        return save(thenQuit: true)
      case .saveOverChangedFile(let thenQuit):
        return saveInPlace(ifChangedOnDisk: .overwrite, thenQuit: thenQuit)
      case .replaceExisting(let path, let thenQuit):
        return saveAs(to: path, replacingExisting: true, thenQuit: thenQuit)
      case .reload, .exportFormat, .replaceExport:
        return .continue  // answered above
      }
    case .character("n"), .character("N"):
      mode = .browsing
      if question == .saveBeforeQuit { return .quit }
      message = EditorMessage("not saved: your changes are still pending")
    case .escape:
      mode = .browsing
      if question != .saveBeforeQuit {
        message = EditorMessage("not saved: your changes are still pending")
      }
    default:
      break
    }
    return .continue
  }

  private func unboundKeyMessage(_ key: Key) -> String {
    if case .character(let character) = key, activePane == .hex {
      return "'\(character)' is not a hex digit; Tab switches to the text pane, F1 lists the keys"
    }
    return "\(KeyBinding.name(of: key)) does nothing here; F1 lists the keys"
  }
}
