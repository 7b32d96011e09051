import MemMap
import Testing

@testable import HexCore

@Suite("Document")
struct DocumentTests {
  @Test("display names: the file name, or [scratch]")
  func names() throws {
    #expect(try makeDocument([1], path: "dir/sub/file.bin").displayName == "file.bin")
    #expect(try makeDocument([1], path: "/abs/x").displayName == "x")
    #expect(try makeDocument([1], path: "plain").displayName == "plain")
    #expect(try makeDocument([1], path: nil).displayName == "[scratch]")
    #expect(try makeDocument([1], path: nil).path == nil)
  }

  @Test("windows hold the exact bytes, clipped to the document")
  func windows() throws {
    let document = try makeDocument(countingBytes(100))
    #expect(document.count == 100)
    let window = document.window(at: 90, length: 32)
    #expect(window.offset == 90)
    #expect(window.bytes == countingBytes(10, from: 90))
    #expect(window.readableCount == 10)
    #expect(window.range == 90..<100)
    #expect(document.window(at: 200, length: 5).bytes.isEmpty)
    #expect(document.window(at: -5, length: 2).bytes == [0, 1])
    #expect(document.truncatedCount == nil)
    #expect(document.checkFile() == false, "anonymous maps have no file to shrink")
  }

  @Test("an empty file opens and reads nothing")
  func emptyFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("empty.bin", bytes: [])
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: true)
    #expect(document.count == 0)
    #expect(document.window(at: 0, length: 16).bytes.isEmpty)
    #expect(document.isReadOnly)
  }

  @Test("a 1 TiB sparse file: go to the end and read the last row")
  func tebibyte() throws {
    let directory = try TemporaryDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("huge.bin", size: size, tail: Array("mmhex-end!".utf8))
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: true)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    editor.press(.control("g"))
    editor.type("end")
    editor.press(.enter)
    let frame = editor.render(size: TerminalSize(columns: 80, rows: 5))
    #expect(
      frame.screen == """
        0ffffffffd0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................|
        0ffffffffe0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................|
        0fffffffff0  00 00 00 00 00 00 6d 6d  68 65 78 2d 65 6e 64 21  ......mmhex-end!|
         huge.bin [read-only]  0x0ffffffffff  1099511627775 / 1099511627776 bytes  100% |
        F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit|
        """)
    editor.press(.control("g"))
    editor.type("50%")
    editor.press(.enter)
    #expect(editor.render(size: TerminalSize(columns: 80, rows: 5)).lines[0].text.hasPrefix("08000000000  00 00"))
    #expect(editor.viewport.cursor == 1 << 39)
  }

  @Test("a file truncated underneath: noticed when idle, bytes past the end drawn as gone")
  func truncatedWhileIdle() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("shrink.bin", bytes: countingBytes(3 * 4096, from: 0x41))
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration(bytesPerRow: 8))
    let size = TerminalSize(columns: 80, rows: 4)
    #expect(editor.render(size: size).lines[0].text == "00000000  41 42 43 44 45 46 47 48  ABCDEFGH")
    #expect(editor.idle() == false)
    try directory.truncate(path, to: 3)
    #expect(editor.idle() == true)
    #expect(editor.idle() == false, "nothing new the second time")
    #expect(document.truncatedCount == 3)
    let frame = editor.render(size: size)
    #expect(
      frame.screen == """
        00000000  41 42 43 __ __ __ __ __  ABC     |
        00000008  __ __ __ __ __ __ __ __          |
         shrink.bin [truncated to 3 bytes]          0x00000000  0 / 12288 bytes  0% OVR |
        the file was truncated to 3 bytes by another process; bytes past it show as __|
        """)
    #expect(frame.lines[0].runs.contains(StyledRun("__ __ __ __ __", .error)))
    #expect(frame.lines[3].runs.first?.style == .error)
  }

  @Test("a file truncated underneath: a read past the new end does not crash")
  func truncatedDuringRead() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("shrink.bin", bytes: countingBytes(4 * 4096))
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    try directory.truncate(path, to: 4096 + 10)
    let window = document.window(at: 2 * 4096, length: 64)
    #expect(window.bytes.count == 64)
    #expect(window.readableCount == 0)
    #expect(document.truncatedCount == 4096 + 10)
    let partial = document.window(at: 4096, length: 32)
    #expect(partial.readableCount == 10)
    #expect(Array(partial.bytes.prefix(10)) == countingBytes(10, from: 4096))
    #expect(Array(partial.bytes.suffix(22)) == [UInt8](repeating: 0, count: 22))
  }

  /// Storage that loses its tail after the first read, as a file truncated between two reads.
  final class ShrinkingStorage: ByteStorage {
    var bytes: [UInt8]
    var shrinkTo: Int?
    init(bytes: [UInt8], shrinkTo: Int) {
      self.bytes = bytes
      self.shrinkTo = shrinkTo
    }
    let count = 64
    func read(at offset: Int, into buffer: inout [UInt8]) -> StorageRead {
      if let size = shrinkTo { bytes.removeLast(bytes.count - size); shrinkTo = nil }
      guard offset + buffer.count <= bytes.count else { return .truncated(size: bytes.count) }
      for index in buffer.indices { buffer[index] = bytes[offset + index] }
      return .complete
    }
    func currentSize() -> Int? { bytes.count }
  }

  @Test("a read that finds the file shorter retries with what is left")
  func retry() {
    let document = Document(
      storage: ShrinkingStorage(bytes: countingBytes(64), shrinkTo: 20), path: "s", isReadOnly: false)
    let window = document.window(at: 16, length: 16)
    #expect(window.readableCount == 4)
    #expect(Array(window.bytes.prefix(4)) == [16, 17, 18, 19])
    #expect(document.truncatedCount == 20)
    #expect(document.readableCount == 20)
  }
}
