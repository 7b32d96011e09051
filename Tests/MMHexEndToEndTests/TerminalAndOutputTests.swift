import Foundation
import Testing

/// Terminals the viewer cannot draw on, names that would break a line, output that cannot be
/// written: each ends with one clear line.
@Suite struct TerminalAndOutputTests {
  /// Terminal types the viewer cannot draw on, and the one line each ends with.
  static let unusableTerminals: [(term: String, message: String)] = [
    ("dumb",
     "mmhex: terminal type 'dumb' cannot move the cursor, which the viewer needs (for a hex dump use "
       + "'mmhex dump FILE'; or set TERM to your terminal, e.g. xterm-256color)"),
    ("",
     "mmhex: TERM is not set, so the terminal's type is unknown (set TERM to your terminal, e.g. xterm-256color; "
       + "for a hex dump use 'mmhex dump FILE')"),
    ("no-such-terminal",
     "mmhex: cannot use terminal type 'no-such-terminal' (set TERM to a terminal your system knows, e.g. xterm-256color)"),
  ]

  @Test(arguments: unusableTerminals)
  func aTerminalTheViewerCannotDrawOnIsRefused(term: String, message: String) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path], columns: 200, term: term)
    #expect(try session.waitForExit() == 1)
    // Nothing of a screen was drawn: only the message and the shell's line.
    #expect(try session.screen().filter { !$0.isEmpty } == [message, "\(TmuxSession.exitMarker)1]"])
  }

  @Test func controlCharactersInTheFileNameAreShownEscaped() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("two\nlines\u{1B}[31m.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    let screen = try session.waitForText(ViewerTests.keyHints)
    #expect(screen[28] == ViewerTests.statusLine("two\\nlines\\x1b[31m.bin", "0x00000000  0 / 45 bytes  0%"))
    #expect(screen.count == 30)
  }

  @Test func aPromptHoldingSuchANameStaysOnItsLine() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("two\nlines.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("C-o")  // save-as offers the current path
    let screen = try session.waitFor("the save-as prompt") { $0.count == 30 && $0[29].hasPrefix("Save as: ") }
    #expect(screen[28] == ViewerTests.statusLine("two\\nlines.bin", "0x00000000  0 / 45 bytes  0%"))
    #expect(screen[29].hasSuffix("lines.bin") && !screen[29].contains("\n"))
    #expect(screen[0..<28].allSatisfy { !$0.contains("lines.bin") }, "the name did not spill onto another row")
  }

  @Test func controlCharactersInAPathAreEscapedInErrors() throws {
    let folder = try TemporaryDirectory()
    let missing = folder.path("no\nsuch.bin")
    for arguments in [[missing], ["dump", missing]] {
      let result = try MMHexBinary.run(arguments)
      let shown = folder.path("no\\nsuch.bin")
      #expect(result.standardError == "mmhex: cannot open '\(shown)': no such file\n")
      #expect(result.status == 1)
    }
  }

  /// Every command that prints something, and the line it must fail with on a full device.
  static let commandsWithOutput: [([String], Int32, String)] = [
    (["--version"], 1, "mmhex: cannot write to standard output: No space left on device"),
    (["--help"], 1, "mmhex: cannot write to standard output: No space left on device"),
    (["help", "dump"], 1, "mmhex: cannot write to standard output: No space left on device"),
    (["find", "--help"], 1, "mmhex: cannot write to standard output: No space left on device"),
    (["dump", "FILE"], 1, "mmhex: cannot write the dump: No space left on device"),
    (["find", "--text", "a", "FILE"], 2, "mmhex: cannot write the results: No space left on device"),
    (["find", "--count", "--text", "a", "FILE"], 2, "mmhex: cannot write the results: No space left on device"),
  ]

  @Test(arguments: commandsWithOutput)
  func outputThatCannotBeWrittenFails(arguments: [String], status: Int32, message: String) throws {
    let folder = try TemporaryDirectory()
    let file = try folder.file("data.bin", bytes: Array("banana".utf8))
    let resolved = arguments.map { $0 == "FILE" ? file : $0 }
    // The shell sends mmhex's standard output to /dev/full, where every write fails with ENOSPC.
    let result = try MMHexBinary.runProgram("sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", MMHexBinary.path] + resolved)
    #expect(result.status == status)
    #expect(result.standardError == message.replacingOccurrences(of: "FILE", with: file) + "\n")
  }
}

extension TerminalAndOutputTests {
  @Test func aScratchBufferTooLargeForMemoryIsRefusedInPlainWords() throws {
    // Larger than any process's address space, so it fails whatever the overcommit setting.
    let result = try MMHexBinary.run(["--scratch-size", "0x7ffffffffffff000"])
    #expect(
      result.standardError
        == "mmhex: cannot create a 9223372036854771712-byte scratch buffer: not enough memory for 9223372036854771712 bytes; "
        + "choose a smaller --scratch-size\n")
    #expect(result.status == 1)
  }
}
