import Foundation
import Testing

/// Files that report a size of 0 but have content (`/proc` files) open in the viewer with their
/// content, read-only, saying why; never as an empty file.
@Suite struct ZeroSizeFileViewerTests {
  @Test func procFileOpensReadOnlyWithItsContent() throws {
    let content = Array(try Data(contentsOf: URL(fileURLWithPath: "/proc/version")))
    #expect(!content.isEmpty)
    let session = try TmuxSession(mmhex: ["/proc/version"])
    let screen = try session.waitForText("reports a size of 0")
    let firstRow = content.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
    #expect(screen.first?.hasPrefix("00000000  \(firstRow)") == true)
    #expect(screen.contains { $0.contains("'/proc/version' reports a size of 0 but holds \(content.count) bytes") })
    #expect(screen.contains { $0.contains("\(content.count) bytes") })
    try session.type("0")
    let refused = try session.waitForText("read-only")
    #expect(refused.first?.hasPrefix("00000000  \(firstRow)") == true)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
