import MemMap
import Testing

@testable import HexCore

@Suite("The viewer's search skips the holes of a sparse file")
struct EditorSparseSearchTests {
  @Test("an absent pattern in 1 TiB of holes is reported not found, edits in holes are found")
  func tebibyteOfHoles() throws {
    let directory = try TemporaryDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("disk.img", size: size, tail: [0x41])
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    editor.press(.control("f"))
    editor.type("42 42")
    editor.press(.enter)
    while editor.isSearching { _ = editor.idle() }
    #expect(editor.message == EditorMessage("not found: 42 42", isError: true))

    // A pending edit in a hole is searched like the file's bytes, with the zeros around it.
    editor.press(.down)
    editor.type("42")
    editor.press(.up)
    #expect(editor.viewport.cursor == 1)
    editor.press(.control("f"))
    editor.type("00 42 00")
    editor.press(.enter)
    while editor.isSearching { _ = editor.idle() }
    #expect(editor.match == 15..<18)
  }
}
