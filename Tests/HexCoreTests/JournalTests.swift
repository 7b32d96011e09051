import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Journal: format, crash-safe save and recovery")
struct JournalTests {
  private let sampleJournal = SaveJournal(
    fileSize: 10_000,
    regions: [
      JournalRegion(offset: 3, original: [1, 2], replacement: [0xA1, 0xA2]),
      JournalRegion(offset: 9_000, original: [7], replacement: [0xB7]),
    ])

  @Test(arguments: [
    ("/a/b/file.bin", "/a/b/.file.bin.9d5cf8b14d5272b4.mmhex-journal"),
    ("dir/x", "dir/.x.af63f54c86021707.mmhex-journal"),
    ("file", ".file.aad01178f02a6a23.mmhex-journal"),
    ("/top", "/.top.56f9bc194465a83c.mmhex-journal"),
    ("dir/data.bin", "dir/.data.bin.a190f73d237ca2ea.mmhex-journal"),  // the README's example
  ])
  func journalLivesNextToTheFileHidden(file: String, journal: String) {
    #expect(SaveJournal.path(for: file) == journal)
  }

  @Test func theJournalNameHasTheFilesNameCutTo40BytesAndAHashOfAllOfIt() {
    let long = String(repeating: "é", count: 30) + "-tail.bin"
    let journal = SaveJournal.path(for: "/nowhere/" + long)
    #expect(journal.hasPrefix("/nowhere/." + String(repeating: "é", count: 20) + "."))
    #expect(journal.hasSuffix(".mmhex-journal"))
    #expect(journal.utf8.count - "/nowhere/".utf8.count == 1 + 40 + 1 + 16 + 14)
    #expect(SaveJournal.path(for: "/nowhere/" + long + "x") != journal)
  }

  @Test func everyNameOfAFileFindsTheSameJournal() throws {
    let directory = try SaveTestDirectory()
    let real = try directory.write("real.bin", [1, 2, 3])
    try FileManager.default.createDirectory(atPath: directory.file("links"), withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(atPath: directory.file("links/alias.bin"), withDestinationPath: "../real.bin")
    let resolved = try MemMap.resolvedPath(of: real)
    #expect(SaveJournal.path(for: directory.file("links/alias.bin")) == SaveJournal.path(for: real))
    #expect(SaveJournal.path(for: real) == SaveJournal.path(for: resolved))
    #expect(SaveJournal.path(for: real).hasPrefix(resolved.dropLast("real.bin".count) + ".real.bin."))
    // The old names, next to the name given and next to the file itself.
    #expect(
      SaveJournal.legacyPaths(for: directory.file("links/alias.bin"))
        == [directory.file("links/.alias.bin.mmhex-journal"), resolved.dropLast("real.bin".count) + ".real.bin.mmhex-journal"])
  }

  @Test func encodingHasTheDocumentedLayoutAndRoundTrips() throws {
    let bytes = sampleJournal.encoded()
    #expect(Array(bytes[0..<8]) == Array("MMHEXJNL".utf8))
    #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
    #expect(Array(bytes[12..<16]) == [64, 0, 0, 0])
    #expect(Array(bytes[16..<24]) == [0x10, 0x27, 0, 0, 0, 0, 0, 0])  // 10 000
    #expect(Array(bytes[24..<32]) == [2, 0, 0, 0, 0, 0, 0, 0])
    #expect(Array(bytes[32..<40]) == [38, 0, 0, 0, 0, 0, 0, 0])  // (16 + 2 * 2) + (16 + 2 * 1)
    #expect(Array(bytes[48..<56]) == Array("pending ".utf8))
    #expect(Array(bytes[64..<84]) == [3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0xA1, 0xA2])
    #expect(bytes.count == 64 + 38)
    #expect(try SaveJournal(decoding: bytes) == sampleJournal)

    var complete = sampleJournal
    complete.state = .complete
    #expect(Array(complete.encoded()[48..<56]) == Array("complete".utf8))
    #expect(try SaveJournal(decoding: complete.encoded()).state == .complete)
  }

  @Test func crc32MatchesTheStandardCheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  /// Ways a journal file can be damaged or foreign.
  enum Damage: CaseIterable, Sendable {
    case flippedBodyByte, flippedHeaderByte, cutShort, onlyPartOfTheHeader, allZero, newerVersion

    func apply(to bytes: inout [UInt8]) {
      switch self {
      case .flippedBodyByte: bytes[70] ^= 0x01
      case .flippedHeaderByte: bytes[20] ^= 0x80
      case .cutShort: bytes.removeLast(5)
      case .onlyPartOfTheHeader: bytes.removeLast(bytes.count - 40)
      case .allZero: bytes = [UInt8](repeating: 0, count: bytes.count)  // reserved but never written
      case .newerVersion: bytes[8] = 4
      }
    }

    var expected: JournalFormatError {
      switch self {
      case .flippedBodyByte: .bodyChecksumMismatch
      case .flippedHeaderByte: .headerChecksumMismatch
      case .cutShort: .bodyLengthMismatch(expected: 38, found: 33)
      case .onlyPartOfTheHeader: .tooShort(byteCount: 40)
      case .allZero: .badMagic
      case .newerVersion: .unsupportedVersion(4)
      }
    }
  }

  @Test(arguments: Damage.allCases)
  func tornOrForeignJournalsAreDetected(damage: Damage) {
    var bytes = sampleJournal.encoded()
    damage.apply(to: &bytes)
    #expect(throws: damage.expected) { try SaveJournal(decoding: bytes) }
  }

  @Test func aTornStateMarkerMeansPending() throws {
    var bytes = sampleJournal.encoded()
    bytes[48..<56] = ArraySlice(Array("compXXXX".utf8))
    #expect(try SaveJournal(decoding: bytes).state == .pending)
  }

  // MARK: - The journal written by a save

  @Test func theSaveJournalHoldsOriginalAndNewBytesBeforeTheFileIsTouched() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 3 * 4096)
    let path = try directory.write("journaled.bin", original)
    var pending = PendingEdits()
    for (offset, value) in [(10, UInt8(0xE0)), (11, 0xE1), (5000, 0xE2)] {
      pending.setByte(at: offset, value: value, original: original[offset])
    }
    let seen = SaveTestRecorder<(SaveStep, SaveJournal?, [UInt8])>()
    var saver = Saver()
    saver.stepObserver = { step in
      let journal = try? SaveJournal(decoding: contents(of: SaveJournal.path(for: path)))
      seen.append((step, journal, (try? contents(of: path)) ?? []))
    }

    _ = try saver.save(pending, to: path, expecting: try MemMap.status(ofFile: path))

    let steps = seen.elements
    #expect(steps.map(\.0) == [
      .journalWritten, .pageWritten(index: 0, offset: 0), .pageWritten(index: 1, offset: 4096), .fileFlushed,
      .journalCompleted, .journalRemoved,
    ])
    let (_, journal, fileAtJournalTime) = try #require(steps.first)
    #expect(
      journal
        == SaveJournal(
          fileSize: 3 * 4096,
          regions: [
            JournalRegion(offset: 10, original: Array(original[10...11]), replacement: [0xE0, 0xE1]),
            JournalRegion(offset: 5000, original: [original[5000]], replacement: [0xE2]),
          ]))
    #expect(fileAtJournalTime == original)
    #expect(steps[4].1?.state == .complete)
    #expect(steps[5].1 == nil)
  }

  @Test func aFileWithA250ByteNameSavesAndRecoversWithAShortJournalName() throws {
    // A 250-byte name is valid; the old journal name (`.NAME.mmhex-journal`, 265 bytes) was not.
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 100)
    let path = try directory.write(String(repeating: "n", count: 250), original)
    #expect(try JournalRecovery.recover(filePath: path) == .noJournal)
    var pending = PendingEdits()
    pending.setByte(at: 0, value: ~original[0], original: original[0])
    let journals = SaveTestRecorder<Bool>()
    var saver = Saver()
    saver.stepObserver = { step in
      if step == .journalWritten { journals.append(fileExists(SaveJournal.path(for: path))) }
    }

    let outcome = try saver.save(pending, to: path, expecting: try MemMap.status(ofFile: path))

    #expect(outcome.message == "saved 1 byte")
    #expect(journals.elements == [true])
    #expect(try contents(of: path) == [~original[0]] + original[1...])
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }

  @Test func aLeftoverJournalBlocksTheNextSave() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("blocked.bin", [1, 2, 3])
    let journalPath = try directory.write(".blocked.bin.mmhex-journal", sampleJournal.encoded())
    var pending = PendingEdits()
    pending.setByte(at: 0, value: 9, original: 1)

    #expect(throws: SaveError.unfinishedJournalExists(journalPath: journalPath)) {
      try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(try contents(of: path) == [1, 2, 3])
    #expect(try contents(of: journalPath) == sampleJournal.encoded())
  }

  // MARK: - Recovery

  @Test func withoutAJournalRecoveryDoesNothing() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("plain.bin", [1])
    #expect(try JournalRecovery.recover(filePath: path) == .noJournal)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }

  @Test func aPendingJournalRollsAHalfWrittenFileBack() throws {
    let directory = try SaveTestDirectory()
    var halfWritten = patternBytes(count: 10_000)
    let original = halfWritten
    halfWritten[3] = 0xA1  // first region half written, second untouched
    let path = try directory.write("half.bin", halfWritten)
    let journalPath = try directory.write(".half.bin.mmhex-journal", sampleJournalFor(original))

    let outcome = try JournalRecovery.recover(filePath: path)

    #expect(outcome == .rolledBack(RecoverySummary(path: path, regionCount: 2, byteCount: 3, changedByteCount: 1)))
    #expect(outcome.message == "an interrupted save of '\(path)' was rolled back: 1 of 3 bytes in 2 regions rewritten, "
      + "the file is as before that save")
    #expect(try contents(of: path) == original)
    #expect(!fileExists(journalPath))
  }

  @Test func aCompleteJournalRollsForward() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    let path = try directory.write("forward.bin", original)
    var journal = try SaveJournal(decoding: sampleJournalFor(original))
    journal.state = .complete
    try directory.write(".forward.bin.mmhex-journal", journal.encoded())

    let outcome = try JournalRecovery.recover(filePath: path)

    #expect(outcome == .rolledForward(RecoverySummary(path: path, regionCount: 2, byteCount: 3, changedByteCount: 3)))
    var expected = original
    expected[3...4] = [0xA1, 0xA2]
    expected[9_000] = 0xB7
    #expect(try contents(of: path) == expected)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }

  @Test func aTornJournalIsDiscardedAndTheFileLeftAlone() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    let path = try directory.write("torn.bin", original)
    let torn = Array(sampleJournalFor(original).dropLast(3))
    let journalPath = try directory.write(".torn.bin.mmhex-journal", torn)

    let outcome = try JournalRecovery.recover(filePath: path)

    #expect(outcome == .discardedIncompleteJournal(journalPath: journalPath, problem: .bodyLengthMismatch(expected: 38, found: 35)))
    #expect(try contents(of: path) == original)
    #expect(!fileExists(journalPath))
  }

  @Test func aFileResizedAfterTheCrashIsNotTouchedAndTheJournalKept() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 12_000)
    let path = try directory.write("resized.bin", original)
    let journalPath = try directory.write(".resized.bin.mmhex-journal", sampleJournalFor(original))

    #expect(
      throws: RecoveryError.fileSizeChanged(path: path, journalPath: journalPath, journalSize: 10_000, fileSize: 12_000)
    ) {
      try JournalRecovery.recover(filePath: path)
    }
    #expect(try contents(of: path) == original)
    #expect(fileExists(journalPath))
    try JournalRecovery.discardJournal(filePath: path)
    #expect(!fileExists(journalPath))
  }

  @Test func aFileChangedSinceTheInterruptedSaveIsNotTouchedAndTheJournalKept() throws {
    let directory = try SaveTestDirectory()
    var changed = patternBytes(count: 10_000)
    let original = changed
    changed[9_000] = ~original[9_000] &+ 1  // neither the original nor the journaled 0xB7
    let path = try directory.write("changed.bin", changed)
    let journalPath = try directory.write(".changed.bin.mmhex-journal", sampleJournalFor(original))

    #expect(throws: RecoveryError.fileChangedSinceSave(path: path, journalPath: journalPath, offset: 9_000)) {
      try JournalRecovery.recover(filePath: path)
    }
    #expect(try contents(of: path) == changed)
    #expect(fileExists(journalPath))
  }

  @Test func aJournalOfANewerFormatIsKept() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("newer.bin", patternBytes(count: 10_000))
    var bytes = sampleJournal.encoded()
    bytes[8] = 9
    let journalPath = try directory.write(".newer.bin.mmhex-journal", bytes)

    #expect(throws: RecoveryError.unreadableJournal(journalPath: journalPath, problem: .unsupportedVersion(9))) {
      try JournalRecovery.recover(filePath: path)
    }
    #expect(fileExists(journalPath))
  }

  /// `sampleJournal` with its original bytes taken from `file`.
  private func sampleJournalFor(_ file: [UInt8]) -> [UInt8] {
    SaveJournal(
      fileSize: 10_000,
      regions: [
        JournalRegion(offset: 3, original: Array(file[3...4]), replacement: [0xA1, 0xA2]),
        JournalRegion(offset: 9_000, original: [file[9_000]], replacement: [0xB7]),
      ]
    ).encoded()
  }
}
