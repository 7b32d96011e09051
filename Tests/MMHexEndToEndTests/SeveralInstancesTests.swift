import Foundation
import Testing

/// Two processes on one file, as a person meets them: a second mmhex opening a file while
/// another process is in the middle of saving it, two mmhex saving the same bytes at once, and
/// the notice that another mmhex has unsaved edits; and a file name so long that the journal's
/// old name would not fit. Every test checks the screens and the exact bytes on disk.
@Suite(.serialized) struct SeveralInstancesTests {
  static let columns = EditingTests.columns

  /// The file bytes after the crash helper's save with a stride of 4096: bytes 17, 4113, …
  /// and 12286…12290 inverted.
  static func helperEdited(_ original: [UInt8]) -> [UInt8] {
    var edited = original
    for offset in Array(stride(from: 17, to: original.count, by: 4096)) + Array(12286...12290) {
      edited[offset] = ~original[offset]
    }
    return edited
  }

  @Test func openingWhileAnotherProcessSavesWaitsThenOpensReadOnlyAndTheSaveCompletes() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 21)
    let original = random.bytes(5 * 4096)
    let path = try folder.file("busy.bin", bytes: original)
    // Stopped after its journal and first page were written, holding the file's lock.
    let save = try PausedHelperSave(file: path, stride: 4096, afterStep: 1)
    let halfSaved = try EditingTests.contents(path)
    try #require(halfSaved != original)

    let session = try TmuxSession(mmhex: ["--width", "16", path], columns: Self.columns)
    let screen = try session.waitForLine(
      29,
      "another mmhex is saving '\(path)' right now; reopen the file once that save is done to edit it (opened read-only)")
    #expect(screen[28] == EditingTests.statusLine("busy.bin [read-only]", "0x00000000  0 / 20480 bytes  0%"))
    #expect(try EditingTests.contents(path) == halfSaved, "nothing rolled back")
    #expect(FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))

    #expect(save.finish() == 0)
    #expect(try EditingTests.contents(path) == Self.helperEdited(original))
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == Self.helperEdited(original))
  }

  @Test func savingWhileAnotherProcessSavesWaitsAndThenAsks() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 22)
    let original = random.bytes(5 * 4096)
    let path = try folder.file("both.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.type("5a")
    try session.waitForLine(28, EditingTests.statusLine("both.bin [modified: 1 byte]", "0x00000001  1 / 20480 bytes  0%"))

    let save = try PausedHelperSave(file: path, stride: 4096, afterStep: 2)
    try session.press("C-s")
    try session.waitForLine(
      29, "cannot save '\(path)': another mmhex is saving it right now; nothing was written, try again in a moment")
    #expect(save.finish() == 0)
    let theirs = Self.helperEdited(original)
    #expect(try EditingTests.contents(path) == theirs)

    try session.press("C-s")
    try session.waitForLine(29, matching: #"'.*both\.bin' changed on disk since it was opened \(modified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\); save anyway\? \(y/n\)"#)
    try session.press("n")
    try session.waitForLine(29, "not saved: your changes are still pending")
    #expect(try EditingTests.contents(path) == theirs)
    try session.press("C-q")
    try session.waitForText("Save before quitting?")
    try session.press("n")
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == theirs)
  }

  @Test func twoMmhexOnOneFileNameEachOtherAndNeverMixTheirSaves() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 23)
    let original = random.bytes(64 * 1024)
    let path = try folder.file("shared.bin", bytes: original)
    let first = try EditingTests.open([path])
    try first.type(String(repeating: "aa", count: 64))
    try first.waitForLine(28, EditingTests.statusLine("shared.bin [modified: 64 bytes]", "0x00000040  64 / 65536 bytes  0%"))
    let firstID = try first.programID()

    let second = try TmuxSession(mmhex: ["--width", "16", path], columns: Self.columns)
    try second.waitForLine(
      29, "another mmhex (process \(firstID)) has unsaved edits to '\(path)'; whoever saves second is asked first")
    try second.type(String(repeating: "bb", count: 64))
    try second.waitForLine(28, EditingTests.statusLine("shared.bin [modified: 64 bytes]", "0x00000040  64 / 65536 bytes  0%"))

    // Both save at once: one saves, the other waits for it and then asks (or, if the first
    // save took longer than the two seconds a save waits, says so; saving again then asks).
    try first.press("C-s")
    try second.press("C-s")
    let asked = #"'.*shared\.bin' changed on disk since it was opened \(.*\); save anyway\? \(y/n\)"#
    let question = try Regex(asked)
    let busy = "cannot save '\(path)': another mmhex is saving it right now; nothing was written, try again in a moment"
    func outcome(of session: TmuxSession) throws -> String {
      var line = ""
      try session.waitFor("a save, a question or a wait that gave up") { lines in
        line = lines[29]
        return line == "saved 64 bytes" || line == busy || line.wholeMatch(of: question) != nil
      }
      return line
    }
    let firstLine = try outcome(of: first)
    let secondLine = try outcome(of: second)
    let firstSaved = firstLine == "saved 64 bytes"
    #expect(firstSaved != (secondLine == "saved 64 bytes"), "exactly one saves: '\(firstLine)' / '\(secondLine)'")
    let asker = firstSaved ? second : first
    if (firstSaved ? secondLine : firstLine) == busy {
      try asker.press("C-s")
      try asker.waitForLine(29, matching: asked)
    }
    try asker.press("n")
    try asker.waitForLine(29, "not saved: your changes are still pending")

    var expected = original
    expected.replaceSubrange(0..<64, with: [UInt8](repeating: firstSaved ? 0xAA : 0xBB, count: 64))
    #expect(try EditingTests.contents(path) == expected)
    for session in [first, second] {
      try session.press("C-q")
      if session === asker {
        try session.waitForText("Save before quitting?")
        try session.press("n")
      }
      #expect(try session.waitForExit() == 0)
    }
    #expect(try EditingTests.contents(path) == expected)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["shared.bin"])
  }

  @Test func aFileWithA250ByteNameOpensWritableAndSaves() throws {
    let folder = try TemporaryDirectory()
    let name = String(repeating: "n", count: 250)
    let path = try folder.file(name, bytes: [1, 2, 3, 4])
    let session = try EditingTests.open([path])
    let opened = try session.screen()
    #expect(opened[29] == EditingTests.keyHints, "no journal message")
    try session.type("ff")
    try session.press("C-s")
    try session.waitForLine(29, "saved 1 byte")
    #expect(try EditingTests.contents(path) == [0xFF, 2, 3, 4])
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [name])
  }
}
