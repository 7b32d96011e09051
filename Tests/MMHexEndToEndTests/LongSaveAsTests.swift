import Foundation
import Testing

/// A long save-as (Ctrl-O) runs in the background: its progress on the bottom line, Esc that
/// cancels it and leaves nothing at the destination, and a second one that writes exactly.
///
/// Save-as locks its source file while it copies it (as an in-place save does), so holding that
/// lock holds the save at its start, waiting as long as the user lets it: the test sees it
/// running and presses keys while it is known not to have written anything.
@Suite struct LongSaveAsTests {
  typealias Long = LongSaveTests

  /// The names in `folder`, sorted, but for the marker that tells other mmhex processes about
  /// unsaved edits (`.NAME.HASH.mmhex-editing`).
  static func names(in folder: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
      .filter { !$0.hasSuffix(".mmhex-editing") }.sorted()
  }

  @Test func escapeCancelsALongSaveAsAndTheNextOneWritesExactly() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("big.bin", bytes: Long.original)
    let copy = folder.url.appendingPathComponent("copy.bin").path
    let session = try EditingTests.open([path])
    // An overwrite: the copy is written from the pending edits over the mapped file.
    try session.type("ab")
    try session.waitForLine(
      28, EditingTests.statusLine("big.bin [modified: 1 byte]", "0x00000001  1 / 33554432 bytes  0%"))

    let lock = try Long.HeldLock(path)
    try session.press("C-o")
    try session.press("C-u")
    try session.type(copy)
    try session.press("Enter")
    let waiting = "saving 'copy.bin': waiting for another mmhex saving 'big.bin' to finish"
    let running = try session.waitForLine(29, "\(waiting)  Esc cancels")
    try session.type("cd")
    try session.waitForLine(29, "\(waiting)  Esc cancels, other keys are ignored")
    try session.press("Escape")
    let cancelled = try session.waitForLine(
      29, "save to 'copy.bin' cancelled; nothing was written, your edits are still pending")
    #expect(cancelled[28] == running[28], "the edit is still pending")
    #expect(try Self.names(in: folder) == ["big.bin"], "no copy, no temporary file")
    #expect(try EditingTests.contents(path) == Long.original)
    lock.release()

    try session.press("C-o")
    try session.press("C-u")
    try session.type(copy)
    try session.press("Enter")
    try session.waitForLine(29, "saved 33554432 bytes to '\(copy)'")
    #expect(try EditingTests.contents(copy) == [0xAB] + Long.original.dropFirst())
    #expect(try EditingTests.contents(path) == Long.original)
    #expect(try Self.names(in: folder) == ["big.bin", "copy.bin"])
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
