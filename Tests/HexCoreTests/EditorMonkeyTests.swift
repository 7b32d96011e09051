import Testing

@testable import HexCore

@Suite("Editor under random input")
struct EditorMonkeyTests {
  /// Keys a user (or a cat on the keyboard) might send, bad input included.
  static let keys: [Key] = [
    .left, .right, .up, .down, .pageUp, .pageDown, .home, .end, .controlHome, .controlEnd, .tab, .backTab,
    .enter, .escape, .backspace, .delete, .function(1), .function(5), .resize, .wheelUp, .wheelDown,
    .unknown(4242), .control("g"), .control("f"), .control("n"), .control("z"), .control("x"),
    .character("g"), .character("G"), .character("q"), .character("0"), .character("x"), .character("+"),
    .character("-"), .character("%"), .character("e"), .character("n"), .character("d"), .character("é"),
    .character("9"), .character("f"), .insert, .control(" "), Key.right.with(.shift), Key.left.with(.alt),
    Key.character("x").with(.alt), Key.function(1).with(.shift),
    // Selection, clipboard and the inspector (Ctrl-E is left out: its path prompt would write files).
    .function(2), .control("a"), .control("c"), .control("v"), .control("k"), Key.down.with(.shift), Key.end.with([.control, .shift]),
  ]

  @Test("thousands of random keys and sizes: no crash, cursor in the file, frames within the screen", arguments: [0, 1, 17, 4096, 1 << 40])
  func randomKeys(count: Int) throws {
    var generator = SplitMix64(seed: UInt64(count) &+ 99)
    let bytes = countingBytes(min(count, 4096))
    let document: Document
    if count > 4096 {
      let storage = ZeroStorage(count: count)
      document = Document(storage: storage, path: "zeros", isReadOnly: true)
    } else {
      document = try makeDocument(bytes)
    }
    let editor = Editor(document: document, configuration: EditorConfiguration())
    var size = TerminalSize(columns: 80, rows: 24)
    for step in 0..<3000 {
      let key = Self.keys[Int(generator.next() % UInt64(Self.keys.count))]
      if editor.handle(key) == .quit { Issue.record("quit without Ctrl-Q at step \(step)") }
      if key == .resize {
        size = TerminalSize(columns: Int(generator.next() % 220), rows: Int(generator.next() % 70))
      }
      #expect(editor.viewport.cursor >= 0)
      // In insert mode the cursor may rest one past the last byte, where bytes are appended.
      #expect(editor.viewport.cursor <= (editor.isInserting ? editor.contentCount : max(editor.contentCount - 1, 0)))
      if step % 7 == 0 {
        let frame = editor.render(size: size)
        #expect(frame.lines.count <= size.rows)
        #expect(frame.lines.allSatisfy { $0.text.count <= size.columns })
      }
    }
    #expect(editor.handle(.control("q")) == .quit || editor.mode != .browsing)
  }

  /// A huge file of zeros without a mapping.
  final class ZeroStorage: ByteStorage {
    let count: Int
    init(count: Int) { self.count = count }
    func read(at offset: Int, into buffer: inout [UInt8]) -> StorageRead {
      for index in buffer.indices { buffer[index] = 0 }
      return .complete
    }
    func currentSize() -> Int? { nil }
  }
}

@Suite("Parsers under random input")
struct ParserFuzzTests {
  @Test("random and malformed offset expressions give a value or a clear error, never a trap")
  func offsets() {
    var generator = SplitMix64(seed: 5)
    let alphabet = Array("0123456789abcdefxX+-% endEND_\t.")
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 12)
      let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
      let count = Int(generator.next() % 3) == 0 ? Int.max : Int(generator.next() % 5000)
      let cursor = count == 0 ? 0 : Int(generator.next() % UInt64(count))
      do {
        let offset = try OffsetExpression.resolve(text, cursor: cursor, count: count)
        #expect(offset >= 0 && offset <= max(count - 1, 0), "\(text)")
      } catch {
        #expect(!error.description.isEmpty)
      }
      do {
        let value = try NumberParser.parse(text)
        #expect(value >= 0)
      } catch {
        #expect(!error.description.isEmpty)
      }
    }
  }
}
