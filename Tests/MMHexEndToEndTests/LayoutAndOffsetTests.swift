import Foundation
import Testing

/// Row widths that fit the terminal, and `--offset` and Ctrl-G reading one offset grammar.
@Suite struct LayoutAndOffsetTests {
  /// 1000 bytes: byte i holds i % 256.
  static let thousandBytes = (0..<1000).map { UInt8($0 % 256) }

  @Test(arguments: ["9223372036854775807", "2305843009213693952", "4096", "22"])
  func aWidthThatCannotFitIsRefusedWithTheMostThatFits(width: String) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: Self.thousandBytes)
    let session = try TmuxSession(mmhex: ["--width", width, path], columns: 100)
    #expect(try session.waitForExit() == 64)
    let expected = "mmhex: invalid --width: '\(width)' does not fit this 100-column terminal (the most that fits is 21)"
    // The line wraps at the window's width; the viewer never started, so nothing else is there.
    let screen = try session.screen().filter { !$0.isEmpty }
    #expect(screen.dropLast().joined() == expected)
    #expect(screen.last == "\(TmuxSession.exitMarker)64]")
  }

  @Test func theMostThatFitsIsAccepted() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: Self.thousandBytes)
    let session = try TmuxSession(mmhex: ["--width", "21", path], columns: 100)
    let screen = try session.waitForText(ViewerTests.keyHints)
    let hex = (0..<21).map { String(format: "%02x", $0) }
    let expected = "00000000  " + hex[0..<8].joined(separator: " ") + "  " + hex[8..<16].joined(separator: " ") + "  "
      + hex[16..<21].joined(separator: " ") + "  ....................."
    #expect(screen[0] == expected)
    #expect(screen[0].count == 97, "22 bytes would take 101 columns")
  }

  @Test func aWidthThatFitsAtStartShrinksWithTheTerminalAndComesBack() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: ["--width", "12", path])
    let screen = try session.waitForText(ViewerTests.keyHints)
    #expect(screen[0] == "00000000  48 65 6c 6c 6f 2c 20 6d  6d 68 65 78  Hello, mmhex")
    try session.resize(columns: 50, rows: 10)
    try session.waitForLine(0, "00000000  48 65 6c 6c 6f 2c 20 6d  Hello, m")
    try session.resize(columns: 100, rows: 30)
    try session.waitForLine(0, "00000000  48 65 6c 6c 6f 2c 20 6d  6d 68 65 78  Hello, mmhex")
  }

  @Test func narrowTerminalsGetFewerBytesPerRowDownToOne() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path], columns: 30, rows: 10)
    let screen = try session.waitForText("F1 help")
    #expect(screen[0] == "00000000  48 65 6c 6c  Hell")
    #expect(screen[1] == "00000004  6f 2c 20 6d  o, m")
    try session.resize(columns: 15, rows: 6)
    let one = try session.waitForLine(1, "00000001  65  e")
    #expect(one[0] == "00000000  48  H")
    try session.resize(columns: 14, rows: 6)
    let tooSmall = try session.waitForText("too small")
    #expect(tooSmall.filter { !$0.isEmpty } == ["too small"])
    try session.resize(columns: 43, rows: 6)
    try session.waitForLine(0, "00000000  48 65 6c 6c 6f 2c 20 6d  Hello, m")
    #expect(try session.exitStatus() == nil)
  }

  @Test(
    arguments: [
      ("end-16", "0x000003d8  984 / 1000 bytes  98%"), ("end", "0x000003e7  999 / 1000 bytes  100%"),
      ("50%", "0x000001f4  500 / 1000 bytes  50%"), ("+16", "0x00000010  16 / 1000 bytes  1%"),
      ("0x3e7", "0x000003e7  999 / 1000 bytes  100%"), ("100%", "0x000003e7  999 / 1000 bytes  100%"),
    ])
  func offsetOptionReadsTheGoToGrammar(offset: String, status: String) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: Self.thousandBytes)
    let session = try TmuxSession(mmhex: ["--offset", offset, path])
    let screen = try session.waitForText(ViewerTests.keyHints)
    #expect(screen[28] == ViewerTests.statusLine("data.bin", status))
  }

  /// Opens the 1000-byte file in a 100x30 viewer and enters `offset` at Ctrl-G.
  static func goTo(_ offset: String, in folder: TemporaryDirectory) throws -> TmuxSession {
    let path = try folder.file("data.bin", bytes: thousandBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type(offset)
    try session.press("Enter")
    return session
  }

  @Test(arguments: [("end-16", "0x000003d8  984 / 1000 bytes  98%"), ("end", "0x000003e7  999 / 1000 bytes  100%")])
  func goToReadsTheSameGrammar(offset: String, status: String) throws {
    let folder = try TemporaryDirectory()
    let session = try Self.goTo(offset, in: folder)
    try session.waitForLine(28, ViewerTests.statusLine("data.bin", status))
  }

  @Test func goToPastTheEndIsRefusedWithTheFileSize() throws {
    let folder = try TemporaryDirectory()
    let session = try Self.goTo("0x999999", in: folder)
    let screen = try session.waitForLine(
      29, "Go to offset: 0x999999  0x999999 is beyond the end of the 1000-byte file (last offset 0x3e7)")
    #expect(screen[28] == ViewerTests.statusLine("data.bin", "0x00000000  0 / 1000 bytes  0%"))
  }

  @Test(
    arguments: [
      ("0x999999", "0x999999 is beyond the end of the 1000-byte file (last offset 0x3e7)"),
      ("end+1", "0x3e9 is beyond the end of the 1000-byte file (last offset 0x3e7)"),
      ("-1", "that is 1 byte before the start of the file"),
      ("101%", "101% is more than 100%"),
    ])
  func offsetOptionRefusesWhatGoToRefuses(offset: String, reason: String) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: Self.thousandBytes)
    let result = try MMHexBinary.run(["--offset", offset, path])
    #expect(result.standardError == "mmhex: invalid --offset: \(reason)\n")
    #expect(result.status == 64)
  }
}
