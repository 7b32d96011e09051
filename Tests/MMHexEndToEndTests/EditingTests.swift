import Foundation
import Testing

/// Typing over bytes, undo and redo, saving, and the questions around them, driven through tmux
/// as a person would. Every test checks what the screen shows and the exact bytes on disk.
///
/// The window is wider than usual so long messages (which hold temporary paths) are not cut
/// off; `--width 16` keeps rows at 16 bytes.
@Suite struct EditingTests {
  static let columns = 200
  static let keyHints = ViewerTests.keyHints

  /// The status line of the wide window.
  static func statusLine(_ left: String, _ position: String) -> String {
    ViewerTests.statusLine(left, position, width: columns)
  }

  /// Starts mmhex with 16-byte rows in the wide window and waits for its first screen.
  static func open(_ arguments: [String]) throws -> TmuxSession {
    try TmuxSession.viewer(arguments, columns: columns)
  }

  /// The file's bytes now.
  static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// The journal a save of `path` writes in the directory of the file itself, named
  /// `.NAME.HASH.mmhex-journal` (NAME cut to 40 bytes, HASH the 64-bit FNV-1a hash of the whole
  /// name in 16 hex digits), as the README says.
  static func journalPath(_ path: String) -> String {
    let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let name = url.lastPathComponent
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    let hex = String(hash, radix: 16)
    var prefix = ""
    for character in name where prefix.utf8.count + character.utf8.count <= 40 { prefix.append(character) }
    let journal = ".\(prefix).\(String(repeating: "0", count: 16 - hex.count) + hex).mmhex-journal"
    return url.deletingLastPathComponent().appendingPathComponent(journal).path
  }

  @Test func typedBytesInBothPanesAreSavedExactly() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 11)
    let original = random.bytes(10_000)
    let path = try folder.file("random.bin", bytes: original)
    var expected = original
    expected[0] = 0xA5
    expected.replaceSubrange(0x1388..<0x138D, with: [0x3C, 0x7E] + Array("Hi!".utf8))
    let changed = zip(original, expected).filter { $0 != $1 }.count
    try #require(changed == 6, "the seed should give bytes that all differ from the typed ones")

    let session = try Self.open([path])
    // High nibble, low nibble: the byte at 0 becomes a5 and the cursor moves on.
    try session.type("a5")
    let first = try session.waitForLine(28, Self.statusLine("random.bin [modified: 1 byte]", "0x00000001  1 / 10000 bytes  0%"))
    #expect(first[0] == ViewerRow.line(offset: 0, bytes: expected[0..<16]))

    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("0x1388")
    try session.press("Enter")
    try session.waitForLine(28, Self.statusLine("random.bin [modified: 1 byte]", "0x00001388  5000 / 10000 bytes  50%"))
    try session.type("3c7e")
    try session.press("Tab")
    try session.type("Hi!")
    let typed = try session.waitForLine(
      28, Self.statusLine("random.bin [modified: 6 bytes]", "0x0000138d  5005 / 10000 bytes  50%"))
    // The jump put the row of 0x1388 at the top.
    #expect(typed[0] == ViewerRow.line(offset: 0x1380, bytes: expected[0x1380..<0x1390]))
    #expect(typed[1] == ViewerRow.line(offset: 0x1390, bytes: expected[0x1390..<0x13A0]))
    #expect(typed[29] == Self.keyHints)
    // Nothing is written before Ctrl-S.
    #expect(try Self.contents(path) == original)

    try session.press("C-s")
    let saved = try session.waitForLine(29, "saved 6 bytes")
    #expect(saved[28] == Self.statusLine("random.bin", "0x0000138d  5005 / 10000 bytes  50%"))
    #expect(saved[0] == ViewerRow.line(offset: 0x1380, bytes: expected[0x1380..<0x1390]))
    #expect(try Self.contents(path) == expected)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))

    // Nothing is pending any more: Ctrl-Q leaves at once.
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == expected)
  }

  @Test func quitWithoutSavingAsksThenEscapeStaysAndNLeavesTheFileAlone() throws {
    let folder = try TemporaryDirectory()
    let original = ViewerTests.knownBytes
    let path = try folder.file("known.bin", bytes: original)
    let session = try Self.open([path])
    try session.type("ff")
    let edited = try session.waitForLine(28, Self.statusLine("known.bin [modified: 1 byte]", "0x00000001  1 / 45 bytes  2%"))
    #expect(edited[0] == "00000000  ff 65 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  .ello, mmhex!.Th")

    let question =
      "1 changed byte is not saved. Save before quitting? y: save and quit, n: quit without saving, Esc: stay"
    try session.press("C-q")
    try session.waitForLine(29, question)
    try session.press("Escape")
    let stayed = try session.waitForLine(29, Self.keyHints)
    #expect(stayed[0] == edited[0])
    #expect(stayed[28] == edited[28])
    #expect(try session.exitStatus() == nil)

    try session.press("C-q")
    try session.waitForLine(29, question)
    try session.press("n")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == original)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
  }

  @Test func quitThenYSavesAndLeaves() throws {
    let folder = try TemporaryDirectory()
    let original = ViewerTests.knownBytes
    let path = try folder.file("known.bin", bytes: original)
    let session = try Self.open([path])
    try session.press("Tab")
    try session.type("XY")
    let edited = try session.waitForLine(28, Self.statusLine("known.bin [modified: 2 bytes]", "0x00000002  2 / 45 bytes  4%"))
    #expect(edited[0] == "00000000  58 59 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  XYllo, mmhex!.Th")
    try session.press("C-q")
    try session.waitForLine(
      29, "2 changed bytes are not saved. Save before quitting? y: save and quit, n: quit without saving, Esc: stay")
    try session.press("y")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == Array("XY".utf8) + original[2...])
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
  }

  @Test func undoThenSaveWritesOnlyTheFirstByte() throws {
    let folder = try TemporaryDirectory()
    let original = ViewerTests.knownBytes
    let path = try folder.file("known.bin", bytes: original)
    let session = try Self.open([path])
    try session.type("1234")
    try session.waitForLine(28, Self.statusLine("known.bin [modified: 2 bytes]", "0x00000002  2 / 45 bytes  4%"))
    // Each byte typed is one step; undo puts the cursor back on the byte it restored.
    try session.press("C-z")
    let undone = try session.waitForLine(28, Self.statusLine("known.bin [modified: 1 byte]", "0x00000001  1 / 45 bytes  2%"))
    #expect(undone[0] == "00000000  12 65 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  .ello, mmhex!.Th")
    try session.press("C-s")
    let saved = try session.waitForLine(29, "saved 1 byte")
    #expect(saved[28] == Self.statusLine("known.bin", "0x00000001  1 / 45 bytes  2%"))
    #expect(try Self.contents(path) == [0x12] + original[1...])
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func redoAfterUndoSavesBothBytes() throws {
    let folder = try TemporaryDirectory()
    let original = ViewerTests.knownBytes
    let path = try folder.file("known.bin", bytes: original)
    let session = try Self.open([path])
    try session.type("1234")
    try session.waitForLine(28, Self.statusLine("known.bin [modified: 2 bytes]", "0x00000002  2 / 45 bytes  4%"))
    try session.press("C-z")
    try session.waitForLine(28, Self.statusLine("known.bin [modified: 1 byte]", "0x00000001  1 / 45 bytes  2%"))
    try session.press("C-y")
    let redone = try session.waitForLine(28, Self.statusLine("known.bin [modified: 2 bytes]", "0x00000001  1 / 45 bytes  2%"))
    #expect(redone[0] == "00000000  12 34 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  .4llo, mmhex!.Th")
    try session.press("C-s")
    try session.waitForLine(29, "saved 2 bytes")
    #expect(try Self.contents(path) == [0x12, 0x34] + original[2...])
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  /// Only `-r` is tested: these tests may run as root, for whom a mode-444 file is still writable.
  @Test func readOnlyRefusesEditsAndSaves() throws {
    let folder = try TemporaryDirectory()
    let original = ViewerTests.knownBytes
    let path = try folder.file("known.bin", bytes: original)
    let session = try Self.open(["-r", path])
    let status = Self.statusLine("known.bin [read-only]", "0x00000000  0 / 45 bytes  0%")
    try session.type("a")
    let refused = try session.waitForLine(29, "read-only: this file cannot be changed")
    #expect(refused[28] == status)
    #expect(refused[0] == "00000000  48 65 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  Hello, mmhex!.Th")
    try session.press("C-s")
    let nothing = try session.waitForLine(29, "read-only: this file cannot be changed; nothing to save")
    #expect(nothing[28] == status)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == original)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
  }

  @Test func scratchBufferIsSavedAsAFileThenInPlace() throws {
    let folder = try TemporaryDirectory()
    let path = folder.path("scratch.bin")
    let session = try Self.open(["--scratch-size", "32"])
    try session.type("dead")
    let typed = try session.waitForLine(28, Self.statusLine("[scratch] [modified: 2 bytes]", "0x00000002  2 / 32 bytes  6%"))
    #expect(typed[0] == "00000000  de ad 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")

    try session.press("C-s")
    // tmux drops the blank at the end of the label.
    try session.waitForLine(29, "Save scratch buffer as:")
    try session.type(path)
    try session.waitForLine(29, "Save scratch buffer as: \(path)")
    try session.press("Enter")
    let saved = try session.waitForLine(29, "saved 32 bytes to '\(path)'")
    #expect(saved[28] == Self.statusLine("scratch.bin", "0x00000002  2 / 32 bytes  6%"))
    #expect(saved[0] == "00000000  de ad 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")
    #expect(saved[1] == "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")
    var expected = [0xDE, 0xAD] + [UInt8](repeating: 0, count: 30)
    #expect(try Self.contents(path) == expected)

    // Now a file: the next save writes in place.
    try session.type("ff")
    try session.waitForLine(28, Self.statusLine("scratch.bin [modified: 1 byte]", "0x00000003  3 / 32 bytes  9%"))
    try session.press("C-s")
    let again = try session.waitForLine(29, "saved 1 byte")
    #expect(again[28] == Self.statusLine("scratch.bin", "0x00000003  3 / 32 bytes  9%"))
    expected[2] = 0xFF
    #expect(try Self.contents(path) == expected)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func fileTruncatedWhileOpenShowsGoneBytesAndRefusesEditsThere() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 12)
    let original = random.bytes(4096)
    let path = try folder.file("trunc.bin", bytes: original)
    let session = try Self.open([path])
    try session.press("G")
    let end = try session.waitForLine(28, Self.statusLine("trunc.bin", "0x00000fff  4095 / 4096 bytes  100%"))
    #expect(end[27] == ViewerRow.line(offset: 0xFF0, bytes: original[0xFF0...]))

    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 100)
    try handle.close()

    // Noticed without a key press.
    let truncated = try session.waitForLine(
      28, Self.statusLine("trunc.bin [truncated to 100 bytes]", "0x00000fff  4095 / 4096 bytes  100%"))
    #expect(truncated[0] == "00000e40  __ __ __ __ __ __ __ __  __ __ __ __ __ __ __ __")
    #expect(truncated[27] == "00000ff0  __ __ __ __ __ __ __ __  __ __ __ __ __ __ __ __")
    #expect(truncated[29] == "the file was truncated to 100 bytes by another process; bytes past it show as __")
    #expect(try session.exitStatus() == nil)

    try session.type("5")
    let refused = try session.waitForLine(29, "cannot edit 0xfff: another process truncated the file before it")
    #expect(refused[28] == truncated[28])

    // The row holding the new end: 4 bytes left, 12 gone.
    try session.press("C-Home")
    let start = try session.waitForLine(28, Self.statusLine("trunc.bin [truncated to 100 bytes]", "0x00000000  0 / 4096 bytes  0%"))
    #expect(start[5] == ViewerRow.line(offset: 0x50, bytes: original[0x50..<0x60]))
    #expect(start[6] == ViewerRow.line(offset: 0x60, bytes: original[0x60..<0x70], readableCount: 4))
    #expect(start[7] == "00000070  __ __ __ __ __ __ __ __  __ __ __ __ __ __ __ __")
    #expect(start[29] == "the file was truncated to 100 bytes by another process; bytes past it show as __")

    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == Array(original[..<100]))
  }

  @Test func fileChangedOnDiskAsksBeforeSavingAndKeepsBothChanges() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 13)
    let original = random.bytes(4096)
    try #require(original[0] != 0x5A)
    let path = try folder.file("changed.bin", bytes: original)
    // One hour east of UTC, as a POSIX TZ rule (needs no time zone database).
    let session = try TmuxSession(mmhex: ["--width", "16", path], columns: Self.columns, environment: ["TZ": "XYZ-1"])
    try session.waitForText(Self.keyHints)
    try session.type("5a")
    try session.waitForLine(28, Self.statusLine("changed.bin [modified: 1 byte]", "0x00000001  1 / 4096 bytes  0%"))

    // Another process writes other bytes and the modification time moves.
    let theirs = Array("THEIRS".utf8)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 0x100)
    try handle.write(contentsOf: Data(theirs))
    try handle.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: path)
    var expected = original
    expected.replaceSubrange(0x100..<0x106, with: theirs)

    // The bottom line is drawn after the status line: waiting for it sees the whole frame.
    let noticed = try session.waitForLine(
      29, "another process changed the file since it was opened; Ctrl-S asks before saving over it")
    #expect(
      noticed[28] == Self.statusLine("changed.bin [modified: 1 byte] [changed on disk]", "0x00000001  1 / 4096 bytes  0%"))
    // Their bytes show through.
    #expect(noticed[16] == ViewerRow.line(offset: 0x100, bytes: expected[0x100..<0x110]))

    try session.press("C-s")
    try session.waitForLine(
      29, "'\(path)' changed on disk since it was opened (modified 2023-11-14 23:13:20); save anyway? (y/n)")
    #expect(try Self.contents(path) == expected)
    try session.press("y")
    let saved = try session.waitForLine(29, "saved 1 byte")
    #expect(saved[28] == Self.statusLine("changed.bin", "0x00000001  1 / 4096 bytes  0%"))
    expected[0] = 0x5A
    #expect(try Self.contents(path) == expected)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func interruptedSaveIsRolledBackWhenTheFileIsOpened() throws {
    let helper = try #require(SaveCrashHelper.path, "mmhex-save-crash-helper must be built next to mmhex")
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 14)
    let original = random.bytes(5 * 4096)
    let path = try folder.file("recover.bin", bytes: original)

    // The helper's save inverts bytes 17, 4113, 8209, 12305, 16401 and 12286...12290: 10 bytes
    // in 6 runs. It dies by SIGKILL right after writing its first page.
    let crashed = try SaveCrashHelper.run(helper, file: path, stride: 4096, stop: 1)
    #expect(crashed.status == 128 + SIGKILL)
    #expect(FileManager.default.fileExists(atPath: Self.journalPath(path)))
    let halfSaved = try Self.contents(path)
    let rewritten = zip(halfSaved, original).filter { $0 != $1 }.count
    try #require(rewritten > 0, "the killed save should have changed the file")

    let session = try TmuxSession(mmhex: ["--width", "16", path], columns: Self.columns)
    let screen = try session.waitForLine(
      29,
      "an interrupted save of '\(path)' was rolled back: \(rewritten) of 10 bytes in 6 regions rewritten, "
        + "the file is as before that save")
    #expect(screen[28] == Self.statusLine("recover.bin", "0x00000000  0 / 20480 bytes  0%"))
    #expect(screen[1] == ViewerRow.line(offset: 0x10, bytes: original[0x10..<0x20]))
    #expect(try Self.contents(path) == original)
    #expect(!FileManager.default.fileExists(atPath: Self.journalPath(path)))
    // The next key clears the message.
    try session.press("Right")
    try session.waitForLine(29, Self.keyHints)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.contents(path) == original)
  }
}
