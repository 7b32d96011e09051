import Foundation
import MemMap
import Testing

@testable import HexCore

/// Real crashes of a piece-table save: a child process (`mmhex-save-crash-helper FILE moved`)
/// saves inserts and deletes into a file of 256 MiB, rewriting its tail behind a roll-forward
/// journal, or (`fill`) a fill of nearly the whole file, journaled as its pattern; it is killed
/// with SIGKILL after each step, and at moments spread over the whole save; reopening the file
/// (journal recovery) must then give exactly the old or exactly the new contents, never
/// anything else.
@Suite("Size-changing save and fill save: child process killed with SIGKILL", .serialized)
struct MovedBytesSaveKillTests {
  static let size = 256 << 20 | 123

  /// Runs `command` with `arguments`; returns its exit status.
  @discardableResult
  static func run(_ command: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command)
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Whether the files at `a` and `b` hold the same bytes (`cmp`, at disk speed).
  static func same(_ a: String, _ b: String) throws -> Bool {
    try run("/usr/bin/cmp", ["-s", a, b]) == 0
  }

  /// Runs the helper on `path`; kills it after step `stop`, or after `delay` when given.
  static func save(
    _ helper: String, _ mode: String, _ path: String, stop: Int, killingAfter delay: Duration? = nil
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: helper)
    process.arguments = [path, mode, String(stop)]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    if let delay {
      Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
  }

  @Test(arguments: ["moved", "fill"])
  func everyKillRecoversToExactlyOldOrNew(mode: String) throws {
    let helper = try #require(SaveKillTests.helperPath, "mmhex-save-crash-helper must be built next to the tests")
    let directory = try SaveTestDirectory()
    let free = try FileManager.default.attributesOfFileSystem(forPath: directory.path)[.systemFreeSize] as? Int ?? 0
    guard free > 6 * Self.size else {
      print("skipped: \(free) bytes free, the kill tests need \(6 * Self.size)")
      return
    }
    let original = directory.path + "/original.bin"
    let expected = directory.path + "/expected.bin"
    let killed = directory.path + "/killed.bin"
    #expect(FileManager.default.createFile(atPath: original, contents: nil))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/head")
    process.arguments = ["-c", String(Self.size), "/dev/urandom"]
    process.standardOutput = try #require(FileHandle(forWritingAtPath: original))
    try process.run()
    process.waitUntilExit()
    #expect(try FileManager.default.attributesOfItem(atPath: original)[.size] as? Int == Self.size)

    // The new content: the save, uninterrupted.
    try Self.run("/bin/cp", [original, expected])
    let start = ContinuousClock.now
    try Self.save(helper, mode, expected, stop: -1)
    let saveTime = ContinuousClock.now - start
    let head = try #require(FileHandle(forReadingAtPath: expected))
    let start4100 = try #require(try head.read(upToCount: 4100))
    #expect(start4100[100] == 0x5A)
    if mode == "fill" {
      #expect(Array(start4100[1000..<1010]) == [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0xDE, 0xAD, 0xBE, 0xEF, 0x01])
      try head.seek(toOffset: UInt64(Self.size - 1001))
      #expect(try head.read(upToCount: 1)?.first == [0xDE, 0xAD, 0xBE, 0xEF, 0x01][(Self.size - 2001) % 5])
    }
    try head.close()
    let newSize = mode == "fill" ? Self.size : Self.size - 7
    #expect(try FileManager.default.attributesOfItem(atPath: expected)[.size] as? Int == newSize)
    #expect(!JournalRecovery.hasJournal(filePath: expected))

    // Steps: 0 journal written, 1 journal complete (the commit point), 2 file written and synced.
    var cases: [(stop: Int, delay: Duration?, expectNew: Bool?)] = [(0, nil, false), (1, nil, true), (2, nil, true)]
    // Moments spread over the whole save: while the journal is written, around the commit
    // point, while the tail (or the fill) is written into the file.
    for fraction in [0.2, 0.5, 0.8] + (mode == "fill" ? [0.35, 0.65, 0.9] : []) {
      cases.append((-1, saveTime * fraction, nil))
    }
    for (stop, delay, expectNew) in cases {
      try Self.run("/bin/cp", [original, killed])
      try Self.save(helper, mode, killed, stop: stop, killingAfter: delay)
      let outcome = try JournalRecovery.recover(filePath: killed)
      let isOld = try Self.same(killed, original)
      let isNew = try !isOld && Self.same(killed, expected)
      #expect(isOld || isNew, "kill after step \(stop), delay \(String(describing: delay)): neither old nor new; \(outcome)")
      if let expectNew {
        #expect(isNew == expectNew, "kill after step \(stop): expected the \(expectNew ? "new" : "old") contents")
      }
      #expect(!JournalRecovery.hasJournal(filePath: killed))
    }
  }
}
