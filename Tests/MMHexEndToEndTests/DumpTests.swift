import Foundation
import Testing

/// `mmhex dump` must print exactly what `xxd` prints for the same options.
@Suite struct DumpTests {
  /// One comparison: a file of `size` reproducible bytes dumped with `options`.
  struct Case: Sendable, CustomTestStringConvertible {
    var size: Int
    var options: [String]
    var testDescription: String { "\(size) bytes, \(options.isEmpty ? "defaults" : options.joined(separator: " "))" }
  }

  static let cases: [Case] = [
    Case(size: 0, options: []),
    Case(size: 1, options: []),
    Case(size: 15, options: []),
    Case(size: 16, options: []),
    Case(size: 17, options: []),
    Case(size: 4099, options: []),
    Case(size: 1000, options: ["-c", "1"]),
    Case(size: 1000, options: ["-c", "7"]),
    Case(size: 1000, options: ["-c", "32"]),
    Case(size: 1000, options: ["-c", "0"]),
    Case(size: 1000, options: ["-c", "256"]),
    Case(size: 1000, options: ["-s", "100"]),
    Case(size: 1000, options: ["-s", "0x3e7"]),
    Case(size: 1000, options: ["-s", "1000"]),
    Case(size: 1000, options: ["-s", "5000"]),
    Case(size: 1000, options: ["-l", "0"]),
    Case(size: 1000, options: ["-l", "33"]),
    Case(size: 1000, options: ["-l", "0x40", "-s", "7", "-c", "5"]),
    Case(size: 1000, options: ["-s", "999", "-l", "10"]),
    Case(size: 200_000, options: ["-c", "13"]),
  ]

  @Test(arguments: cases)
  func matchesXXD(_ testCase: Case) throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: UInt64(testCase.size) &* 31 &+ UInt64(testCase.options.count))
    let path = try folder.file("data.bin", bytes: random.bytes(testCase.size))
    let ours = try MMHexBinary.run(["dump"] + testCase.options + [path])
    let reference = try MMHexBinary.runProgram("xxd", testCase.options + [path])
    #expect(reference.status == 0)
    #expect(ours.status == 0)
    #expect(ours.standardError == "")
    #expect(ours.standardOutput == reference.standardOutput)
  }

  @Test func offsetsPastFourGiBMatchXXD() throws {
    let folder = try TemporaryDirectory()
    let marker = Array("MIDDLE01".utf8)
    let path = try folder.sparseFile(
      "sparse.bin", size: 5 << 30, patches: [(offset: (1 << 32) + 5, bytes: marker), (offset: (5 << 30) - 8, bytes: marker)])
    let first = try MMHexBinary.run(["dump", "-s", "0x100000000", "-l", "32", path])
    #expect(first.outputText == """
      100000000: 0000 0000 004d 4944 444c 4530 3100 0000  .....MIDDLE01...
      100000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................

      """)
    for options in [["-s", "0x100000000", "-l", "64"], ["-s", "4294967290", "-l", "40", "-c", "7"], ["-s", "5368709100"]] {
      let ours = try MMHexBinary.run(["dump"] + options + [path])
      let reference = try MMHexBinary.runProgram("xxd", options + [path])
      #expect(ours.status == 0)
      #expect(ours.outputText == reference.outputText, "options \(options)")
      #expect(!ours.outputText.isEmpty)
    }
  }

  @Test func closedPipeIsNotAnError() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.sparseFile("big.bin", size: 64 << 20)
    let result = try MMHexBinary.runProgram(
      "bash", ["-c", "set -o pipefail; \"$0\" dump \"$1\" | head -n 2", MMHexBinary.path, path])
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(result.outputText == """
      00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................
      00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................

      """)
  }

  @Test func colourAlwaysWrapsBytesInTheirClassColours() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("classes.bin", bytes: [0x00, 0x41, 0x20, 0x01, 0xFF])
    let result = try MMHexBinary.run(["dump", "--color", "always", path])
    let escape = "\u{1B}["
    #expect(result.outputText == "00000000: \(escape)90m00\(escape)36m41 \(escape)32m20\(escape)35m01 "
      + "\(escape)33mff\(escape)0m" + String(repeating: " ", count: 29)
      + "\(escape)90m.\(escape)36mA\(escape)32m \(escape)35m.\(escape)33m.\(escape)0m\n")
  }

  @Test func colourAutoIsOffWhenOutputIsNotATerminal() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("text.bin", bytes: Array("hello".utf8))
    let result = try MMHexBinary.run(["dump", path])
    #expect(result.outputText == "00000000: 6865 6c6c 6f                             hello\n")
  }
}
