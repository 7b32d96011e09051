import Foundation
import Testing

@testable import HexCore

/// The `xxd` binary, if installed.
private let xxdPath: String? = ["/usr/bin/xxd", "/bin/xxd", "/usr/local/bin/xxd"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

@Suite("HexDump against xxd", .enabled(if: xxdPath != nil, "xxd is not installed (Scripts/install-dependencies.sh installs it)"))
struct HexDumpXxdTests {
  /// Runs xxd with `arguments` and returns its standard output.
  func xxd(_ arguments: [String]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(xxdPath))
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
  }

  /// What HexDump prints for the same options.
  func ours(_ bytes: [UInt8], fileSize: Int? = nil, start: Int, length: Int?, columns: Int) throws -> [UInt8] {
    let range = HexDump.range(fileSize: fileSize ?? bytes.count, start: start, length: length)
    var output: [UInt8] = []
    try HexDump(columns: columns).append(Array(bytes[range]), offset: range.lowerBound, to: &output)
    return output
  }

  @Test("random data, many -s, -l and -c combinations, byte for byte")
  func randomCombinations() throws {
    let directory = try TemporaryDirectory()
    var generator = SplitMix64(seed: 42)
    let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let path = try directory.file("random.bin", bytes: bytes)
    for columns in [1, 2, 3, 5, 7, 8, 16, 31, 32, 33, 256] {
      for start in [0, 1, 15, 999, 1000, 2000] {
        for length in [nil, 0, 1, 17, 500] as [Int?] {
          var arguments = ["-c", String(columns), "-s", String(start)]
          if let length { arguments += ["-l", String(length)] }
          let expected = try xxd(arguments + [path])
          let actual = try ours(bytes, start: start, length: length, columns: columns)
          #expect(actual == expected, "xxd \(arguments.joined(separator: " "))")
        }
      }
    }
  }

  @Test("every byte value, default options")
  func everyByte() throws {
    let directory = try TemporaryDirectory()
    let bytes = countingBytes(256 * 3 + 5)
    let path = try directory.file("all.bin", bytes: bytes)
    #expect(try ours(bytes, start: 0, length: nil, columns: 16) == (try xxd([path])))
  }

  @Test("offsets beyond 4 GiB in a sparse file")
  func beyondFourGiB() throws {
    let directory = try TemporaryDirectory()
    let size = (1 << 32) + 40
    let tail = Array("tail of a sparse file past 4 GiB!".utf8)
    let path = try directory.sparseFile("big.bin", size: size, tail: tail)
    let start = (1 << 32) - 24
    for columns in [16, 7] {
      let expected = try xxd(["-c", String(columns), "-s", String(start), path])
      var window = [UInt8](repeating: 0, count: size - start)
      window.replaceSubrange((window.count - tail.count)..., with: tail)
      var output: [UInt8] = []
      try HexDump(columns: columns).append(window, offset: start, to: &output)
      #expect(output == expected)
    }
  }

  @Test("an empty file prints nothing, like xxd")
  func emptyFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("empty.bin", bytes: [])
    #expect(try xxd([path]).isEmpty)
    #expect(try ours([], start: 0, length: nil, columns: 16).isEmpty)
  }
}
