import Testing

@testable import HexCore

/// Inserting and deleting in the compare view: the files are compared at equal offsets of the
/// edited documents.
@Suite("Editor: inserting and deleting in the compare view")
struct EditorCompareEditingTests {
  /// 64 counting bytes; the second file has 0x99 inserted at 0x20 (65 bytes).
  static let first = countingBytes(64)
  static let second = Array(countingBytes(64).prefix(0x20)) + [0x99] + countingBytes(32, from: 0x20)
  static let wide = TerminalSize(columns: 160, rows: 8)

  func makeEditor() throws -> Editor { try makeComparingEditor(Self.first, Self.second) }

  @Test("an insert in one file shifts the highlighting, the count, F8 and the status line; undo brings it back")
  func insertShiftsTheComparison() throws {
    let editor = try makeEditor()
    #expect(editor.render(size: Self.wide).lines[7].text.hasPrefix("33 differing bytes in 2 runs"))
    editor.press(.function(8))
    settleComparison(editor)
    #expect(editor.viewport.cursor == 0x20)
    editor.press(.insert)
    #expect(editor.isInserting)
    editor.type("99")
    settleComparison(editor)
    var frame = editor.render(size: Self.wide)
    #expect(
      frame.screen == """
        00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................     00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................|
        00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................     00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................|
        00000020  99 20 21 22 23 24 25 26  27 28 29 2a 2b 2c 2d 2e  . !"#$%&'()*+,-.     00000020  99 20 21 22 23 24 25 26  27 28 29 2a 2b 2c 2d 2e  . !"#$%&'()*+,-.|
        00000030  2f 30 31 32 33 34 35 36  37 38 39 3a 3b 3c 3d 3e  /0123456789:;<=>     00000030  2f 30 31 32 33 34 35 36  37 38 39 3a 3b 3c 3d 3e  /0123456789:;<=>|
        00000040  3f                                                ?                    00000040  3f                                                ?|
                                                                                         |
         a.bin [modified: 1 byte]                  0x00000021  33 / 65 bytes  51% INS     b.bin                                         0x00000021  33 / 65 bytes  51% |
        no differences  F8 next  F7 previous  Ctrl-W other file  F1 help|
        """)
    #expect(frame.lines[2].styleDump.contains("edited:99"))
    #expect(!frame.lines[2].styleDump.contains { $0.hasPrefix("differs:") })
    editor.press(.function(8))
    settleComparison(editor)
    #expect(editor.message == EditorMessage("no more differences after 0x21"))
    // Undo takes the insert back: the files differ again from 0x20.
    editor.press(.control("z"))
    settleComparison(editor)
    frame = editor.render(size: Self.wide)
    #expect(editor.contentCount == 64)
    #expect(frame.lines[7].text.hasPrefix("33 differing bytes in 2 runs"))
    #expect(frame.lines[2].styleDump.contains("differs:21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f"))
    #expect(frame.lines[2].styleDump.contains("differs:99 20 21 22 23 24 25 26  27 28 29 2a 2b 2c 2d 2e"))
    #expect(frame.lines[4].text == String(repeating: " ", count: 81) + "00000040  3f" + String(repeating: " ", count: 48) + "?")
  }

  @Test("Delete and Backspace in the other file after Ctrl-W; F8 and F7 read the edited documents")
  func deleteInTheOtherFile() throws {
    let editor = try makeEditor()
    editor.press(.control("w"))
    editor.press(.function(8))
    settleComparison(editor)
    #expect(editor.viewport.cursor == 0x20)
    editor.press(.delete)
    settleComparison(editor)
    #expect(editor.contentCount == 64)
    #expect(editor.message?.text == "deleted 1 byte at 0x20  (Ctrl-Z brings it back)")
    #expect(editor.differenceCount == DiffCount(bytes: 0, runs: 0))
    #expect(
      editor.render(size: Self.wide).lines[6].text.hasSuffix(
        "b.bin [modified: 1 byte deleted]          0x00000020  32 / 64 bytes  50% OVR "))
    // Two Backspaces at 0x12 remove 0x10 and 0x11: from 0x10 on, b.bin is two bytes ahead.
    editor.press(.home)
    editor.viewport.moveCursor(to: 0x12)
    editor.press(.backspace, .backspace)
    settleComparison(editor)
    #expect(editor.viewport.cursor == 0x10)
    // 0x10..<0x3e differ (46 bytes), and a.bin's last two bytes have no partner.
    #expect(editor.differenceCount == DiffCount(bytes: 48, runs: 2))
    editor.press(.function(7))
    settleComparison(editor)
    #expect(editor.viewport.cursor == 0x10, "from inside the run, F7 goes to its start")
    editor.viewport.moveCursor(to: 0x20)
    editor.press(.function(8))
    settleComparison(editor)
    #expect(editor.document.displayName == "a.bin", "only a.bin has bytes from 0x3e")
    #expect(editor.viewport.cursor == 0x3e)
  }
}

extension EditorCompareEditingTests {
  /// Random keys in the compare view (inserting and overwriting, Delete, Backspace, undo, redo,
  /// Ctrl-W, moves): after each, the count agrees with a byte-by-byte comparison of both
  /// documents as edited, and each row on screen is highlighted exactly when it holds a
  /// difference.
  @Test(arguments: 0..<4)
  func randomEditingAgreesWithTheReference(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 7919 &+ 11)
    let editor = try makeComparingEditor(random.bytes(200, from: [0, 1, 2]), random.bytes(180, from: [0, 1, 2]))
    let keys: [Key] = [
      .insert, .delete, .backspace, .control("z"), .control("y"), .control("w"), .left, .right, .up, .down,
      .character("0"), .character("1"), .character("2"),
    ]
    var sizes = Set<Int>()
    for _ in 0..<120 {
      editor.press(keys[random.next(in: 0...(keys.count - 1))])
      settleComparison(editor)
      guard let files = editor.comparedFiles else { return }
      let first = files.first.window(at: 0, length: files.first.count).bytes
      let second = files.second.window(at: 0, length: files.second.count).bytes
      sizes.insert(first.count)
      let runs = naiveRuns(first, second, in: 0..<max(first.count, second.count))
      #expect(
        editor.differenceCount == DiffCount(bytes: runs.reduce(0) { $0 + $1.count }, runs: runs.count),
        "\(first) vs \(second)")
      let frame = editor.render(size: Self.wide)
      for row in 0..<6 {
        let offset = editor.viewport.topOffset + row * 16
        let differing = (offset..<(offset + 16)).filter { index in
          index < max(first.count, second.count)
            && (index >= min(first.count, second.count) || first[index] != second[index])
        }
        // Each differing byte is drawn highlighted in the hex column of both blocks (or blank).
        let highlighted = frame.lines[row].styleDump.filter { $0.hasPrefix("differs:") }.joined()
        #expect(differing.isEmpty == highlighted.isEmpty, "row at \(offset)")
      }
    }
    #expect(sizes.count > 1, "inserts and deletes changed the first file's size")
  }
}
