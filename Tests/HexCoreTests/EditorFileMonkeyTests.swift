import Foundation
import MemMap
import Testing

@testable import HexCore

/// Random keys against a real file, checked after every key against an independent reference.
///
/// The reference (``FileMonkeyReference``) keeps its own copy of the bytes the user should see,
/// its own undo and redo steps (the two nibbles of one byte typed in a row are one step; every
/// other edit is a step of its own) and its own nibble state (a high nibble typed makes the next
/// digit a low nibble; moving the cursor, switching panes, a successful undo or redo, a go-to, a
/// search that finds something and a save end the typing run). It reads from the editor only what
/// decides where a key goes (the mode, the pane and the cursor before the key) and the outcome of
/// things it does not model (whether a pattern or an offset was accepted, where the cursor moved).
///
/// After every key: the cursor lies inside the file; the bytes the editor shows for the whole
/// file, its nibble state, its undo and redo counts and whether it has unsaved changes equal the
/// reference's; the file on disk still holds what was last saved; a finished search found
/// exactly the match the reference finds in the bytes shown (or reported none when there is
/// none). After a save the file on disk equals the reference. When the editor quits, a new
/// editor opens the file and the run continues.
@Suite("Editor on a real file under random input, against a reference")
struct EditorFileMonkeyTests {
  @Test("random keys on real files: what the editor shows, undoes, finds and saves matches the reference",
    arguments: [0, 1, 300, 5000])
  func randomKeysAgainstReference(size: Int) throws {
    for seed: UInt64 in [1, 2, 3] {
      let run = try FileMonkeyRun(seed: seed &* 1000 &+ UInt64(size), size: size)
      try run.run(keyCount: 2500)
    }
  }
}

/// The shortest key sequences behind the failures the random runs found, kept as plain cases.
@Suite("Editor: typing runs around undo, redo and save (found by the random runs)")
struct EditorTypingRunTests {
  func shown(_ editor: Editor) -> [UInt8] {
    var bytes = editor.document.window(at: 0, length: editor.document.count).bytes
    editor.session.edits.apply(to: &bytes, at: 0)
    return bytes
  }

  @Test("Ctrl-Y with nothing to redo between the two nibbles of a byte keeps them one undo step")
  func redoWithNothingToRedoMidByte() throws {
    let directory = try TemporaryDirectory()
    let editor = try FileMonkeyRun.openEditor(try directory.file("data.bin", bytes: [0x12, 0x34]))
    editor.type("5")
    editor.press(.control("y"))
    #expect(editor.message == EditorMessage("nothing to redo"))
    editor.type("8")
    #expect(shown(editor) == [0x58, 0x34])
    editor.press(.control("z"))
    #expect(shown(editor) == [0x12, 0x34], "undo never leaves half a byte typed")
  }

  @Test("Ctrl-S between the two nibbles of a byte ends the typing run: the next digit starts a new byte")
  func saveMidByte() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: [0x12, 0x34])
    let editor = try FileMonkeyRun.openEditor(path)
    editor.type("5")
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("saved 1 byte"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [0x52, 0x34])
    #expect(!editor.isTypingLowNibble, "the save closed the undo step, so the byte's typing run is over")
    editor.type("8")
    #expect(shown(editor) == [0x82, 0x34])
    editor.press(.control("z"))
    #expect(shown(editor) == [0x52, 0x34], "undo goes back to what was saved, never to half a byte")
  }
}

/// One run: a temporary file, an editor on it, a reference, and a seeded stream of keys.
final class FileMonkeyRun {
  let seed: UInt64
  let directory: TemporaryDirectory
  let path: String
  var generator: SplitMix64
  var editor: Editor
  var reference: FileMonkeyReference
  var terminal = TerminalSize(columns: 80, rows: 24)
  /// Every key sent since the current editor was opened, for failure reports.
  var keysSinceOpen: [Key] = []
  var failed = false

  init(seed: UInt64, size: Int) throws {
    self.seed = seed
    var generator = SplitMix64(seed: seed)
    let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    directory = try TemporaryDirectory()
    path = try directory.file("monkey.bin", bytes: bytes)
    self.generator = generator
    editor = try Self.openEditor(path)
    reference = FileMonkeyReference(bytes: bytes)
  }

  static func openEditor(_ path: String) throws -> Editor {
    Editor(
      document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false),
      configuration: EditorConfiguration())
  }

  func diskContents() throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func run(keyCount: Int) throws {
    _ = editor.render(size: terminal)
    var sent = 0
    while sent < keyCount, !failed {
      for key in nextKeys() where !failed {
        try send(key)
        sent += 1
      }
    }
  }

  // MARK: - Sending one key

  func send(_ key: Key) throws {
    keysSinceOpen.append(key)
    let mode = editor.mode
    let pane = editor.activePane
    let cursor = editor.viewport.cursor
    let count = editor.contentCount
    let editorHadChanges = editor.hasUnsavedChanges
    let inserting = reference.isInserting
    // After an insert or delete the editor counts an edit back to the original values as a change.
    let hasChanges = reference.changesLayout ? editorHadChanges : reference.hasUnsavedChanges
    let searchBefore = editor.lastSearch?.search.pattern
    let promptText = editor.prompt.text
    let fillKind = editor.fillKind
    let matchBefore = editor.match

    let outcome = editor.handle(key)
    if key == .resize {
      terminal = randomTerminalSize()
    }
    waitForSearch()
    // The terminal layer draws after every key; drawing every few keys (and after every resize,
    // which takes effect when drawn) keeps the run fast.
    if key == .resize || keysSinceOpen.count % 4 == 0 {
      let frame = editor.render(size: terminal)
      check(frame.lines.count <= terminal.rows, "\(frame.lines.count) lines for \(terminal.rows) rows")
    }

    var expectedCursor: Int?
    var savedNow = false
    var quit = false
    var searchOrigin: (Int, SearchDirection)?

    switch mode {
    case .browsing:
      switch key {
      case .insert:
        reference.isInserting.toggle()
        reference.endTypingRun()
        // Back in overwrite mode, a cursor at the append position moves onto the last byte.
        expectedCursor = reference.isInserting ? cursor : min(cursor, max(count - 1, 0))
      case .delete:
        guard cursor < count else { break }
        reference.delete(cursor..<(cursor + 1))
        expectedCursor = inserting ? cursor : min(cursor, max(count - 2, 0))
      case .backspace:
        guard cursor > 0 else { break }
        reference.delete((cursor - 1)..<cursor)
        expectedCursor = cursor - 1
      case .character(let character) where pane == .hex && character.isASCII && character.isHexDigit && inserting:
        let digit = UInt8(character.hexDigitValue!)
        if reference.isTypingLowNibble {
          reference.typeNibble(digit, at: cursor)
          expectedCursor = cursor + 1
        } else {
          reference.insertNibble(digit, at: cursor)
          expectedCursor = cursor
        }
      case .character(let character) where pane == .text && inserting:
        guard !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { break }
        let bytes = Array(String(character).utf8)
        reference.insert(bytes, at: cursor)
        expectedCursor = cursor + bytes.count
      case .enter where pane == .text && inserting:
        reference.insert([0x0A], at: cursor)
        expectedCursor = cursor + 1
      case .paste(let text) where inserting:
        guard let bytes = Self.pastes[text].flatMap({ pane == .hex ? $0.hex : $0.text }) else { break }
        reference.insert(bytes, at: cursor)
        expectedCursor = cursor + bytes.count
      case .character(let character) where pane == .hex && character.isASCII && character.isHexDigit:
        guard count > 0 else { break }
        reference.typeNibble(UInt8(character.hexDigitValue!), at: cursor)
        expectedCursor = reference.isTypingLowNibble ? cursor : min(cursor + 1, count - 1)
      case .character(let character) where pane == .text && (0x20...0x7E).contains(character.asciiValue ?? 0):
        guard count > 0 else { break }
        reference.typeByte(character.asciiValue!, at: cursor)
        expectedCursor = min(cursor + 1, count - 1)
      case .enter where pane == .text:
        guard count > 0 else { break }
        reference.typeByte(0x0A, at: cursor)
        expectedCursor = min(cursor + 1, count - 1)
      case .character(let character) where pane == .text && !character.isASCII:
        let bytes = Array(String(character).utf8)
        guard count > 0, cursor + bytes.count <= count else { break }
        reference.overwrite(bytes, at: cursor)
        expectedCursor = min(cursor + bytes.count, count - 1)
      case .paste(let text):
        guard count > 0, let bytes = Self.pastes[text].flatMap({ pane == .hex ? $0.hex : $0.text }),
          cursor + bytes.count <= count
        else { break }
        reference.overwrite(bytes, at: cursor)
        expectedCursor = min(cursor + bytes.count, count - 1)
      case .control("a"):
        reference.endTypingRun()
      case .control("z"):
        expectedCursor = reference.undo() ?? cursor
      case .control("y"):
        expectedCursor = reference.redo() ?? cursor
      case .control("s"):
        if hasChanges {
          try expectSave(changed: reference.changedByteCount, outcome: outcome, quitting: false)
          savedNow = true
        } else {
          check(editor.message == EditorMessage("no changes to save"), "Ctrl-S without changes")
        }
      case .control("q"):
        quit = try expectQuitOrQuestion(outcome, hasChanges: hasChanges)
      case .control("n") where searchBefore != nil:
        searchOrigin = (cursor + 1, .forward)
      case .control("p") where searchBefore != nil:
        searchOrigin = (cursor, .backward)
      default:
        break
      }
    case .prompting(.goTo):
      if key == .enter, editor.mode == .browsing {
        reference.endTypingRun()
      }
    case .prompting(.find):
      if key == .enter, editor.mode == .browsing {
        // The same pattern submitted on its own match goes on to the next one.
        let isOnItsMatch = matchBefore?.lowerBound == cursor && searchBefore == editor.lastSearch?.search.pattern
        searchOrigin = (isOnItsMatch ? cursor + 1 : cursor, .forward)
      }
    case .prompting(.saveAs):
      check(false, "a file with a path never asks for a save-as path")
    case .prompting(.fill(let range)):
      if key == .enter, editor.mode == .browsing {
        let pattern = Self.fillPatterns[promptText].flatMap { fillKind == .hex ? $0.hex : $0.text }
        guard let pattern else {
          check(false, "the fill pattern '\(promptText)' was accepted, but it is not a known pattern of its kind")
          break
        }
        reference.fill(range, with: pattern)
        expectedCursor = range.lowerBound
      }
    case .prompting(.exportPath), .prompting(.inspectorValue):
      break
    case .confirming(let question):
      switch key {
      case .character("y"), .character("Y"):
        switch question {
        case .saveBeforeQuit:
          try expectSave(changed: reference.changedByteCount, outcome: outcome, quitting: true)
          savedNow = true
          quit = true
        case .saveOverChangedFile(let thenQuit):
          check(false, "nobody else changed the file, yet the editor asked: \(editor.questionText)")
          try expectSave(changed: reference.changedByteCount, outcome: outcome, quitting: thenQuit)
          savedNow = true
          quit = thenQuit
        case .replaceExisting:
          check(false, "a file with a path never asks to replace another")
        case .reload:
          check(false, "the reload question is answered with d or k, never y")
        case .exportFormat, .replaceExport:
          break
        }
      case .character("n"), .character("N"):
        if question == .saveBeforeQuit {
          check(outcome == .quit, "n to the quit question quits")
          quit = true
        }
      default:
        break
      }
    case .help:
      if key == .control("q") {
        quit = try expectQuitOrQuestion(outcome, hasChanges: hasChanges)
      }
    }
    if !quit {
      check(outcome == .continue, "only Ctrl-Q (and its question) quits, got \(outcome)")
    }

    if let searchOrigin {
      checkSearch(from: searchOrigin.0, searchOrigin.1, cursorBefore: cursor)
    }
    if editor.viewport.cursor != cursor || editor.activePane != pane {
      reference.endTypingRun()
    }
    if savedNow {
      reference.noteSaved()
    }
    if let expectedCursor {
      check(editor.viewport.cursor == expectedCursor, "cursor at \(editor.viewport.cursor), expected \(expectedCursor)")
    }
    try checkInvariants()

    if quit, !failed {
      editor = try Self.openEditor(path)
      reference = FileMonkeyReference(bytes: try diskContents())
      keysSinceOpen = []
      _ = editor.render(size: terminal)
    }
  }

  /// Polls the editor until its background search has finished (searches on these small files
  /// take microseconds; the limit only stops a hang from stalling the suite).
  func waitForSearch() {
    let deadline = ContinuousClock.now + .seconds(20)
    while editor.isSearching {
      _ = editor.idle()
      if ContinuousClock.now > deadline {
        check(false, "a search on \(editor.contentCount) bytes did not finish within 20 s")
        return
      }
      Thread.sleep(forTimeInterval: 0.0001)
    }
  }

  // MARK: - Expectations

  func expectSave(changed: Int, outcome: EditorOutcome, quitting: Bool) throws {
    let expectedMessage = "saved \(changed) \(changed == 1 ? "byte" : "bytes")"
    check(
      reference.changesLayout ? editor.message?.text.hasPrefix("saved") == true : editor.message?.text == expectedMessage,
      "after a save: \(String(describing: editor.message)), expected \(expectedMessage)")
    check(outcome == (quitting ? .quit : .continue), "save outcome \(outcome)")
    check(try diskContents() == reference.bytes, "after a save the file on disk holds what the editor showed")
    let journal = URL(fileURLWithPath: path).deletingLastPathComponent()
      .appendingPathComponent(".monkey.bin.mmhex-journal").path
    check(!FileManager.default.fileExists(atPath: journal), "no journal left after a save")
  }

  /// Ctrl-Q: quits at once without changes, asks otherwise. Returns whether the editor quit.
  func expectQuitOrQuestion(_ outcome: EditorOutcome, hasChanges: Bool) throws -> Bool {
    if hasChanges {
      check(outcome == .continue && editor.mode == .confirming(.saveBeforeQuit), "Ctrl-Q with changes asks first")
      return false
    }
    check(outcome == .quit, "Ctrl-Q without changes quits, got \(outcome) in \(editor.mode)")
    return outcome == .quit
  }

  /// Checks a search that was started from `origin` against the reference's own scan.
  func checkSearch(from origin: Int, _ direction: SearchDirection, cursorBefore: Int) {
    guard let pattern = editor.lastSearch?.search.pattern else {
      check(false, "a search ran without a pattern")
      return
    }
    let text = editor.message?.text ?? ""
    guard let expected = reference.find(pattern, direction, from: origin) else {
      check(text.hasPrefix("not found: "), "no match in the bytes shown, yet the editor says '\(text)'")
      check(editor.viewport.cursor == cursorBefore, "a failed search leaves the cursor")
      return
    }
    check(
      editor.viewport.cursor == expected.offset,
      "search from \(origin) \(direction): cursor at \(editor.viewport.cursor), expected \(expected.offset) ('\(text)')")
    check(editor.match?.lowerBound == expected.offset, "the match highlighted starts at the hit")
    check(
      text.hasPrefix(expected.wrapped ? "search wrapped" : "match at"),
      "search message '\(text)', wrapped: \(expected.wrapped)")
    reference.endTypingRun()
  }

  func checkInvariants() throws {
    let count = editor.contentCount
    let cursor = editor.viewport.cursor
    // In insert mode the cursor may rest at the append position, one past the last byte.
    let limit = reference.isInserting ? count : max(count - 1, 0)
    check(cursor >= 0 && cursor <= limit, "cursor \(cursor) outside a file of \(count) bytes")
    let shown = editor.contentWindow(at: 0, length: count).bytes
    if shown != reference.bytes {
      let common = min(shown.count, reference.bytes.count)
      let first = (0..<common).first { shown[$0] != reference.bytes[$0] } ?? common
      check(false, "the editor shows bytes that differ from the reference, first at \(first)")
    }
    compare("typing low nibble", editor.isTypingLowNibble, reference.isTypingLowNibble)
    compare("undo steps", editor.session.undoCount, reference.undoSteps.count)
    compare("redo steps", editor.session.redoCount, reference.redoSteps.count)
    compare("insert mode", editor.isInserting, reference.isInserting)
    if reference.changesLayout {
      check(editor.hasUnsavedChanges || !reference.hasUnsavedChanges, "bytes differ from the file, yet no unsaved changes")
    } else {
      compare("unsaved changes", editor.hasUnsavedChanges, reference.hasUnsavedChanges)
    }
    check(try diskContents() == reference.saved, "the file on disk changed without a save")
  }

  func compare<Value: Equatable>(_ what: String, _ editorValue: Value, _ referenceValue: Value) {
    check(editorValue == referenceValue, "\(what): editor \(editorValue), reference \(referenceValue)")
  }

  /// Records the first failure of the run with everything needed to replay it, then stops the run.
  func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    guard !condition, !failed else { return }
    failed = true
    let keys = keysSinceOpen.suffix(60).map(Self.describe).joined(separator: " ")
    Issue.record(
      """
      seed \(seed), \(reference.saved.count)-byte file, key \(keysSinceOpen.count) since the editor opened: \
      \(what()). Last keys: \(keys)
      """)
  }

  static func describe(_ key: Key) -> String {
    switch key {
    case .character(let character): "'\(character)'"
    default: KeyBinding.name(of: key)
    }
  }

  // MARK: - Random keys

  func random(_ upperBound: Int) -> Int {
    Int(generator.next() % UInt64(max(upperBound, 1)))
  }

  func pick<T>(_ choices: [T]) -> T {
    choices[random(choices.count)]
  }

  func randomTerminalSize() -> TerminalSize {
    if random(4) == 0 {
      return TerminalSize(columns: random(12), rows: random(5))
    }
    return TerminalSize(columns: 1 + random(200), rows: 1 + random(60))
  }

  /// The next action: one key, or a short sequence such as a prompt filled in and closed.
  func nextKeys() -> [Key] {
    let count = editor.contentCount
    switch random(100) {
    case 0..<28:
      return (0..<(1 + random(4))).map { _ in .character(pick(Array("0123456789abcdefABCDEF"))) }
    case 28..<34:
      return (0..<(1 + random(4))).map { _ in .character(Character(UnicodeScalar(UInt8(0x20 + random(0x5F))))) }
    case 34..<36:
      return fillKeys()
    case 36..<41:
      return [pick([.tab, .backTab])]
    case 41..<53:
      return [
        pick([
          .left, .right, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .controlHome, .controlEnd,
          .wheelUp, .wheelDown,
        ])
      ]
    case 53..<55:
      return [.character(pick(["g", "G"]))]
    case 55..<59:
      let text = pick([
        "0", "0x1f", "31", "+16", "-0x10", "50%", "end", "100%", String(random(count * 2 + 2)),
        "0x" + String(random(count + 1), radix: 16), "zz", "0x", "--1", "", "1e", "%", "-", "+", "99999999999999999999",
      ])
      return [.control("g")] + text.map { .character($0) } + [pick([.enter, .enter, .escape, .backspace])]
        + (random(2) == 0 ? [.escape] : [])
    case 59..<65:
      return findKeys(count: count)
    case 65..<69:
      return [pick([.control("n"), .control("p")])]
    case 69..<79:
      return [.control("z")]
    case 79..<85:
      return [.control("y")]
    case 85..<88:
      return [.control("s")]
    case 88..<90:
      return [.control("q"), pick([.character("y"), .character("n"), .escape, .character("x")])]
    case 90..<92:
      return [.function(1)] + (0..<random(3)).map { _ in pick([.down, .pageDown, .up, .end]) }
        + [pick([.escape, .character("q"), .function(1)])]
    case 92..<94:
      return [.resize]
    case 94..<97:
      return [pick([.backspace, .delete, .enter, .insert, .insert])]
    case 97..<98:
      return [pick([.unknown(0x1B), .unknown(4242), .function(5), .control("b"), .character("é"), .character("€")])]
    case 98:
      return [.paste(pick(Array(Self.pastes.keys).sorted()))]
    default:
      return [.escape]
    }
  }

  /// Pasted texts and the bytes they write in each pane (`nil`: refused, nothing written).
  static let pastes: [String: (hex: [UInt8]?, text: [UInt8]?)] = [
    "de ad be ef": ([0xDE, 0xAD, 0xBE, 0xEF], Array("de ad be ef".utf8)),
    "{ 0x01, 0x2 }": ([0x01, 0x02], Array("{ 0x01, 0x2 }".utf8)),
    "\\xff\\x00": ([0xFF, 0x00], [0x5C, 0x78, 0x66, 0x66, 0x5C, 0x78, 0x30, 0x30]),
    "de zz": (nil, Array("de zz".utf8)),
    "a\r\nb\rc": (nil, [0x61, 0x0A, 0x62, 0x0A, 0x63]),
    "é": (nil, [0xC3, 0xA9]),
    "": (nil, nil),
  ]

  /// Fill patterns and the bytes they repeat as hex and as text (`nil`: refused, nothing written).
  static let fillPatterns: [String: (hex: [UInt8]?, text: [UInt8]?)] = [
    "00": ([0x00], Array("00".utf8)),
    "ab": ([0xAB], Array("ab".utf8)),
    "de ad be ef": ([0xDE, 0xAD, 0xBE, 0xEF], Array("de ad be ef".utf8)),
    "0xff, 0x1": ([0xFF, 0x01], Array("0xff, 0x1".utf8)),
    "abc": (nil, Array("abc".utf8)),
    "zz": (nil, Array("zz".utf8)),
    "": (nil, nil),
  ]

  /// A selection (Shift with arrows, or Ctrl-A), Ctrl-K, a pattern (perhaps switching kind),
  /// then Enter or Esc; two Esc at the end close a refused pattern's prompt and clear the selection.
  func fillKeys() -> [Key] {
    var keys: [Key] =
      random(4) == 0
      ? [.control("a")] : (0...random(5)).map { _ in pick([Key.right.with(.shift), Key.left.with(.shift), Key.down.with(.shift)]) }
    keys.append(.control("k"))
    if random(4) == 0 { keys.append(.tab) }
    keys += pick(Array(Self.fillPatterns.keys).sorted()).map { .character($0) }
    if random(5) == 0 { keys.append(.tab) }
    keys += [pick([.enter, .enter, .enter, .escape]), .escape, .escape]
    return keys
  }

  /// Ctrl-F with a pattern (taken from the bytes shown so it is often found, or random, or
  /// malformed), perhaps switching kind or case, then Enter, Esc or Tab.
  func findKeys(count: Int) -> [Key] {
    var keys: [Key] = [.control("f")]
    if random(3) == 0 { keys.append(.control("u")) }
    if random(4) == 0 { keys.append(.tab) }
    if random(5) == 0 { keys.append(.control("t")) }
    let text: String
    switch random(6) {
    case 0, 1:
      // Bytes from the file, in hex, sometimes with a wildcard.
      let start = random(count)
      let length = min(1 + random(3), max(count - start, 0))
      var groups = (0..<length).map { String(format: "%02x", reference.bytes[start + $0]) }
      if groups.count > 1, random(3) == 0 { groups[random(groups.count)] = pick(["??", "?0", "f?"]) }
      text = groups.isEmpty ? "00" : groups.joined(separator: " ")
    case 2:
      // Printable text from the file (or a letter).
      let start = random(count)
      let slice = reference.bytes[min(start, count)..<min(start + 1 + random(3), count)]
      let printable = slice.filter { (0x21...0x7E).contains($0) }
      text = printable.isEmpty ? "a" : String(decoding: printable, as: UTF8.self)
    case 3:
      text = (0..<(1 + random(3))).map { _ in String(format: "%02x", random(256)) }.joined()
    default:
      text = pick(["4", "xyz", "", "??", "0x", "zz 12", "?? ??", "a b", "0xGG", " "])
    }
    keys += text.map { .character($0) }
    if random(4) == 0 { keys.append(.tab) }
    if random(5) == 0 { keys.append(.control("t")) }
    keys.append(pick([.enter, .enter, .enter, .escape, .tab]))
    if random(2) == 0 { keys.append(.escape) }
    return keys
  }
}

/// The reference: the bytes the user should see, the bytes on disk, and undo and redo kept
/// independently of the editor.
///
/// Steps are snapshots of the whole content before and after, so inserts and deletes need no
/// offset bookkeeping. Until the first insert, delete or fill since opening (or saving) the editor
/// records only bytes that changed value (a step that changes nothing is no step) and puts the
/// cursor on the first changed byte; from then on (``changesLayout``) every edit is a step and
/// the cursor goes to where the edit started. Saves keep the history.
struct FileMonkeyReference {
  struct Step {
    var before: [UInt8]
    var after: [UInt8]
    /// Where the cursor goes after undoing or redoing the step.
    var cursor: Int
  }

  var bytes: [UInt8]
  /// What the file on disk holds: as opened, or as last saved.
  var saved: [UInt8]
  var undoSteps: [Step] = []
  var redoSteps: [Step] = []
  /// Whether the next hex digit goes into the low nibble.
  var isTypingLowNibble = false
  /// Whether the last undo step may still take the low nibble of the byte whose high nibble
  /// (or inserted byte) it holds.
  var lastStepIsOpen = false
  /// Whether typing and pasting insert.
  var isInserting = false
  /// Whether a byte was inserted or deleted, or a range filled, since the file was opened or saved.
  var changesLayout = false

  init(bytes: [UInt8]) {
    self.bytes = bytes
    saved = bytes
  }

  var hasUnsavedChanges: Bool { bytes != saved }
  var changedByteCount: Int { zip(bytes, saved).count { $0 != $1 } }

  mutating func typeNibble(_ digit: UInt8, at offset: Int) {
    let before = bytes
    let high = !isTypingLowNibble
    let old = bytes[offset]
    bytes[offset] = high ? (digit << 4) | (old & 0x0F) : (old & 0xF0) | digit
    if !high, lastStepIsOpen {
      undoSteps[undoSteps.count - 1].after = bytes
      redoSteps.removeAll()
      lastStepIsOpen = false
    } else {
      lastStepIsOpen = record(before, at: offset) && high
    }
    isTypingLowNibble = high
  }

  /// Inserts a byte whose high nibble is `digit` (insert mode, hex pane); the next digit completes it.
  mutating func insertNibble(_ digit: UInt8, at offset: Int) {
    insert([digit << 4], at: offset)
    isTypingLowNibble = true
    lastStepIsOpen = true
  }

  /// Overwrites bytes from `offset` on as one step (a paste, a character).
  mutating func overwrite(_ values: [UInt8], at offset: Int) {
    let before = bytes
    bytes.replaceSubrange(offset..<(offset + values.count), with: values)
    endTypingRun()
    record(before, at: offset)
  }

  mutating func typeByte(_ value: UInt8, at offset: Int) {
    overwrite([value], at: offset)
  }

  mutating func insert(_ values: [UInt8], at offset: Int) {
    let before = bytes
    bytes.insert(contentsOf: values, at: offset)
    endTypingRun()
    changesLayout = true
    record(before, at: offset)
  }

  /// Fills `range` with `pattern` repeated (cut at the range's end) as one step; the document
  /// is in the piece table from then on.
  mutating func fill(_ range: Range<Int>, with pattern: [UInt8]) {
    let before = bytes
    for offset in range { bytes[offset] = pattern[(offset - range.lowerBound) % pattern.count] }
    endTypingRun()
    changesLayout = true
    record(before, at: range.lowerBound)
  }

  mutating func delete(_ range: Range<Int>) {
    let before = bytes
    bytes.removeSubrange(range)
    endTypingRun()
    changesLayout = true
    record(before, at: range.lowerBound)
  }

  /// Records the edit that turned `before` into the current bytes, made at `offset`.
  ///
  /// - Returns: Whether it became a step.
  @discardableResult
  private mutating func record(_ before: [UInt8], at offset: Int) -> Bool {
    lastStepIsOpen = false
    if changesLayout {
      undoSteps.append(Step(before: before, after: bytes, cursor: offset))
    } else {
      guard let first = bytes.indices.first(where: { bytes[$0] != before[$0] }) else { return false }
      undoSteps.append(Step(before: before, after: bytes, cursor: first))
    }
    redoSteps.removeAll()
    return true
  }

  /// Reverts the last step; returns where the cursor goes, or `nil` when there was nothing to undo.
  mutating func undo() -> Int? {
    guard let step = undoSteps.popLast() else { return nil }
    bytes = step.before
    redoSteps.append(step)
    endTypingRun()
    return min(step.cursor, lastCursorOffset)
  }

  /// Reapplies the last undone step; returns where the cursor goes, or `nil` when there was nothing to redo.
  mutating func redo() -> Int? {
    guard let step = redoSteps.popLast() else { return nil }
    bytes = step.after
    undoSteps.append(step)
    endTypingRun()
    return min(step.cursor, lastCursorOffset)
  }

  /// The furthest the cursor goes: the last byte, or in insert mode the append position.
  var lastCursorOffset: Int { isInserting ? bytes.count : max(bytes.count - 1, 0) }

  mutating func endTypingRun() {
    isTypingLowNibble = false
    lastStepIsOpen = false
  }

  /// The bytes shown are now on disk; the typing run ends, and the history stays (its steps
  /// are snapshots, so they outlive any save).
  mutating func noteSaved() {
    saved = bytes
    endTypingRun()
  }

  /// Where a search from `origin` should land in the bytes shown (see ``ByteSearch/find``):
  /// forward, the first match at or after `origin`, else the first before it; backward, the last
  /// match before `origin`, else the last at or after it.
  func find(_ pattern: SearchPattern, _ direction: SearchDirection, from origin: Int) -> (offset: Int, wrapped: Bool)? {
    let origin = min(max(origin, 0), bytes.count)
    let matches = bytes.count >= pattern.count
      ? (0...(bytes.count - pattern.count)).filter { start in
        (0..<pattern.count).allSatisfy { bytes[start + $0] & pattern.masks[$0] == pattern.values[$0] }
      } : []
    switch direction {
    case .forward:
      if let hit = matches.first(where: { $0 >= origin }) { return (hit, false) }
      return matches.first.map { ($0, true) }
    case .backward:
      if let hit = matches.last(where: { $0 < origin }) { return (hit, false) }
      return matches.last.map { ($0, true) }
    }
  }
}
