import MemMap
import Testing

@Suite("Error messages read like sentences")
struct ErrorWordingTests {
  @Test func anOffsetPastTheEndSaysSoInsteadOfShowingAnEmptyRange() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("small.bin", pattern(100))
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, offset: 5_000_000) }
    #expect(error == .windowBeyondEndOfFile(path: path, offset: 5_000_000, length: 0, fileSize: 100, mode: .readOnly))
    #expect(
      error?.description
        == "cannot map '\(path)' with .readOnly: offset 5000000 is past the end of the 100-byte file; request a smaller "
        + "window, or open with .readWrite (r+) or .create(size:) to extend the file")
  }

  @Test func aWriteProtectedMapSaysHowToUndoIt() {
    #expect(
      MemMapError.writeProtected(path: "a.bin", operation: "write").description
        == "write on 'a.bin' failed: the map was made read-only with setWritable(false); call setWritable(true) first")
  }
}
