import Foundation
import MemMap
import Testing

@testable import HexCore

/// Saves of a document whose bytes moved (inserts and deletes): exact bytes, the same file, the
/// journal gone, and a full disk refused before anything is written.
@Suite("Size-changing saves")
struct MovedBytesSaveTests {
  static func table(over path: String) throws -> PieceTable {
    PieceTable(source: SharedSearchSource(try MemMap.open(path, mode: .readOnly)))
  }

  static func inode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
  }

  @Test func growingAndShrinkingSavesWriteExactlyTheDocumentIntoTheSameFile() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 50_000)
    let path = try directory.write("data.bin", original)
    let inode = try Self.inode(path)

    var table = try Self.table(over: path)
    table.overwrite(at: 7, with: [0xEE])
    table.insert(Array("inserted".utf8), at: 30_000)
    var expected = original
    expected[7] = 0xEE
    expected.insert(contentsOf: Array("inserted".utf8), at: 30_000)
    #expect(table.saveLayout.firstMovedOffset == 30_000)
    guard case .saved(let grown) = try Saver().save(table, to: path, expecting: try MemMap.status(ofFile: path)) else {
      Issue.record("the save asked")
      return
    }
    #expect(grown.bytesWritten == 1 + 20_008, "the edited byte before the tail, and the tail")
    #expect(try contents(of: path) == expected)
    #expect(try Self.inode(path) == inode)
    #expect(!JournalRecovery.hasJournal(filePath: path))

    var shrunk = try Self.table(over: path)
    shrunk.delete(0..<10)
    shrunk.delete(shrunk.count - 5..<shrunk.count)
    expected.removeSubrange(expected.count - 5..<expected.count)
    expected.removeSubrange(0..<10)
    _ = try Saver().save(shrunk, to: path, expecting: try MemMap.status(ofFile: path))
    #expect(try contents(of: path) == expected)
    #expect(try Self.inode(path) == inode)

    var cut = try Self.table(over: path)
    cut.delete(100..<cut.count)
    #expect(cut.saveLayout.firstMovedOffset == 100, "only a cut: nothing to write, just the size")
    _ = try Saver().save(cut, to: path, expecting: try MemMap.status(ofFile: path))
    #expect(try contents(of: path) == Array(expected[0..<100]))
  }

  /// Checks that saving `table` into `path` is refused for want of space before anything is
  /// written (the file still `original`, no journal), then saves it once `filler` is removed.
  static func expectRefusedForSpaceThenSaved(
    _ table: PieceTable, path: String, original: [UInt8], filler: String
  ) throws {
    let journalPath = SaveJournal.path(for: path)
    #expect(throws: SaveError.cannotWriteJournal(journalPath: journalPath, reason: .noSpace(path: journalPath))) {
      try Saver().save(table, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(try contents(of: path) == original)
    #expect(!fileExists(journalPath))

    try FileManager.default.removeItem(atPath: filler)
    _ = try Saver().save(table, to: path, expecting: try MemMap.status(ofFile: path))
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func aDiskWithRoomForTheJournalButNotTheGrowthRefusesTheSaveUntouched() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountTmpfs(size: 256 << 10, at: disk)
    let original = patternBytes(count: 96 << 10)
    let path = disk + "/data.bin"
    try Data(original).write(to: URL(fileURLWithPath: path))
    // 27 pages stay free: room for the journal (26 pages and 64 bytes), not for it and the growth.
    try Data(count: 52 << 10).write(to: URL(fileURLWithPath: disk + "/filler.bin"))

    var table = try Self.table(over: path)
    table.insert([UInt8](repeating: 0xAB, count: 8 << 10), at: 0)
    try Self.expectRefusedForSpaceThenSaved(table, path: path, original: original, filler: disk + "/filler.bin")
    #expect(try contents(of: path) == [UInt8](repeating: 0xAB, count: 8 << 10) + original)
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func aDiskWithoutRoomForTheHolesAFillWritesRefusesTheSaveUntouched() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountTmpfs(size: 256 << 10, at: disk)
    // 16 KiB of data, then a 112 KiB hole: the file takes 16 KiB.
    let path = disk + "/sparse.bin"
    let data = patternBytes(count: 16 << 10)
    try Data(data).write(to: URL(fileURLWithPath: path))
    try resizeFile(path, to: 128 << 10)
    let original = data + [UInt8](repeating: 0, count: 112 << 10)
    // 64 KiB stay free: room for the fill's journal (a few dozen bytes), not for the 96 KiB of
    // the hole it writes over.
    try Data(count: 176 << 10).write(to: URL(fileURLWithPath: disk + "/filler.bin"))

    var table = try Self.table(over: path)
    table.fill(8 << 10..<(112 << 10), with: [0x5A])
    try Self.expectRefusedForSpaceThenSaved(table, path: path, original: original, filler: disk + "/filler.bin")
    var filled = original
    filled.replaceSubrange(8 << 10..<(112 << 10), with: [UInt8](repeating: 0x5A, count: 104 << 10))
    #expect(try contents(of: path) == filled)
  }
}

@Suite("Inserting into the scratch buffer and saving it")
struct ScratchInsertSaveTests {
  @Test func bytesInsertedIntoAnEmptyScratchBufferAreSavedToANewFile() throws {
    let directory = try SaveTestDirectory()
    let editor = Editor(document: Document(bytes: [], path: nil), configuration: EditorConfiguration())
    editor.press(.insert)
    editor.type("c3")
    editor.press(.left)
    editor.type("a1b2")
    #expect(editor.contentCount == 3)
    #expect(editor.contentWindow(at: 0, length: 3).bytes == [0xA1, 0xB2, 0xC3])
    editor.press(.control("s"))
    let path = directory.file("new.bin")
    editor.type(path)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 3 bytes to '\(path)'"))
    #expect(try contents(of: path) == [0xA1, 0xB2, 0xC3])
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.document.path == path && editor.contentCount == 3)
  }
}
