import Foundation
import Testing

/// `mmhex find` against an independent oracle: a Python script that lists every overlapping match
/// with a regular expression built from the same pattern.
@Suite struct FindCommandTests {
  /// The oracle. Arguments: FILE KIND(hex|text) PATTERN IGNORECASE(0|1) START LENGTH MAX COUNT(0|1).
  /// Hex: groups separated by spaces, optional 0x, pairs of digits; '??' any byte, '?' any nibble.
  /// Ignoring case widens exactly-given ASCII letters only. Prints what `mmhex find` should print.
  static let oracle = #"""
    import re, sys
    path, kind, pattern, ignore_case, start, length, limit, count = sys.argv[1:]
    start, length, limit = int(start), int(length), int(limit)
    data = open(path, 'rb').read()
    if kind == 'hex':
        digits = ''.join(g[2:] if g.lower().startswith('0x') else g for g in pattern.split())
        pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
    else:
        pairs = ['%02x' % b for b in pattern.encode()]
    parts = []
    for pair in pairs:
        high, low = pair[0], pair[1]
        accepted = [b for b in range(256)
                    if (high == '?' or b >> 4 == int(high, 16)) and (low == '?' or b & 15 == int(low, 16))]
        if ignore_case == '1' and '?' not in pair and chr(accepted[0]).isascii() and chr(accepted[0]).isalpha():
            accepted = [ord(chr(accepted[0]).lower()), ord(chr(accepted[0]).upper())]
        parts.append(b'[' + b''.join(re.escape(bytes([b])) for b in accepted) + b']')
    window = data[start:start + length]
    found = [m.start() + start for m in re.finditer(b'(?=' + b''.join(parts) + b')', window, re.DOTALL)]
    found = found[:limit]
    if count == '1':
        print(len(found))
    else:
        sys.stdout.write(''.join('0x%x\n' % offset for offset in found))
    """#

  /// What the oracle says `mmhex find` prints.
  static func expectedOutput(
    file: String, kind: String, pattern: String, ignoreCase: Bool, start: Int, length: Int, limit: Int,
    count: Bool
  ) throws -> String {
    let result = try MMHexBinary.runProgram(
      "python3",
      [
        "-c", oracle, file, kind, pattern, ignoreCase ? "1" : "0", String(start), String(length), String(limit),
        count ? "1" : "0",
      ])
    #expect(result.status == 0, "oracle failed: \(result.standardError)")
    return result.outputText
  }

  /// A random spelling of `bytes` as a hex pattern, with some wildcards.
  static func hexSpelling(_ bytes: [UInt8], random: inout SeededBytes) -> String {
    var groups: [String] = []
    for byte in bytes {
      var pair = String(format: random.next() % 2 == 0 ? "%02x" : "%02X", byte)
      switch random.next() % 8 {
      case 0: pair = "??"
      case 1: pair = String(pair.first!) + "?"
      case 2: pair = "?" + String(pair.last!)
      default: break
      }
      groups.append(pair)
    }
    if groups.allSatisfy({ $0 == "??" }) { groups[0] = String(format: "%02x", bytes[0]) }
    switch random.next() % 3 {
    case 0: return groups.joined(separator: " ")
    case 1: return "0x" + groups.joined()
    default: return groups.joined()
    }
  }

  @Test(arguments: 0..<8)
  func agreesWithTheOracle(seed: Int) throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: UInt64(seed) &* 7919 &+ 1)
    var data = random.bytes(Int(random.next() % 60_000) + 1)
    // Plant some text (both cases) so text and case-insensitive searches find something.
    for _ in 0..<20 {
      let word = Array((random.next() % 2 == 0 ? "abAB" : "aBaB").utf8)
      let offset = Int(random.next() % UInt64(max(1, data.count - word.count)))
      if offset + word.count <= data.count { data.replaceSubrange(offset..<(offset + word.count), with: word) }
    }
    let path = try folder.file("data.bin", bytes: data)
    for round in 0..<4 {
      let length = Int(random.next() % 4) + 1
      let from = Int(random.next() % UInt64(max(1, data.count - length + 1)))
      let sample = Array(data[from..<min(data.count, from + length)])
      let isText = round % 2 == 1
      let pattern =
        isText ? ["ab", "aB", "AbA", "b"][Int(random.next() % 4)] : Self.hexSpelling(sample, random: &random)
      let ignoreCase = isText && random.next() % 2 == 0
      var arguments = ["find", isText ? "--text" : "--hex"]
      if ignoreCase { arguments.append("--ignore-case") }
      var start = 0
      var window = data.count
      var limit = Int.max
      let count = random.next() % 3 == 0
      if count { arguments.append("--count") }
      if random.next() % 3 == 0 {
        limit = Int(random.next() % 5)
        arguments += ["--max", String(limit)]
      }
      if random.next() % 3 == 0 {
        start = Int(random.next() % UInt64(data.count + 10))
        window = Int(random.next() % UInt64(data.count + 10))
        arguments += ["-s", String(start), "-l", "0x" + String(window, radix: 16)]
      }
      arguments += [pattern, path]
      let expected = try Self.expectedOutput(
        file: path, kind: isText ? "text" : "hex", pattern: pattern, ignoreCase: ignoreCase, start: start,
        length: window, limit: limit, count: count)
      let result = try MMHexBinary.run(arguments)
      let matched = count ? expected != "0\n" : !expected.isEmpty
      #expect(result.outputText == expected, "mmhex \(arguments.joined(separator: " "))")
      #expect(result.status == (matched ? 0 : 1), "mmhex \(arguments.joined(separator: " "))")
      #expect(result.standardError == "")
    }
  }

  @Test func overlappingMatchesInAscendingOrder() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("a.bin", bytes: Array("aaaa".utf8) + [0, 0x61, 0x61])
    let result = try MMHexBinary.run(["find", "--text", "aa", path])
    #expect(result.outputText == "0x0\n0x1\n0x2\n0x5\n")
    #expect(result.status == 0)
    let counted = try MMHexBinary.run(["find", "--count", "6161", path])
    #expect(counted.outputText == "4\n")
    let limited = try MMHexBinary.run(["find", "--max", "2", "61 61", path])
    #expect(limited.outputText == "0x0\n0x1\n")
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let badCases: [BadCase] = [
    BadCase(
      arguments: ["xyz"],
      message: "mmhex: bad pattern 'xyz': 'x' is not a hex digit at position 1 (to search for text, add --text)"),
    BadCase(arguments: ["--hex", "xyz"], message: "mmhex: bad pattern 'xyz': 'x' is not a hex digit at position 1"),
    BadCase(
      arguments: ["--hex", "de adb"],
      message: "mmhex: bad pattern 'de adb': 'adb' at position 4 has an odd number of hex digits; each byte takes two"),
    BadCase(arguments: ["--text", ""], message: "mmhex: bad pattern '': the pattern is empty"),
    BadCase(
      arguments: ["?? ??"],
      message:
        "mmhex: bad pattern '?? ??': the pattern has only wildcards (??), so it would match everywhere (to search for text, add --text)"
    ),
    BadCase(arguments: ["--hex", "--text", "00"], message: "mmhex: --hex and --text cannot be used together"),
    BadCase(
      arguments: ["--max", "many", "00"],
      message: "mmhex: invalid --max: 'many' is not a number (use decimal like 4096 or hex like 0x1000)"),
  ]

  @Test(arguments: badCases)
  func badPatternsAndNumbersExitWithTwo(_ badCase: BadCase) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [0, 1, 2])
    let result = try MMHexBinary.run(["find"] + badCase.arguments + [path])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == badCase.message + "\n")
  }

  @Test func unreadableFilesExitWithTwoNamingThePath() throws {
    let folder = try TemporaryDirectory()
    let missing = folder.path("missing.bin")
    let result = try MMHexBinary.run(["find", "00", missing])
    #expect(result.status == 2)
    #expect(result.standardError == "mmhex: cannot open '\(missing)': no such file\n")
    let directory = try MMHexBinary.run(["find", "00", folder.path("")])
    #expect(directory.status == 2)
    #expect(directory.standardError.hasPrefix("mmhex: cannot open '"))
    #expect(directory.standardError.hasSuffix("': it is a directory\n"))
  }

  @Test func emptyFileAndPatternLongerThanTheFileFindNothing() throws {
    let folder = try TemporaryDirectory()
    let empty = try folder.file("empty.bin", bytes: [])
    for arguments in [["00"], ["--count", "00"], ["--text", "a"]] {
      let result = try MMHexBinary.run(["find"] + arguments + [empty])
      #expect(result.status == 1)
      #expect(result.outputText == (arguments.contains("--count") ? "0\n" : ""))
      #expect(result.standardError == "")
    }
    let short = try folder.file("short.bin", bytes: [0xDE, 0xAD])
    let result = try MMHexBinary.run(["find", "deadbeef", short])
    #expect(result.status == 1)
    #expect(result.outputText == "")
  }

  @Test func offsetsBeyondFourGiBInASparseFile() throws {
    let folder = try TemporaryDirectory()
    let size = (1 << 32) + 100
    let needle = Array("NEEDLE42".utf8)
    let path = try folder.sparseFile("sparse.bin", size: size, patches: [(size - 8, needle), (5, needle)])
    // Debug builds scan slowly, so search only the tail (and the head) of the 4 GiB of zeros.
    let tail = try MMHexBinary.run(["find", "-s", "0x100000000", "--text", "NEEDLE42", path])
    #expect(tail.outputText == "0x10000005c\n")
    #expect(tail.status == 0)
    let lastByte = try MMHexBinary.run(["find", "-s", "4294967200", "32", path])
    #expect(lastByte.outputText == "0x100000063\n")
    let head = try MMHexBinary.run(["find", "-l", "13", "--count", "--text", "NEEDLE42", path])
    #expect(head.outputText == "1\n")
    let cut = try MMHexBinary.run(["find", "-l", "12", "--text", "NEEDLE42", path])
    #expect(cut.status == 1)
  }
}
