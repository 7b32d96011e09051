import Foundation
import MemMap
import Testing

@testable import HexCore

/// Simulated crashes: the save's step observer copies the file and its journal as they are on
/// disk (page cache included, which is what survives a SIGKILL) after every step; each copy is
/// then recovered as a reopened file would be, and must be exactly the old or the new contents.
@Suite("Save: interrupted after every step, recovered to exactly old or new")
struct SaveCrashTests {
  @Test func everyInterruptionRecoversToExactlyOldOrNew() throws {
    let directory = try SaveTestDirectory()
    let pageSize = 4096
    let original = patternBytes(count: 48 * pageSize + 123)
    let path = try directory.write("victim.bin", original)
    let journalPath = SaveJournal.path(for: path)

    // Edits spread over many pages, including a run that crosses a page boundary.
    var pending = PendingEdits()
    var offsets = Array(stride(from: 17, to: original.count, by: 4 * pageSize + 333))
    offsets += Array((3 * pageSize - 2)..<(3 * pageSize + 3))
    for offset in offsets {
      pending.setByte(at: offset, value: ~original[offset], original: original[offset])
    }
    var expectedNew = original
    pending.apply(to: &expectedNew, at: 0)

    let snapshots = SaveTestRecorder<(SaveStep, [UInt8], [UInt8]?)>()
    var saver = Saver(pageSize: pageSize)
    saver.stepObserver = { step in
      let file = (try? contents(of: path)) ?? []
      let journal = fileExists(journalPath) ? try? contents(of: journalPath) : nil
      snapshots.append((step, file, journal))
    }
    _ = try saver.save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    #expect(try contents(of: path) == expectedNew)

    let taken = snapshots.elements
    let pageSteps = taken.filter { if case .pageWritten = $0.0 { true } else { false } }
    #expect(pageSteps.count == Set(offsets.map { $0 / pageSize }).count)
    #expect(taken.count == pageSteps.count + 4)

    var mixedStatesSeen = 0
    for (index, (step, file, journal)) in taken.enumerated() {
      if file != original && file != expectedNew { mixedStatesSeen += 1 }
      let crashDirectory = try SaveTestDirectory()
      let crashedPath = try crashDirectory.write("victim.bin", file)
      if let journal { try crashDirectory.write(".victim.bin.mmhex-journal", journal) }

      let outcome = try JournalRecovery.recover(filePath: crashedPath)

      let recovered = try contents(of: crashedPath)
      let completed = step == .journalCompleted || step == .journalRemoved
      let expected = completed ? expectedNew : original
      let firstDifference = recovered.indices.first { $0 < expected.count && recovered[$0] != expected[$0] }
      #expect(
        recovered.count == expected.count && firstDifference == nil,
        "killed after step \(index) (\(step)): expected the \(completed ? "new" : "old") contents, first difference at \(firstDifference.map(String.init) ?? "the end")")
      #expect(!JournalRecovery.hasJournal(filePath: crashedPath))
      switch step {
      case .journalRemoved: #expect(outcome == .noJournal)
      case .journalCompleted: #expect(outcome.message?.contains("was completed") == true)
      default: #expect(outcome.message?.contains("was rolled back") == true)
      }
    }
    // The test is only meaningful if some interruption left a half-written file behind.
    #expect(mixedStatesSeen >= pageSteps.count - 1)
  }
}
