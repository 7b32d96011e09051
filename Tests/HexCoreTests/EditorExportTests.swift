import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: exporting the selection as text or raw bytes (Ctrl-E)")
struct EditorExportTests {
  static let sample = countingBytes(64)

  func makeEditor() throws -> Editor {
    let editor = Editor(document: try makeDocument(Self.sample), configuration: EditorConfiguration())
    _ = editor.render(size: TerminalSize(columns: 80, rows: 6))
    return editor
  }

  /// Selects bytes 0xde 0xad 0xbe 0xef typed over 2..<6.
  func selectTypedBytes(_ editor: Editor) {
    editor.press(.right, .right)
    editor.type("deadbeef")
    editor.press(.left, .left.with(.shift), .left.with(.shift), .left.with(.shift))
  }

  @Test("each text format goes to both clipboards", arguments: [
    ("h", "de ad be ef", "copied 4 bytes"),
    ("c", "{ 0xde, 0xad, 0xbe, 0xef }", "copied 4 bytes as C array"),
    ("p", #"b"\xde\xad\xbe\xef""#, "copied 4 bytes as Python bytes"),
    ("b", "3q2+7w==", "copied 4 bytes as base64"),
  ])
  func textFormats(letter: String, text: String, message: String) throws {
    let editor = try makeEditor()
    selectTypedBytes(editor)
    editor.press(.control("e"))
    #expect(
      editor.questionText
        == "Export 4 bytes from 0x2 as: h hex, c C array, p Python bytes, b base64 (to the clipboard), "
        + "f raw bytes to a file; Esc: cancel")
    editor.type(letter)
    #expect(editor.mode == .browsing)
    #expect(editor.takeTerminalClipboardText() == text)
    #expect(editor.clipboard == [0xDE, 0xAD, 0xBE, 0xEF])
    #expect(editor.message == EditorMessage(message))
  }

  @Test("raw bytes go to a file with the edits applied, asking before replacing one")
  func rawToFile() throws {
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("out.bin").path
    let editor = try makeEditor()
    selectTypedBytes(editor)
    editor.press(.control("e"), .character("f"))
    #expect(editor.mode == .prompting(.exportPath(2..<6)))
    #expect(editor.prompt.label == "Export 4 bytes to file: ")
    editor.press(.enter)
    #expect(editor.prompt.error == "type a path, or Esc to cancel")
    editor.press(.paste(path), .enter)
    #expect(editor.message == EditorMessage("exported 4 bytes to '\(path)'"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [0xDE, 0xAD, 0xBE, 0xEF])

    // Again, over the file now there: asks; n keeps it, y replaces it.
    editor.press(.escape, .control("a"), .control("e"), .character("f"), .paste(path), .enter)
    #expect(editor.questionText == "'\(path)' exists. Replace it? y: replace, n or Esc: keep it")
    editor.type("n")
    #expect(editor.message == EditorMessage("not exported: '\(path)' is unchanged"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [0xDE, 0xAD, 0xBE, 0xEF])
    editor.press(.control("e"), .character("f"), .paste(path), .enter, .character("y"))
    var expected = Self.sample
    expected.replaceSubrange(2..<6, with: [0xDE, 0xAD, 0xBE, 0xEF])
    #expect(editor.message == EditorMessage("exported 64 bytes to '\(path)'"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
  }

  @Test("a directory is refused with the reason; Esc cancels the choice")
  func refusals() throws {
    let folder = try TemporaryDirectory()
    let editor = try makeEditor()
    editor.press(.control("e"), .escape)
    #expect(editor.mode == .browsing)
    editor.press(.control("e"), .character("f"), .paste(folder.url.path), .enter)
    #expect(editor.mode == .prompting(.exportPath(0..<1)))
    #expect(editor.prompt.text == folder.url.path)
    #expect(editor.prompt.error == "it is a directory; nothing was saved and no file changed, choose another path")
  }

  @Test("a large raw export is written step by step with its progress, and keys wait for it")
  func largeExport() throws {
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("big.bin").path
    var bytes = [UInt8](repeating: 0x07, count: 17 << 20)
    bytes[(17 << 20) - 1] = 0x42
    let editor = Editor(document: try makeDocument(bytes), configuration: EditorConfiguration())
    editor.type("ff")
    editor.press(.control("a"), .control("e"), .character("f"), .paste(path), .enter)
    #expect(editor.isExporting)
    let size = TerminalSize(columns: 120, rows: 6)
    #expect(editor.render(size: size).lines[5].text == "exporting 17825792 bytes to '\(path)': 94%  Esc cancels")
    editor.press(.right)
    #expect(editor.message == EditorMessage("an export is being written: Esc cancels it", isError: true))
    #expect(editor.viewport.cursor == 0)
    while editor.isExporting { _ = editor.idle() }
    #expect(editor.message == EditorMessage("exported 17825792 bytes to '\(path)'"))
    var expected = bytes
    expected[0] = 0xFF
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
  }

  @Test("an export of a file with inserted bytes writes exactly the document, from the file and the edits")
  func exportOfAnEditedFile() throws {
    let folder = try TemporaryDirectory()
    let bytes = (0..<(20 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
    let source = try folder.file("source.bin", bytes: bytes)
    let copy = folder.url.appendingPathComponent("copy.bin").path
    let editor = Editor(
      document: Document(mapping: try MemMap.open(source), path: source, isReadOnly: false),
      configuration: EditorConfiguration())
    editor.press(.insert)
    editor.type("abcd")
    editor.press(.control("a"), .control("e"), .character("f"), .paste(copy), .enter)
    while editor.isExporting { _ = editor.idle() }
    #expect(editor.message == EditorMessage("exported 20971522 bytes to '\(copy)'"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: copy))) == [0xAB, 0xCD] + bytes)
  }

  @Test("a file cut short under a raw export stops it, says where, and leaves nothing behind")
  func exportOfATruncatedFile() throws {
    let folder = try TemporaryDirectory()
    let source = try folder.file("source.bin", bytes: [UInt8](repeating: 0x11, count: 40 << 20))
    let copy = folder.url.appendingPathComponent("copy.bin").path
    let editor = Editor(
      document: Document(mapping: try MemMap.open(source), path: source, isReadOnly: false),
      configuration: EditorConfiguration())
    editor.press(.control("a"), .control("e"), .character("f"), .paste(copy), .enter)
    #expect(editor.isExporting)
    // The first 16 MiB are written; then the file loses its last 20 MiB.
    #expect(truncate(source, 20 << 20) == 0)
    while editor.isExporting { _ = editor.idle() }
    #expect(
      editor.message
        == EditorMessage(
          "cannot read 0x1400000: another process truncated the file, or it cannot be read", isError: true))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["source.bin"])
  }

  @Test("Esc cancels a large raw export and leaves nothing behind")
  func cancelledExport() throws {
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("big.bin").path
    let editor = Editor(document: try makeDocument([UInt8](repeating: 0, count: 40 << 20)), configuration: EditorConfiguration())
    editor.press(.control("a"), .control("e"), .character("f"), .paste(path), .enter)
    _ = editor.idle()
    #expect(editor.isExporting)
    editor.press(.escape)
    #expect(!editor.isExporting)
    #expect(editor.message == EditorMessage("export to '\(path)' cancelled; nothing was written"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    #expect(editor.selection == 0..<(40 << 20), "Esc stopped the export, the selection stays")
  }
}
