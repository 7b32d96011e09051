import Foundation
import MemMap
import Testing

@testable import HexCore

/// Real crashes: a child process (`mmhex-save-crash-helper`) runs a save over many pages and is
/// killed with SIGKILL right after each step in turn; reopening the file (journal recovery)
/// must then give exactly the old or exactly the new contents.
@Suite("Save: child process killed with SIGKILL after every step")
struct SaveKillTests {
  static let pageSize = 4096
  static let stride = 3 * pageSize + 777

  /// The helper executable, next to the test bundle (the test target depends on it).
  static let helperPath: String? = {
    let candidates = [
      URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
    ]
    for executable in candidates {
      var folder = executable.deletingLastPathComponent()
      while folder.pathComponents.count > 1, folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
        folder = folder.deletingLastPathComponent()
      }
      let helper = folder.appendingPathComponent("mmhex-save-crash-helper").path
      if FileManager.default.isExecutableFile(atPath: helper) { return helper }
    }
    return nil
  }()

  /// The helper's edits (see its usage text): every `stride`-th byte from 17 and the five
  /// bytes around the third page boundary, inverted.
  static func edited(_ original: [UInt8]) -> [UInt8] {
    var result = original
    var offsets = Array(Swift.stride(from: 17, to: original.count, by: stride))
    offsets += Array((3 * pageSize - 2)..<(3 * pageSize + 3))
    for offset in offsets { result[offset] = ~original[offset] }
    return result
  }

  /// Runs the helper on `path`, stopping after step `stop`; returns how it ended.
  static func runHelper(_ helper: String, path: String, stop: Int) throws -> (Process.TerminationReason, Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: helper)
    process.arguments = [path, String(stride), String(stop)]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    process.waitUntilExit()
    return (process.terminationReason, process.terminationStatus)
  }

  @Test func everyKillRecoversToExactlyOldOrNew() throws {
    let helper = try #require(Self.helperPath, "mmhex-save-crash-helper must be built next to the tests")
    let original = patternBytes(count: 40 * Self.pageSize + 99, seed: 7)
    let expectedNew = Self.edited(original)
    let touchedPages = Set(
      original.indices.filter { original[$0] != expectedNew[$0] }.map { $0 / Self.pageSize }
    ).count
    #expect(touchedPages == 14)
    // Steps: journal written, one per page, file flushed, journal completed, journal removed.
    let stepCount = touchedPages + 4
    let completedStep = touchedPages + 2

    for stop in 0..<stepCount {
      let directory = try SaveTestDirectory()
      let path = try directory.write("killed.bin", original)

      let (reason, status) = try Self.runHelper(helper, path: path, stop: stop)
      #expect(reason == .uncaughtSignal && status == SIGKILL, "the helper should die by SIGKILL after step \(stop)")
      let journalLeft = JournalRecovery.hasJournal(filePath: path)
      #expect(journalLeft == (stop < stepCount - 1), "journal after a kill at step \(stop)")

      let outcome = try JournalRecovery.recover(filePath: path)

      let recovered = try contents(of: path)
      let expectNew = stop >= completedStep
      let exact = recovered == (expectNew ? expectedNew : original)
      #expect(exact, "kill after step \(stop): expected the \(expectNew ? "new" : "old") contents; recovery said \(outcome)")
      #expect(!JournalRecovery.hasJournal(filePath: path))
      #expect(try JournalRecovery.recover(filePath: path) == .noJournal)
    }

    // Without a kill the save completes.
    let directory = try SaveTestDirectory()
    let path = try directory.write("completed.bin", original)
    let (reason, status) = try Self.runHelper(helper, path: path, stop: .max)
    #expect(reason == .exit && status == 0)
    #expect(try contents(of: path) == expectedNew)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }
}
