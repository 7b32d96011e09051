import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Saver: in-place save and save-as on real files")
struct SaverTests {
  private func edits(_ bytes: [Int: UInt8], over original: [UInt8]) -> PendingEdits {
    var edits = PendingEdits()
    for (offset, value) in bytes { edits.setByte(at: offset, value: value, original: original[offset]) }
    return edits
  }

  private func savedReport(_ outcome: SaveOutcome) throws -> SaveReport {
    guard case .saved(let report) = outcome else {
      Issue.record("expected .saved, got \(outcome)")
      throw CancellationError()
    }
    return report
  }

  @Test func writesExactlyTheEditedBytesAndNothingElse() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 3 * 4096 + 100)
    let path = try directory.write("data.bin", original)
    let status = try MemMap.status(ofFile: path)
    let changes: [Int: UInt8] = [5: 0xAA, 6: 0xBB, 4097: 0xCC, 12_000: 0xDD]
    let pending = edits(changes, over: original)

    let report = try savedReport(try Saver().save(pending, to: path, expecting: status))

    var expected = original
    for (offset, value) in changes { expected[offset] = value }
    #expect(try contents(of: path) == expected)
    #expect(report.savedByteCount == 4)
    #expect(report.runCount == 3)
    #expect(report.pageCount == 3)
    #expect(report.bytesWritten == 3 * 4096)
    #expect(report.message == "saved 4 bytes")
    #expect(report.warning == nil)
    #expect(report.status == (try MemMap.status(ofFile: path)))
    #expect(!fileExists(SaveJournal.path(for: path)))
  }

  @Test func aOneByteEditWritesOnePage() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 1 << 20)
    let path = try directory.write("one-mib.bin", original)
    let pending = edits([500_000: ~original[500_000]], over: original)

    let report = try savedReport(try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path)))

    #expect(report.pageCount == 1)
    #expect(report.bytesWritten == 4096)
    #expect(report.flushCount == 1)
    #expect(report.message == "saved 1 byte")
    #expect(try contents(of: path)[500_000] == ~original[500_000])
  }

  @Test(arguments: [(flushGap: 0, flushCount: 2), (flushGap: 1 << 20, flushCount: 1)])
  func distantPagesAreFlushedSeparatelyOnlyBeyondTheGap(flushGap: Int, flushCount: Int) throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 200 * 4096)
    let path = try directory.write("gap.bin", original)
    let pending = edits([10: 1, 150 * 4096: 2], over: original)

    let saver = Saver(flushGap: flushGap)
    let report = try savedReport(try saver.save(pending, to: path, expecting: try MemMap.status(ofFile: path)))

    #expect(report.pageCount == 2)
    #expect(report.flushCount == flushCount)
  }

  @Test func aRunAcrossAPageBoundaryTouchesBothPages() throws {
    let directory = try SaveTestDirectory()
    let original = [UInt8](repeating: 0, count: 3 * 4096)
    let path = try directory.write("span.bin", original)
    let pending = edits([4094: 1, 4095: 2, 4096: 3, 4097: 4], over: original)

    let report = try savedReport(try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path)))

    #expect(report.runCount == 1)
    #expect(report.pageCount == 2)
    #expect(try contents(of: path)[4093...4098] == [0, 1, 2, 3, 4, 0])
  }

  @Test func aFileModifiedByAnotherProgramNeedsConfirmation() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 64)
    let path = try directory.write("stale.bin", original)
    let opened = try MemMap.status(ofFile: path)
    try setModificationDate(of: path, to: Date(timeIntervalSince1970: 1_000_000_000))
    let pending = edits([1: 0xEE], over: original)

    let outcome = try Saver().save(pending, to: path, expecting: opened)

    guard case .fileChangedOnDisk(let reportedPath, let expected, let found) = outcome else {
      Issue.record("expected .fileChangedOnDisk, got \(outcome)")
      return
    }
    #expect(reportedPath == path)
    #expect(expected == opened)
    #expect(found.modificationTime == FileTimestamp(seconds: 1_000_000_000))
    #expect(outcome.message == "'\(path)' changed on disk since it was opened (modified 2001-09-09 01:46:40 UTC); save anyway? (y/n)")
    #expect(try contents(of: path) == original)

    let confirmed = try savedReport(try Saver().save(pending, to: path, expecting: opened, ifChangedOnDisk: .overwrite))
    #expect(confirmed.savedByteCount == 1)
    #expect(try contents(of: path)[1] == 0xEE)
  }

  @Test func aResizedFileNeedsConfirmation() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 64)
    let path = try directory.write("grown.bin", original)
    let opened = try MemMap.status(ofFile: path)
    try resizeFile(path, to: 80)

    let outcome = try Saver().save(edits([0: 0x01], over: original), to: path, expecting: opened)

    guard case .fileChangedOnDisk(_, _, let found) = outcome else {
      Issue.record("expected .fileChangedOnDisk, got \(outcome)")
      return
    }
    #expect(found.size == 80)
    #expect(outcome.message.contains("(size 64 → 80 bytes, modified "))
    #expect(try contents(of: path) == original + [UInt8](repeating: 0, count: 16))
  }

  @Test func aReplacedFileNeedsConfirmation() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 64)
    let path = try directory.write("replaced.bin", original)
    let opened = try MemMap.status(ofFile: path)
    let replacement = try directory.write("new.bin", original)
    // Same size and bytes, but another file (as editors that save by rename leave behind).
    try FileManager.default.removeItem(atPath: path)
    try FileManager.default.moveItem(atPath: replacement, toPath: path)

    let outcome = try Saver().save(edits([0: 0x01], over: original), to: path, expecting: opened)

    #expect(outcome.message.contains("(replaced by another file"))
  }

  @Test func editsPastATruncatedEndAreRefusedNamingTheOffsets() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 400)
    let path = try directory.write("truncated.bin", original)
    let pending = edits([50: 1, 98: 2, 99: 3, 100: 4, 101: 5, 200: 6, 300: 7], over: original)
    try resizeFile(path, to: 100)
    let shrunk = try MemMap.status(ofFile: path)

    #expect(throws: SaveError.fileShrankBelowEdits(path: path, fileSize: 100, offsets: [100, 200, 300], runCount: 3)) {
      try Saver().save(pending, to: path, expecting: shrunk)
    }
    #expect(try contents(of: path) == Array(original[0..<100]))
    #expect(!fileExists(SaveJournal.path(for: path)))
    let message = SaveError.fileShrankBelowEdits(path: path, fileSize: 100, offsets: [100, 200, 300], runCount: 3).description
    #expect(message == "cannot save '\(path)': another process truncated it to 100 bytes, below edits at 0x64, 0xc8, 0x12c; "
      + "nothing was written: undo the edits past the end, or restore the file's size")
  }

  @Test func aFileTruncatedDuringTheSaveIsNeverExtendedAndKeepsItsJournal() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 4 * 4096)
    let path = try directory.write("shrinking.bin", original)
    let journalPath = SaveJournal.path(for: path)
    var pending = PendingEdits()
    for offset in [100, 3 * 4096 + 5] {
      pending.setByte(at: offset, value: ~original[offset], original: original[offset])
    }
    var saver = Saver()
    saver.stepObserver = { step in
      // Another process truncates the file after the journal was written.
      if step == .journalWritten { try? resizeFile(path, to: 2 * 4096) }
    }

    #expect {
      try saver.save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    } throws: { error in
      guard case .writeFailed(path, .fileTruncated(path, _, 2 * 4096), nil, journalPath) = error as? SaveError else {
        return false
      }
      return true
    }
    #expect(try contents(of: path) == Array(original[0..<(2 * 4096)]))
    #expect(fileExists(journalPath))
    #expect(throws: RecoveryError.fileSizeChanged(path: path, journalPath: journalPath, journalSize: 4 * 4096, fileSize: 2 * 4096)) {
      try JournalRecovery.recover(filePath: path)
    }
  }

  @Test func savingWithoutEditsTouchesNothing() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("clean.bin", [1, 2, 3])
    let status = try MemMap.status(ofFile: path)

    let report = try savedReport(try Saver().save(PendingEdits(), to: path, expecting: status))

    #expect(report.savedByteCount == 0)
    #expect(report.journalByteCount == 0)
    #expect(try MemMap.status(ofFile: path) == status)
  }

  @Test func aMissingFileIsAClearError() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("gone.bin", [1, 2, 3])
    let status = try MemMap.status(ofFile: path)
    try FileManager.default.removeItem(atPath: path)

    #expect(throws: SaveError.cannotOpen(path: path, reason: .fileNotFound(path: path))) {
      try Saver().save(edits([0: 9], over: [1, 2, 3]), to: path, expecting: status)
    }
  }

  @Test func undoAfterSaveThenSaveRestoresTheOriginalFile() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 8192)
    let path = try directory.write("undo.bin", original)
    var status = try MemMap.status(ofFile: path)
    var session = EditSession()
    session.typeNibble(at: 4000, high: true, value: 0xF, original: original[4000])
    session.typeNibble(at: 4000, high: false, value: 0x0, original: original[4000])
    session.typeByte(at: 8191, value: 0x21, original: original[8191])

    status = try savedReport(try Saver().save(session.edits, to: path, expecting: status)).status
    session.markSaved()
    var onDisk = try contents(of: path)
    #expect(onDisk[4000] == 0xF0)
    #expect(onDisk[8191] == 0x21)

    #expect(session.undo(baseline: { onDisk[$0] }) == 8191)
    #expect(session.undo(baseline: { onDisk[$0] }) == 4000)
    #expect(session.changedByteCount == 2)
    _ = try savedReport(try Saver().save(session.edits, to: path, expecting: status))
    session.markSaved()
    onDisk = try contents(of: path)
    #expect(onDisk == original)
  }

  // MARK: - Save as

  @Test func saveAsWritesTheWholeBufferThroughTheEdits() throws {
    let directory = try SaveTestDirectory()
    var scratch = try MemMap.anonymous(size: 10_000)
    try scratch.write([1, 2, 3], at: 0)
    var pending = PendingEdits()
    pending.setByte(at: 1, value: 0x7F, original: 2)
    pending.setByte(at: 9_999, value: 0x55, original: 0)
    let target = directory.file("scratch.bin")

    let report = try savedReport(try Saver().saveAs(contentsOf: scratch, applying: pending, to: target))

    var expected = [UInt8](repeating: 0, count: 10_000)
    expected[0...2] = [1, 0x7F, 3]
    expected[9_999] = 0x55
    #expect(try contents(of: target) == expected)
    #expect(report.savedByteCount == 10_000)
    #expect(report.message == "saved 10000 bytes")
    #expect(report.status == (try MemMap.status(ofFile: target)))
    try scratch.close()
  }

  @Test func saveAsAsksBeforeReplacingAFile() throws {
    let directory = try SaveTestDirectory()
    let existing = try directory.write("existing.bin", [9, 9, 9, 9, 9, 9])
    var scratch = try MemMap.anonymous(size: 4)
    try scratch.write([1, 2, 3, 4], at: 0)

    let outcome = try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: existing)
    #expect(outcome == .destinationExists(path: existing))
    #expect(outcome.message == "'\(existing)' already exists; replace it? (y/n)")
    #expect(try contents(of: existing) == [9, 9, 9, 9, 9, 9])

    _ = try savedReport(
      try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: existing, replacingExisting: true))
    #expect(try contents(of: existing) == [1, 2, 3, 4])
    try scratch.close()
  }

  @Test func saveAsIntoAMissingDirectoryIsAClearError() throws {
    let directory = try SaveTestDirectory()
    let scratch = try MemMap.anonymous(size: 4)
    let target = directory.file("no-such-dir/out.bin")

    #expect {
      try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: target)
    } throws: { error in
      guard case .cannotWriteDestination(target, .directoryNotFound) = error as? SaveError else { return false }
      return "\(error)" == "cannot save to '\(SaveError.shortened(target))': its directory does not exist; "
        + "nothing was saved and no file changed, choose another path"
    }
    try scratch.close()
  }
}
