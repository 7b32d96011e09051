import Foundation
import MemMap
import Testing

@testable import HexCore

/// Journals of format version 2, which the build before fills were journaled wrote for its
/// size-changing saves: one killed after its commit point left a half-written file, and
/// recovery by this build must finish it exactly as that build would have.
@Suite("Tail journal of format version 2: recovered by this build")
struct TailJournalVersion2Tests {
  /// A version 2 journal, encoded here from that format's layout (not by the code under test):
  /// magic, version 2, header length 64, old size, new size, tail offset, region count (4
  /// bytes), CRC-32 of bytes 0..<44, state, zeros; then each region as offset, length and new
  /// bytes, then the tail's new bytes.
  struct Version2Journal {
    var oldSize: Int
    var newContent: [UInt8]
    var regions: [Range<Int>]
    var tailOffset: Int
    var isComplete = true

    var encoded: [UInt8] {
      var bytes = Array("MMHEXJNL".utf8)
      func append<T: FixedWidthInteger>(_ value: T) {
        bytes += withUnsafeBytes(of: value.littleEndian) { Array($0) }
      }
      append(UInt32(2))
      append(UInt32(64))
      append(UInt64(oldSize))
      append(UInt64(newContent.count))
      append(UInt64(tailOffset))
      append(UInt32(regions.count))
      append(CRC32.checksum(bytes))
      bytes += Array((isComplete ? "complete" : "pending ").utf8)
      bytes += [UInt8](repeating: 0, count: 8)
      for region in regions {
        append(UInt64(region.lowerBound))
        append(UInt64(region.count))
        bytes += newContent[region]
      }
      return bytes + newContent[tailOffset...]
    }
  }

  /// The save of `mmhex-save-crash-helper FILE moved` over `old`: byte 100 becomes 0x5a, the
  /// bytes aa bb cc are inserted before offset 4097 and the 10 bytes at 10000 deleted.
  static func movedSave(of old: [UInt8]) -> Version2Journal {
    var new = old
    new[100] = 0x5A
    new.insert(contentsOf: [0xAA, 0xBB, 0xCC], at: 4097)
    new.removeSubrange(10_000..<10_010)
    return Version2Journal(oldSize: old.count, newContent: new, regions: [100..<101], tailOffset: 4097)
  }

  /// A save that grows the file: 5000 bytes inserted before offset 7000, one byte overwritten
  /// at 50 and two at 3000.
  static func growingSave(of old: [UInt8]) -> Version2Journal {
    var new = old
    new[50] = 0x01
    new[3000...3001] = [0x02, 0x03]
    new.insert(contentsOf: patternBytes(count: 5000, seed: 9), at: 7000)
    return Version2Journal(oldSize: old.count, newContent: new, regions: [50..<51, 3000..<3002], tailOffset: 7000)
  }

  /// The journal the build of format version 2 wrote (commit d15be25, killed right after its
  /// commit point by `mmhex-save-crash-helper FILE moved 1`, FILE holding
  /// `patternBytes(count: 12_000)`) was this long and had this CRC-32: the encoder above writes
  /// it byte for byte.
  @Test func theEncoderWritesWhatTheOldBuildWrote() {
    let journal = Self.movedSave(of: patternBytes(count: 12_000)).encoded
    #expect(journal.count == 7_977)
    #expect(CRC32.checksum(journal) == 0x44FB_A478)
  }

  /// How far the interrupted save got after its commit point.
  enum Interruption: CaseIterable, Sendable {
    /// Killed right after marking the journal complete: the file is untouched.
    case beforeWritingTheFile
    /// The file's size set (when it grows) and the regions written; half of the tail too.
    case halfOfTheTailWritten
    /// Everything written except the final size of a shrinking file.
    case sizeNotYetCut
    /// The file finished; only the journal's removal was missing.
    case beforeRemovingTheJournal

    /// The file as the old build left it, applying `journal` to `old` up to this point.
    func file(from old: [UInt8], _ journal: Version2Journal) -> [UInt8] {
      let new = journal.newContent
      var file = old
      if self == .beforeWritingTheFile { return file }
      if new.count > file.count { file += [UInt8](repeating: 0, count: new.count - file.count) }
      for region in journal.regions { file[region] = new[region] }
      let tailEnd = self == .halfOfTheTailWritten ? (journal.tailOffset + new.count) / 2 : new.count
      file[journal.tailOffset..<tailEnd] = new[journal.tailOffset..<tailEnd]
      if self == .beforeRemovingTheJournal { file.removeLast(file.count - new.count) }
      return file
    }
  }

  @Test(arguments: Interruption.allCases, [false, true])
  func aCompleteVersion2JournalIsRolledForward(interruption: Interruption, grows: Bool) throws {
    let directory = try SaveTestDirectory()
    let old = patternBytes(count: 12_000)
    let journal = grows ? Self.growingSave(of: old) : Self.movedSave(of: old)
    let path = try directory.write("data.bin", interruption.file(from: old, journal))
    let journalPath = try directory.write(
      (SaveJournal.path(for: path) as NSString).lastPathComponent, journal.encoded)
    if [.beforeWritingTheFile, .halfOfTheTailWritten].contains(interruption) {
      #expect(try contents(of: path) != journal.newContent)
    }

    let outcome = try JournalRecovery.recover(filePath: path)

    let written = journal.regions.reduce(0) { $0 + $1.count } + journal.newContent.count - journal.tailOffset
    #expect(
      outcome
        == .rolledForward(
          RecoverySummary(
            path: path, regionCount: journal.regions.count + 1, byteCount: written, changedByteCount: written)))
    #expect(try contents(of: path) == journal.newContent)
    #expect(!fileExists(journalPath))
  }

  @Test func aVersion2JournalThatOnlyCutsTheFileShortIsRolledForward() throws {
    let directory = try SaveTestDirectory()
    let old = patternBytes(count: 9_000)
    var new = Array(old.prefix(8_000))
    new[10] = 0xEE
    let journal = Version2Journal(oldSize: old.count, newContent: new, regions: [10..<11], tailOffset: 8_000)
    var file = old
    file[10] = 0xEE
    let path = try directory.write("cut.bin", file)
    _ = try directory.write((SaveJournal.path(for: path) as NSString).lastPathComponent, journal.encoded)

    let outcome = try JournalRecovery.recover(filePath: path)

    #expect(outcome.message == "an interrupted save of '\(path)' was completed: 1 of 1 byte in 1 region rewritten")
    #expect(try contents(of: path) == new)
  }

  @Test func anIncompleteVersion2JournalIsDiscardedAndTheFileKept() throws {
    let directory = try SaveTestDirectory()
    let old = patternBytes(count: 12_000)
    var journal = Self.movedSave(of: old)
    journal.isComplete = false
    let path = try directory.write("pending.bin", old)
    let journalPath = try directory.write(
      (SaveJournal.path(for: path) as NSString).lastPathComponent, journal.encoded)

    #expect(
      try JournalRecovery.recover(filePath: path)
        == .discardedIncompleteJournal(journalPath: journalPath, problem: .notMarkedComplete))
    #expect(try contents(of: path) == old)
    #expect(!fileExists(journalPath))
  }

  @Test func aTornVersion2JournalIsDiscardedAndTheFileKept() throws {
    let directory = try SaveTestDirectory()
    let old = patternBytes(count: 12_000)
    let path = try directory.write("torn.bin", old)
    let journalPath = try directory.write(
      (SaveJournal.path(for: path) as NSString).lastPathComponent, Array(Self.movedSave(of: old).encoded.dropLast(100)))

    #expect(
      try JournalRecovery.recover(filePath: path)
        == .discardedIncompleteJournal(
          journalPath: journalPath, problem: .bodyLengthMismatch(expected: 7_913, found: 7_813)))
    #expect(try contents(of: path) == old)
  }

  @Test func aJournalOfANewerVersionIsKeptAndSaysSo() throws {
    let directory = try SaveTestDirectory()
    let old = patternBytes(count: 12_000)
    let path = try directory.write("newer.bin", old)
    var bytes = Self.movedSave(of: old).encoded
    bytes[8] = 4
    let journalPath = try directory.write((SaveJournal.path(for: path) as NSString).lastPathComponent, bytes)

    let error = try #require(throws: RecoveryError.self) { try JournalRecovery.recover(filePath: path) }
    #expect(error == .unreadableJournal(journalPath: journalPath, problem: .unsupportedVersion(4)))
    #expect(
      error.description
        == "cannot use the save journal '\(journalPath)': format version 4 is newer than this program understands "
        + "(it reads versions 1 to 3); the journal was kept: open the file with the newer mmhex that wrote it to "
        + "finish the interrupted save, or read-only with this one")
    #expect(try contents(of: path) == old)
    #expect(fileExists(journalPath))
  }
}
