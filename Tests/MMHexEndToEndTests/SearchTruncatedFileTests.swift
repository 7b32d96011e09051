import Foundation
import Testing

/// The viewer's background search over a file that another process truncates while it runs: the
/// viewer says so and keeps running.
@Suite struct SearchTruncatedFileTests {
  @Test func truncatingTheFileDuringASearchStopsItWithAMessageAndTheViewerKeepsRunning() throws {
    let folder = try TemporaryDirectory()
    // Huge, with no hole wide enough to skip: the search is still running when the file is truncated.
    let path = try folder.slowToSearchFile("shrinks.bin", size: 64 << 30)
    let session = try SearchTests.open([path])
    try SearchTests.find("01", in: session)
    _ = try session.waitForLine(29, matching: #"searching for 01: \d{1,3}% at \d+\.\d (GB|MB)/s  Esc cancels"#)
    let newSize = (1 << 20) + 5
    let truncated = try MMHexBinary.runProgram("truncate", ["-s", String(newSize), path])
    try #require(truncated.status == 0, "truncate failed: \(truncated.standardError)")
    _ = try session.waitForLine(29, "the file was truncated to \(newSize) bytes by another process during the search")
    // Still running: it takes keys and opens the prompt again.
    try session.press("C-f")
    _ = try session.waitForLine(29, "\(SearchTests.hexLabel) 01")
    try session.press("Escape")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
