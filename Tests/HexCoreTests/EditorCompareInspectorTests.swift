import Testing

@testable import HexCore

@Suite("Editor: the data inspector in the compare view")
struct EditorCompareInspectorTests {
  static let first: [UInt8] = [0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x80, 0x3F] + countingBytes(56, from: 8)
  static let second: [UInt8] = {
    var bytes = first
    bytes[0] = 0x79
    bytes[0x21] = 0xEE
    return bytes
  }()

  func makeEditor(_ first: [UInt8] = first, _ second: [UInt8] = second) throws -> Editor {
    try makeComparingEditor(first, second)
  }

  static let wideEnough = TerminalSize(columns: 140, rows: 24)
  static let tall = TerminalSize(columns: 80, rows: 30)

  static let heading = "        little endian            big endian"
  static let blank = String(repeating: " ", count: 77)

  @Test("beside the stacked blocks when wide enough, below them otherwise, a clear note when too small")
  func placement() throws {
    let editor = try makeEditor()
    editor.press(.function(2))
    #expect(editor.isInspectorOpen)
    let beside = editor.render(size: Self.wideEnough)
    #expect(beside.lines.count == 24)
    #expect(
      Array(beside.screen.split(separator: "\n").prefix(17)).joined(separator: "\n") == """
        00000000  78 56 34 12 00 00 80 3f  08 09 0a 0b 0c 0d 0e 0f  xV4....?........         little endian            big endian|
        00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................ int8    120                                              |
        00000020  20 21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f   !"#$%&'()*+,-./ uint8   120                                              |
        00000030  30 31 32 33 34 35 36 37  38 39 3a 3b 3c 3d 3e 3f  0123456789:;<=>? int16   22136                    30806                   |
                                                                                     uint16  22136                    30806                   |
                                                                                     int32   305419896                2018915346              |
                                                                                     uint32  305419896                2018915346              |
                                                                                     int64   4575657221713843832      8671175384462557247     |
                                                                                     uint64  4575657221713843832      8671175384462557247     |
                                                                                     float16 103.5                    35520.0                 |
         a.bin                                     0x00000000  0 / 64 bytes  0% OVR  float32 5.6904566e-28            1.7378244e+34           |
        00000000  79 56 34 12 00 00 80 3f  08 09 0a 0b 0c 0d 0e 0f  yV4....?........ float64 0.007812500529819064     4.691973844843932e+271  |
        00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................ binary  0b01111000                                       |
        00000020  20 ee 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f   ."#$%&'()*+,-./ char    'x'                                              |
        00000030  30 31 32 33 34 35 36 37  38 39 3a 3b 3c 3d 3e 3f  0123456789:;<=>? uleb128 120 (1 byte)                                     |
                                                                                     time32  1979-09-05T22:51:36Z     2033-12-23T01:49:06Z    |
                                                                                     time64  out of range             out of range            |
        """)
    #expect(beside.lines[21].text == " b.bin                                         0x00000000  0 / 64 bytes  0% ")
    #expect(beside.lines[23].text == "2 differing bytes in 2 runs  F8 next  F7 previous  Ctrl-W other file  F1 help")
    #expect(beside.cursor! == (0, 10))

    let below = editor.render(size: Self.tall)
    #expect(below.lines.count == 30)
    #expect(below.lines[5].text == " a.bin                                         0x00000000  0 / 64 bytes  0% OVR ")
    #expect(below.lines[6].text.hasPrefix("00000000  79 56 34 12"))
    #expect(below.lines[11].text == " b.bin                                             0x00000000  0 / 64 bytes  0% ")
    #expect(below.lines[12].text == Self.heading)
    #expect(below.lines[13].text == "int8    120" + String(repeating: " ", count: 46))
    #expect(below.lines[28].text.hasPrefix("time64  out of range"))
    #expect(editor.viewport.visibleRows == 5)

    // Too small for either: the blocks keep the whole screen and the bottom line says what is needed.
    let small = editor.render(size: TerminalSize(columns: 80, rows: 21))
    #expect(small.lines[20].text == "too small for the inspector: it needs 58 columns and 22 rows; F2 hides it")
    #expect(small.lines[0].text.hasPrefix("00000000  78 56 34 12"))
    #expect(small.lines[9].text.hasPrefix(" a.bin"))
    #expect(editor.render(size: TerminalSize(columns: 80, rows: 22)).lines[4].text == Self.heading)

    // Wide enough for the blocks side by side beside it.
    let wide = editor.render(size: TerminalSize(columns: 220, rows: 20))
    #expect(wide.lines[0].text.hasSuffix("  00000000  79 56 34 12 00 00 80 3f  08 09 0a 0b 0c 0d 0e 0f  yV4....?........    " + Self.heading))
    #expect(wide.lines[4].text.hasPrefix(String(repeating: " ", count: 162) + "uint16  22136"))

    editor.press(.function(2))
    #expect(editor.render(size: TerminalSize(columns: 80, rows: 21)).lines[20].text.hasPrefix("2 differing bytes"))
  }

  @Test("the values are the active file's with its pending edits; its hex pane marks them; Tab reaches the inspector")
  func valuesHighlightAndFocus() throws {
    let editor = try makeEditor()
    editor.press(.function(2), .right)
    editor.type("ff")
    editor.press(.left, .left)
    var frame = editor.render(size: Self.wideEnough)
    #expect(frame.lines[3].text.hasSuffix("int16   -136                     30975                   "))
    #expect(frame.lines[0].styleDump.prefix(4) == ["offset:00000000", "plain:  ", "cursor:78", "plain: "])
    #expect(frame.lines[0].styleDump.contains("differs:ff"), "the edit makes 0x1 differ")
    editor.press(.tab, .tab)
    #expect(editor.isInspectorFocused)
    editor.press(.down, .down, .down, .down, .down, .right)  // uint32, big endian
    frame = editor.render(size: Self.wideEnough)
    #expect(frame.cursor == nil, "the hex cursor is hidden while the inspector has the focus")
    #expect(frame.lines[0].styleDump.prefix(4) == ["offset:00000000", "plain:  ", "inspected:78 ff 34 12", "null: 00 00 "])
    #expect(!frame.lines[11].styleDump.contains { $0.hasPrefix("inspected:") }, "only the active file's bytes are marked")
    #expect(frame.lines[6].styleDump.suffix(2) == ["plain: ", "cursor:2029990930              "])
    // Ctrl-W: the other file's values, marked in its block.
    editor.press(.control("w"))
    frame = editor.render(size: Self.wideEnough)
    #expect(frame.lines[6].text.hasSuffix("uint32  305419897                2035692562              "))
    #expect(frame.lines[11].styleDump.contains("inspected:79 56 34 12"))
    #expect(!frame.lines[0].styleDump.contains { $0.hasPrefix("inspected:") })
    editor.press(.tab)
    #expect(!editor.isInspectorFocused)
    #expect(editor.render(size: Self.wideEnough).cursor! == (11, 10))
  }

  @Test("Enter writes a value through the prompt as one undo step, and the highlighting of differences follows")
  func editingAValue() throws {
    let editor = try makeEditor()
    editor.press(.function(2), .tab, .tab)
    editor.press(.down, .down, .down, .down, .down, .enter)  // uint32 LE
    #expect(editor.prompt.label == "uint32 LE at 0x0: ")
    editor.type("0x12345679")
    editor.press(.enter)
    settleComparison(editor)
    #expect(editor.message == EditorMessage("wrote uint32 LE at 0x0 = 0x12345679 (4 bytes; Ctrl-Z takes it back)"))
    #expect(editor.session.history.undoCount == 1)
    var frame = editor.render(size: Self.wideEnough)
    #expect(frame.lines[0].styleDump.prefix(3) == ["offset:00000000", "plain:  ", "inspected:79 56 34 12"])
    #expect(!frame.lines[11].styleDump.contains { $0.hasPrefix("differs:") }, "0x0 agrees now")
    #expect(editor.differenceCount == DiffCount(bytes: 1, runs: 1))
    #expect(frame.lines[10].text.hasPrefix(" a.bin [modified: 1 byte]"))
    editor.press(.tab, .control("z"))
    settleComparison(editor)
    frame = editor.render(size: Self.wideEnough)
    #expect(editor.differenceCount == DiffCount(bytes: 2, runs: 2))
    #expect(frame.lines[11].styleDump.contains("differs:79"))
  }

  @Test("the cursor's row stays on screen when the inspector takes rows below")
  func cursorStaysVisible() throws {
    let editor = try makeEditor(countingBytes(4096), countingBytes(4096))
    _ = editor.render(size: TerminalSize(columns: 80, rows: 40))
    editor.press(.controlEnd, .function(2))
    let frame = editor.render(size: Self.tall)
    #expect(frame.lines[4].text.hasPrefix("00000ff0  f0 f1 f2 f3"))
    #expect(frame.cursor! == (4, 56))
    #expect(frame.lines[13].text.hasPrefix("int8    -1"))
  }
}
