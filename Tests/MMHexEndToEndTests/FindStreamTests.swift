import Foundation
import Testing

/// `mmhex find` on streams and several files, with `--decimal`, `--json` and `--escapes`.
@Suite struct FindStreamTests {
  /// A file with matches placed so that a stream read in small pieces splits many of them.
  static func plantedBytes() -> [UInt8] {
    var random = SeededBytes(seed: 99)
    var data = random.bytes(300_000).map { $0 == 0xDE ? 0 : $0 }
    for offset in stride(from: 37, to: data.count - 4, by: 4093) {
      data.replaceSubrange(offset..<(offset + 4), with: [0xDE, 0xAD, 0xBE, 0xEF])
    }
    return data
  }

  @Test(arguments: [["deadbeef"], ["de ?? be"], ["--count", "dead"], ["--max", "5", "ad be"], ["-s", "5000", "-l", "90000", "deadbeef"]])
  func aStreamFindsWhatTheMappedFileFinds(_ arguments: [String]) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("planted.bin", bytes: Self.plantedBytes())
    let mapped = try MMHexBinary.run(["find"] + arguments + [path])
    #expect(mapped.status == 0)
    #expect(!mapped.standardOutput.isEmpty)
    // Pieces of 1 to 37 bytes: patterns straddle the reads again and again.
    let streamed = try MMHexBinary.runProgram(
      "bash", ["-c", "\(DumpFormatTests.slowWriter) \"$1\" | \"$2\" find \"${@:3}\" -", "-", path, MMHexBinary.path] + arguments)
    #expect(streamed.status == 0, "\(streamed.standardError)")
    #expect(streamed.outputText == mapped.outputText, "find \(arguments)")
  }

  @Test func matchesAcrossTheOneMebibyteReads() throws {
    // A pipe delivers at most 64 KiB per read and mmhex reads in 1 MiB chunks: plant matches
    // across both boundaries.
    var data = [UInt8](repeating: 0x11, count: 3 << 20)
    let offsets = [(1 << 16) - 2, (1 << 20) - 3, (2 << 20) - 1, (3 << 20) - 4]
    for offset in offsets { data.replaceSubrange(offset..<(offset + 4), with: [0xCA, 0xFE, 0xBA, 0xBE]) }
    let folder = try TemporaryDirectory()
    let path = try folder.file("big.bin", bytes: data)
    let result = try MMHexBinary.runProgram("bash", ["-c", "cat \"$1\" | \"$2\" find --decimal cafebabe -", "-", path, MMHexBinary.path])
    #expect(result.outputText == offsets.map { "\($0)\n" }.joined())
  }

  @Test func everyWayOfReadingAStreamIsSearched() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [0, 0xAB, 0xCD, 0, 0xAB, 0xCD])
    let fifo = folder.path("fifo")
    #expect(try MMHexBinary.runProgram("mkfifo", [fifo]).status == 0)
    for command in [
      "cat \"$2\" | \"$1\" find abcd -",
      "\"$1\" find abcd /dev/stdin < \"$2\"",
      "\"$1\" find abcd <(cat \"$2\")",
      "cat \"$2\" > \"$3\" & \"$1\" find abcd \"$3\"; wait",
    ] {
      let result = try MMHexBinary.runProgram("bash", ["-c", command, "-", MMHexBinary.path, path, fifo])
      #expect(result.status == 0, "\(command): \(result.standardError)")
      #expect(result.outputText == "0x1\n0x4\n", "\(command)")
    }
  }

  @Test func severalFilesArePrefixedWithTheirNames() throws {
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: [0, 0x41, 0x42, 0, 0x41, 0x42])
    let second = try folder.file("b.bin", bytes: [0x41, 0x42])
    let none = try folder.file("c.bin", bytes: [1, 2, 3])
    let result = try MMHexBinary.run(["find", "--text", "AB", first, none, second])
    #expect(result.status == 0)
    #expect(result.outputText == "\(first):0x1\n\(first):0x4\n\(second):0x0\n")
    let decimal = try MMHexBinary.run(["find", "--decimal", "4142", first, second])
    #expect(decimal.outputText == "\(first):1\n\(first):4\n\(second):0\n")
    let counts = try MMHexBinary.run(["find", "--count", "4142", first, none, second])
    #expect(counts.outputText == "\(first):2\n\(none):0\n\(second):1\n")
    let nothing = try MMHexBinary.run(["find", "ff", first, second])
    #expect(nothing.status == 1)
    #expect(nothing.outputText == "")
  }

  @Test func anUnreadableFileAmongSeveralIsReportedAndTheRestSearched() throws {
    let folder = try TemporaryDirectory()
    let good = try folder.file("good.bin", bytes: [0xAB])
    let missing = folder.path("missing.bin")
    let result = try MMHexBinary.run(["find", "ab", missing, good])
    #expect(result.status == 2)
    #expect(result.outputText == "\(good):0x0\n")
    #expect(result.standardError == "mmhex: cannot open '\(missing)': no such file\n")
  }

  @Test func jsonLinesParseBack() throws {
    let folder = try TemporaryDirectory()
    let odd = try folder.file("we\"ird\\name\n.bin", bytes: Array("xxABCxABC".utf8))
    let plain = try folder.file("plain.bin", bytes: Array("ABC".utf8))
    let result = try MMHexBinary.run(["find", "--json", "--text", "ABC", odd, plain])
    #expect(result.status == 0)
    let objects = try result.outputText.split(separator: "\n").map { line in
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }
    #expect(objects.count == 3)
    #expect(objects.map { $0["file"] as? String } == [odd, odd, plain])
    #expect(objects.map { $0["offset"] as? Int } == [2, 6, 0])
    #expect(objects.map { $0["length"] as? Int } == [3, 3, 3])
    let both = try MMHexBinary.run(["find", "--json", "--decimal", "41", plain])
    #expect(both.status == 2)
    #expect(both.standardError == "mmhex: --decimal and --json cannot be used together\n")
    let counted = try MMHexBinary.run(["find", "--json", "--count", "--text", "ABC", plain])
    let object = try JSONSerialization.jsonObject(with: counted.standardOutput) as? [String: Any]
    #expect(object?["file"] as? String == plain)
    #expect(object?["count"] as? Int == 1)
  }

  @Test func escapesSpellBytesInText() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("elf.bin", bytes: [0x7F] + Array("ELF".utf8) + [0x02, 0x0A, 0x09, 0x5C, 0x00] + Array("ELF\\x02".utf8))
    #expect(try MMHexBinary.run(["find", "--text", "--escapes", "ELF\\x02\\n\\t\\\\", path]).outputText == "0x1\n")
    #expect(try MMHexBinary.run(["find", "--text", "--escapes", "\\\\\\0", path]).outputText == "0x7\n")
    // Without --escapes the backslashes are literal.
    #expect(try MMHexBinary.run(["find", "--text", "ELF\\x02", path]).outputText == "0x9\n")
    let bad = try MMHexBinary.run(["find", "--text", "--escapes", "ELF\\x2", path])
    #expect(bad.status == 2)
    #expect(bad.standardError == "mmhex: bad pattern 'ELF\\x2': '\\x' at position 4 needs two hex digits after it (e.g. \\x02)\n")
    let unknown = try MMHexBinary.run(["find", "--text", "--escapes", "a\\q", path])
    #expect(unknown.standardError == "mmhex: bad pattern 'a\\q': '\\q' at position 2 is not an escape (use \\xHH, \\n, \\t, \\r, \\0 or \\\\)\n")
    let hex = try MMHexBinary.run(["find", "--escapes", "41", path])
    #expect(hex.status == 2)
    #expect(hex.standardError == "mmhex: --escapes applies to --text patterns (hex patterns are bytes already)\n")
  }

  @Test func zeroSizeFilesWithContentAreSearched() throws {
    let result = try MMHexBinary.run(["find", "--count", "--text", "Linux", "/proc/version"])
    #expect(result.status == 0)
    #expect(result.outputText != "0\n")
  }

  @Test func closedPipeEndsAStreamedSearchQuietly() throws {
    let result = try MMHexBinary.runProgram(
      "bash", ["-c", "head -c 20000000 /dev/zero | \"$1\" find 00 - | head -n 1; echo ${PIPESTATUS[1]}", "-", MMHexBinary.path])
    #expect(result.outputText == "0x0\n0\n")
    #expect(result.standardError == "")
  }
}
