import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Save: refused when the journal cannot be written", .serialized)
struct SaveRefusalTests {
  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func aReadOnlyDirectoryRefusesTheSave() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let writable = directory.file("writable")
    let readOnly = directory.file("read-only")
    try mounts.mountTmpfs(size: 64 << 10, at: writable)
    try mounts.mountTmpfs(size: 64 << 10, at: readOnly)
    // The file lives on a writable file system and is bind-mounted into a directory whose own
    // file system is then made read-only: the file can be written, no file can be created next to it.
    let original = patternBytes(count: 5000)
    try Data(original).write(to: URL(fileURLWithPath: writable + "/data.bin"))
    let path = readOnly + "/data.bin"
    FileManager.default.createFile(atPath: path, contents: nil)
    try mounts.mount(["--bind", writable + "/data.bin"], at: path)
    try mounts.mount(["-o", "remount,ro"], at: readOnly)
    let probe = try MemMap.open(path, mode: .readWrite)
    try probe.close()

    var pending = PendingEdits()
    pending.setByte(at: 10, value: ~original[10], original: original[10])
    let journalPath = SaveJournal.path(for: path)

    #expect(
      throws: SaveError.cannotWriteJournal(
        journalPath: journalPath, reason: .permissionDenied(path: journalPath, mode: .create(size: 82)))
    ) {
      try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(try contents(of: path) == original)
    #expect(!fileExists(journalPath))
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func aFullDiskRefusesTheSaveAndLeavesNoJournal() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountTmpfs(size: 64 << 10, at: disk)
    let original = patternBytes(count: 32 << 10)
    let path = disk + "/data.bin"
    try Data(original).write(to: URL(fileURLWithPath: path))
    try Data(count: 32 << 10).write(to: URL(fileURLWithPath: disk + "/filler.bin"))

    var pending = PendingEdits()
    pending.setByte(at: 10, value: ~original[10], original: original[10])
    let journalPath = SaveJournal.path(for: path)

    #expect(throws: SaveError.cannotWriteJournal(journalPath: journalPath, reason: .noSpace(path: journalPath))) {
      try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(try contents(of: path) == original)
    #expect(!fileExists(journalPath))
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func holesThatCannotGetPagesOnAFullDiskAreAnErrorNotACrash() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountTmpfs(size: 64 << 10, at: disk)
    // A sparse 1 MiB file (no pages yet) next to a filler that leaves a few pages free. On tmpfs
    // even reading a hole through a mapping needs a page, so the save fails while collecting the
    // original bytes for its journal: before anything is written.
    let path = disk + "/sparse.bin"
    FileManager.default.createFile(atPath: path, contents: nil)
    try resizeFile(path, to: 1 << 20)
    try Data(count: 40 << 10).write(to: URL(fileURLWithPath: disk + "/filler.bin"))
    var pending = PendingEdits()
    for page in 0..<32 {
      pending.setByte(at: page * 8 * 4096 + 1, value: 0xAB, original: 0)
    }
    let journalPath = SaveJournal.path(for: path)

    #expect {
      try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    } throws: { error in
      guard case .cannotOpen(path, _) = error as? SaveError else { return false }
      return true
    }
    #expect(try contents(of: path) == [UInt8](repeating: 0, count: 1 << 20))
    #expect(!fileExists(journalPath))
  }
}
