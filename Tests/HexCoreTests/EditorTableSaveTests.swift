import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: a piece-table document saves through the roll-forward journal")
struct EditorTableSaveTests {
  @Test("an insert taken back by a delete moves nothing, and is saved through the journal all the same")
  func anInsertThenADeleteSavesThroughTheJournal() throws {
    let directory = try TemporaryDirectory()
    let original = Array("0123456789abcdefghijklmnopqrstuvwxyzABCD".utf8)
    let path = try directory.file("data.bin", bytes: original)
    let editor = Editor(
      document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false), configuration: EditorConfiguration())
    editor.press(.insert)
    editor.type("ab")
    editor.press(.delete)
    let table = try #require(editor.session.table)
    #expect(table.saveLayout.isInPlace && table.saveLayout.inPlaceRanges == [0..<1])
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("saved 1 byte"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [0xAB] + original[1...])
    #expect(!editor.hasUnsavedChanges)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }
}
