import Foundation
import Testing

/// The viewer and `mmhex dump --color always` draw byte classes in one palette.
@Suite struct ColorTests {
  /// One byte of each class: NUL, printable, whitespace, control, high.
  static let samples: [UInt8] = [0x00, 0x41, 0x20, 0x01, 0xFF]

  /// The SGR foreground code in force at each visible character of `line` (`nil`: default).
  static func foregrounds(_ line: String) -> [(Character, Int?)] {
    var cells: [(Character, Int?)] = []
    var foreground: Int?
    var rest = Substring(line)
    while let character = rest.first {
      if character == "\u{1B}", rest.dropFirst().first == "[", let end = rest.firstIndex(of: "m") {
        let parameters = rest[rest.index(rest.startIndex, offsetBy: 2)..<end].split(separator: ";").map { Int($0) ?? 0 }
        for parameter in parameters.isEmpty ? [0] : parameters {
          switch parameter {
          case 0, 39: foreground = nil
          case 30...37, 90...97: foreground = parameter
          default: break
          }
        }
        rest = rest[rest.index(after: end)...]
      } else {
        cells.append((character, foreground))
        rest = rest.dropFirst()
      }
    }
    return cells
  }

  /// The foreground of the first hex pair `pair` (as two cells) in `line`, looking from cell
  /// `start` on (past the offset column).
  static func foreground(ofHex pair: String, in line: String, from start: Int = 0) -> Int? {
    let cells = foregrounds(line)
    let digits = Array(pair)
    for index in cells.indices.dropLast() where index >= start && cells[index].0 == digits[0] && cells[index + 1].0 == digits[1] {
      return cells[index].1
    }
    return nil
  }

  @Test func theViewerAndDumpUseOnePaletteWithDistinctClasses() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("classes.bin", bytes: Self.samples + [0x42])
    let dump = try MMHexBinary.run(["dump", "--color", "always", path])
    #expect(dump.status == 0)
    let session = try TmuxSession(mmhex: ["--color", "always", path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("C-End")  // the cursor's own style would hide the first byte's colour
    let row = try session.waitFor("the cursor on the last byte", styled: true) {
      Self.foreground(ofHex: "00", in: $0[0], from: 10) != nil
    }[0]
    let dumpRow = String(dump.outputText.split(separator: "\n")[0])
    var codes: [Int] = []
    for byte in Self.samples {
      let hex = String(format: "%02x", byte)
      // Both rows start with the offset "00000000" and its separator, so look past them.
      let viewer = try #require(Self.foreground(ofHex: hex, in: row, from: 10), "no colour for \(hex) in the viewer")
      #expect(Self.foreground(ofHex: hex, in: dumpRow, from: 10) == viewer, "\(hex): the dump's colour differs")
      codes.append(viewer)
    }
    #expect(codes == [90, 36, 32, 35, 33])
    #expect(Set(codes).count == Self.samples.count, "every class has its own colour")
  }

  @Test func theHelpScreenEndsWithTheColourLegend() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("classes.bin", bytes: Self.samples)
    let session = try TmuxSession(mmhex: ["--color", "always", path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("F1")
    try session.waitForText("Esc or q closes")
    try session.press("NPage", "NPage", "NPage", "NPage")  // past the end: the help stops at its last line
    let legend = "  00 NUL  41 printable  20 whitespace  01 control  ff high (80-ff)"
    // The legend is the help's last line, wherever the rows above it leave it.
    let screen = try session.waitForText(legend)
    let row = try #require(screen.firstIndex(of: legend))
    #expect(screen[row - 1] == "Byte colours (the same in 'mmhex dump --color always'):")
    #expect(screen[(row + 1)...].prefix { !$0.hasPrefix(" classes.bin") }.allSatisfy { $0.isEmpty })
    let styled = try session.styledScreen()[row]
    #expect(Self.foreground(ofHex: "01", in: styled) == 35)
    #expect(Self.foreground(ofHex: "ff", in: styled) == 33)
  }
}
