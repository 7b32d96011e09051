import MemMap
import Testing

@testable import HexCore

@Suite("MemMapError in mmhex's words")
struct MemMapErrorWordingTests {
  /// One of every case, as MemMap reports them.
  static let errors: [MemMapError] = [
    .fileNotFound(path: "a.bin"),
    .isDirectory(path: "dir"),
    .notRegularFile(path: "fifo", kind: "FIFO (named pipe)"),
    .permissionDenied(path: "a.bin", mode: .readWrite),
    .windowBeyondEndOfFile(path: "a.bin", offset: 50, length: 51, fileSize: 100, mode: .readOnly),
    .outOfBounds(path: "a.bin", offset: 10, count: 4, mapCount: 12),
    .misaligned(path: "a.bin", offset: 3, alignment: 8),
    .notWritable(path: "a.bin", operation: "write", mode: .readOnly),
    .invalidSize(path: nil, size: -1, reason: "the size must not be negative"),
    .unsupported(path: nil, operation: "resize(to:)", reason: "an anonymous map has no file"),
    .noSpace(path: "a.bin"),
    .addressSpaceExhausted(path: nil, requested: 1 << 44),
    .fileTruncated(path: "a.bin", offset: 4096, fileSize: 100),
    .ioError(path: "a.bin", offset: 8192),
    .systemError(path: "a.bin", operation: "msync", reason: "Input/output error"),
  ]

  @Test("no message speaks of the library's API", arguments: errors)
  func noLibraryTerms(error: MemMapError) {
    let words = error.userDescription
    for term in [".create", ".readWrite", ".readOnly", ".copyOnWrite", "(size:)", "(offset:length:)", "close the map", "map offset", "anonymous map"] {
      #expect(!words.contains(term), "'\(words)' says \(term)")
    }
    #expect(!words.isEmpty)
    #expect(!words.contains("\n"))
  }

  @Test("the three the issue names, exactly")
  func namedMessages() {
    #expect(MemMapError.fileNotFound(path: "a.bin").userDescription == "'a.bin' does not exist")
    #expect(
      MemMapError.fileTruncated(path: "a.bin", offset: 4096, fileSize: 100).userDescription
        == "another process truncated 'a.bin' to 100 bytes while it was being read")
    #expect(
      MemMapError.addressSpaceExhausted(path: nil, requested: 1 << 44).userDescription
        == "not enough memory for 17592186044416 bytes")
  }

  @Test("save and recovery errors use these words")
  func routed() {
    let reason = MemMapError.ioError(path: "a.bin", offset: 8192)
    let save = SaveError.writeFailed(path: "a.bin", reason: reason, restoredStatus: nil, journalPath: ".a.bin.mmhex-journal")
    #expect(save.description.contains(reason.userDescription))
    let recovery = RecoveryError.cannotWriteFile(path: "a.bin", journalPath: ".a.bin.mmhex-journal", reason: reason)
    #expect(recovery.description.contains(reason.userDescription))
    #expect(!save.description.contains("map offset") && !recovery.description.contains("map offset"))
  }
}
