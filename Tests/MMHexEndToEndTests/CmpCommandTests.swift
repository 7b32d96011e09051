import Foundation
import Testing

/// `mmhex cmp` against an independent oracle: a Python script that walks both files byte by byte.
@Suite struct CmpCommandTests {
  /// The oracle. Arguments: A B START LENGTH MAX COUNT(0|1). Prints what `mmhex cmp` should print.
  static let oracle = #"""
    import sys
    a_path, b_path, start, length, limit, count = sys.argv[1:]
    start, length, limit = int(start), int(length), int(limit)
    a, b = open(a_path, 'rb').read(), open(b_path, 'rb').read()
    common, total = min(len(a), len(b)), max(len(a), len(b))
    lower = min(start, total)
    upper = lower + min(length, total - lower)
    runs, begin = [], None
    for offset in range(lower, upper):
        differs = offset >= common or a[offset] != b[offset]
        if begin is not None and (not differs or offset == common):
            runs.append((begin, offset - begin))
            begin = None
        if differs and begin is None:
            begin = offset
    if begin is not None:
        runs.append((begin, upper - begin))
    runs = runs[:limit]
    if count == '1':
        print(sum(n for _, n in runs))
    else:
        sys.stdout.write(''.join('0x%x %d\n' % run for run in runs))
    """#

  @Test(arguments: 0..<6)
  func agreesWithTheOracle(seed: Int) throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: UInt64(seed) &* 104_729 &+ 3)
    for round in 0..<4 {
      let firstCount = Int(random.next() % 70_000)
      let secondCount = round % 2 == 0 ? firstCount : Int(random.next() % 70_000)
      let first = random.bytes(firstCount)
      var second = Array(first.prefix(secondCount)) + random.bytes(max(0, secondCount - firstCount))
      for _ in 0..<Int(random.next() % 30) where !second.isEmpty {
        let start = Int(random.next() % UInt64(second.count))
        for offset in start..<min(second.count, start + Int(random.next() % 20) + 1) { second[offset] &+= 1 }
      }
      let firstPath = try folder.file("a\(round).bin", bytes: first)
      let secondPath = try folder.file("b\(round).bin", bytes: second)
      var arguments = ["cmp"]
      var start = 0
      var length = Int.max / 2
      var limit = Int.max / 2
      let count = random.next() % 3 == 0
      if count { arguments.append("--count") }
      if random.next() % 3 == 0 {
        limit = Int(random.next() % 5) + 1
        arguments += ["--max", String(limit)]
      }
      if random.next() % 3 == 0 {
        start = Int(random.next() % UInt64(max(firstCount, secondCount) + 10))
        length = Int(random.next() % 40_000)
        arguments += ["-s", "0x" + String(start, radix: 16), "-l", String(length)]
      }
      arguments += [firstPath, secondPath]
      let oracle = try MMHexBinary.runProgram(
        "python3",
        ["-c", Self.oracle, firstPath, secondPath, String(start), String(length), String(limit), count ? "1" : "0"])
      #expect(oracle.status == 0, "oracle failed: \(oracle.standardError)")
      let expected = oracle.outputText
      let result = try MMHexBinary.run(arguments)
      let differs = count ? expected != "0\n" : !expected.isEmpty
      #expect(result.outputText == expected, "mmhex \(arguments.joined(separator: " "))")
      #expect(result.status == (differs ? 1 : 0), "mmhex \(arguments.joined(separator: " "))")
      #expect(result.standardError == "")
    }
  }

  @Test func runsCountsAndTheBytesPastTheShorterEnd() throws {
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: Array("abcdefgh".utf8))
    let second = try folder.file("b.bin", bytes: Array("abXdeYYh12".utf8))
    let runs = try MMHexBinary.run(["cmp", first, second])
    #expect(runs.outputText == "0x2 1\n0x5 2\n0x8 2\n")
    #expect(runs.status == 1)
    let counted = try MMHexBinary.run(["cmp", "--count", first, second])
    #expect(counted.outputText == "5\n")
    #expect(counted.status == 1)
    let limited = try MMHexBinary.run(["cmp", "--max", "2", first, second])
    #expect(limited.outputText == "0x2 1\n0x5 2\n")
    let window = try MMHexBinary.run(["cmp", "-s", "3", "-l", "4", first, second])
    #expect(window.outputText == "0x5 2\n")
    let identical = try MMHexBinary.run(["cmp", first, first])
    #expect(identical.outputText == "")
    #expect(identical.status == 0)
    let identicalCount = try MMHexBinary.run(["cmp", "--count", first, first])
    #expect(identicalCount.outputText == "0\n")
    #expect(identicalCount.status == 0)
    let empty = try folder.file("empty.bin", bytes: [])
    let againstEmpty = try MMHexBinary.run(["cmp", empty, first])
    #expect(againstEmpty.outputText == "0x0 8\n")
    #expect(againstEmpty.status == 1)
    let bothEmpty = try MMHexBinary.run(["cmp", empty, empty])
    #expect(bothEmpty.outputText == "")
    #expect(bothEmpty.status == 0)
  }

  @Test func differencesBeyondFourGiBInSparseFiles() throws {
    let folder = try TemporaryDirectory()
    let size = (1 << 32) + 100
    let first = try folder.sparseFile("a.bin", size: size, patches: [(size - 8, [1, 2, 3])])
    let second = try folder.sparseFile("b.bin", size: size, patches: [(size - 8, [1, 9, 9])])
    // Starting near the end keeps the test quick; the offsets printed stay file offsets.
    let result = try MMHexBinary.run(["cmp", "-s", "0x100000000", first, second])
    #expect(result.outputText == "0x\(String(size - 7, radix: 16)) 2\n")
    #expect(result.status == 1)
  }

  /// The stretches where both files have holes are skipped unread, so a whole terabyte is
  /// compared in a moment.
  @Test func twoTebibyteSparseFilesWhole() throws {
    let folder = try TemporaryDirectory()
    let size = 1 << 40
    let first = try folder.sparseFile("a.bin", size: size, patches: [(size - 5, [0x79])])
    let second = try folder.sparseFile("b.bin", size: size, patches: [(1 << 39, [0x78])])
    let result = try MMHexBinary.run(["cmp", first, second])
    #expect(result.outputText == "0x8000000000 1\n0xfffffffffb 1\n")
    #expect(result.status == 1)
    #expect(try MMHexBinary.run(["cmp", "--count", first, second]).outputText == "2\n")
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let badCases: [BadCase] = [
    BadCase(
      arguments: ["-s", "zz"],
      message: "mmhex: invalid -s: 'zz' is not a number (use decimal like 4096 or hex like 0x1000)"),
    BadCase(arguments: ["-l", "-5"], message: "mmhex: invalid -l: '-5' is negative; use zero or more"),
    BadCase(arguments: ["--max", "0"], message: "mmhex: invalid --max: '0' is too small (the least is 1)"),
    BadCase(arguments: ["--bogus"], message: "mmhex: Unknown option '--bogus' (see 'mmhex cmp --help')"),
  ]

  @Test(arguments: badCases)
  func badNumbersAndOptionsExitWithTwo(_ badCase: BadCase) throws {
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: [0, 1, 2])
    let second = try folder.file("b.bin", bytes: [0, 1, 3])
    let result = try MMHexBinary.run(["cmp"] + badCase.arguments + [first, second])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == badCase.message + "\n")
  }

  @Test func unreadableFilesExitWithTwoNamingThePath() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.file("a.bin", bytes: [0, 1, 2])
    let missing = folder.path("missing.bin")
    let fifo = folder.path("fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    let directory = folder.path("")
    let cases: [([String], String)] = [
      ([file, missing], "mmhex: cannot open '\(missing)': no such file\n"),
      ([missing, file], "mmhex: cannot open '\(missing)': no such file\n"),
      ([file, directory], "mmhex: cannot open '\(directory)': it is a directory\n"),
      ([fifo, file], "mmhex: cannot open '\(fifo)': it is a FIFO (named pipe), not a regular file\n"),
    ]
    for (arguments, message) in cases {
      let result = try MMHexBinary.run(["cmp"] + arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.standardOutput.isEmpty)
      #expect(result.standardError == message)
    }
    let missingArgument = try MMHexBinary.run(["cmp", file])
    #expect(missingArgument.status == 2)
    #expect(missingArgument.standardError == "mmhex: Missing expected argument '<second>' (see 'mmhex cmp --help')\n")
  }

  @Test func unwritableOutputExitsWithTwo() throws {
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: [0, 1, 2])
    let second = try folder.file("b.bin", bytes: [0, 1, 3])
    let result = try MMHexBinary.runProgram(
      "sh", ["-c", "exec \"$0\" cmp \"$1\" \"$2\" > /dev/full", MMHexBinary.path, first, second])
    #expect(result.status == 2)
    #expect(
      result.standardError
        == "mmhex: cannot compare '\(first)' and '\(second)': cannot write the runs: No space left on device\n")
  }
}
