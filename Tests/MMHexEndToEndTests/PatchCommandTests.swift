import Foundation
import Testing

/// `mmhex patch`: a dump written back into the file (as `xxd -r`), or refused with the file
/// untouched.
@Suite struct PatchCommandTests {
  static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Runs a shell command with `$1` the mmhex binary and `$2`… the given words.
  static func shell(_ command: String, _ words: String...) throws -> MMHexBinary.Result {
    try MMHexBinary.runProgram("bash", ["-c", command, "-", MMHexBinary.path] + words)
  }

  @Test func dumpEditedWithSedRoundTrips() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 5)
    let original = random.bytes(5000)
    let path = try folder.file("data.bin", bytes: original)
    let result = try Self.shell(
      "\"$1\" dump \"$2\" | sed -e 's/^00000010: ..../00000010: cafe/' -e 's/^00001380: ../00001380: 00/' | \"$1\" patch \"$2\"", path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError == "")
    var expected = original
    expected[0x10] = 0xCA
    expected[0x11] = 0xFE
    expected[0x1380] = 0x00
    #expect(try Self.contents(path) == expected)
    #expect(!FileManager.default.fileExists(atPath: folder.path(".data.bin.mmhex-journal")))
  }

  @Test(arguments: [[], ["-c", "7"], ["-g", "0"], ["-g", "3", "-c", "13"], ["-u"], ["-a"], ["-s", "100", "-l", "333"]])
  func everyRowLayoutPatchesBack(_ options: [String]) throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 6)
    let source = try folder.file("source.bin", bytes: random.bytes(1000) + [UInt8](repeating: 0, count: 100))
    let target = try folder.file("target.bin", bytes: [UInt8](repeating: 0, count: 1100))
    let dumped = try MMHexBinary.run(["dump"] + options + [source])
    let dumpFile = try folder.file("dump.txt", bytes: Array(dumped.standardOutput))
    let patched = try MMHexBinary.run(["patch", target, dumpFile])
    #expect(patched.status == 0, "\(patched.standardError)")
    var expected = try Self.contents(source)
    if options.contains("-s") {
      let zeros = [UInt8](repeating: 0, count: 1100)
      expected = Array(zeros[0..<100]) + Array(expected[100..<433]) + Array(zeros[433...])
    }
    #expect(try Self.contents(target) == expected)
  }

  @Test func xxdsOwnDumpsPatchToo() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 7)
    let source = try folder.file("source.bin", bytes: random.bytes(777))
    let target = try folder.file("target.bin", bytes: [UInt8](repeating: 0xEE, count: 777))
    let result = try Self.shell("xxd -c 24 \"$2\" | \"$1\" patch \"$3\"", source, target)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(try Self.contents(target) == Self.contents(source))
  }

  @Test func plainHexWithSeek() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](repeating: 0x2E, count: 64))
    let result = try Self.shell("printf 'deadbeef\\n01 02\\n' | \"$1\" patch -p --seek 0x10 \"$2\"", path)
    #expect(result.status == 0, "\(result.standardError)")
    var expected = [UInt8](repeating: 0x2E, count: 64)
    expected.replaceSubrange(16..<22, with: [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02])
    #expect(try Self.contents(path) == expected)
    // xxd -p output round-trips, and a negative seek moves rows back.
    let moved = try Self.shell("printf '00000020: 4142\\n' | \"$1\" patch --seek -0x20 \"$2\"", path)
    #expect(moved.status == 0)
    #expect(try Self.contents(path)[0..<2] == [0x41, 0x42])
  }

  @Test func plainDumpOfAFileRoundTrips() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 8)
    let source = try folder.file("source.bin", bytes: random.bytes(4000))
    let target = try folder.file("target.bin", bytes: [UInt8](repeating: 0, count: 4000))
    let result = try Self.shell("\"$1\" dump -p \"$2\" | \"$1\" patch -p \"$3\"", source, target)
    #expect(result.status == 0)
    #expect(try Self.contents(target) == Self.contents(source))
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    var dump: String
    var options: [String] = []
    var message: String
    var status: Int32 = 1
    var testDescription: String { dump.debugDescription + " " + options.joined(separator: " ") }
  }

  static let refusals: [Refusal] = [
    Refusal(
      dump: "00000000: 4142\n00000002: zz43\n",
      message: "cannot patch 'FILE': the dump on standard input, line 2: 'zz43' at column 11 is not hex digits; nothing was written"),
    Refusal(
      dump: "00000000: 4142\nhello\n",
      message: "cannot patch 'FILE': the dump on standard input, line 2: expected an offset and a colon (like '00000010:'), found 'hello'; nothing was written"),
    Refusal(
      dump: "00000000: 414\n",
      message: "cannot patch 'FILE': the dump on standard input, line 1: '414' at column 11 has an odd number of hex digits; each byte takes two; nothing was written"),
    Refusal(
      dump: "00000010: 4142\n",
      message: "cannot patch 'FILE': the dump writes up to offset 0x11 but the file has 16 bytes; nothing was written (add --grow to extend it)"),
    Refusal(
      dump: "abc\n", options: ["-p"],
      message: "cannot patch 'FILE': the dump on standard input, line 2: the dump ends with half a byte (an odd number of hex digits); nothing was written"),
    Refusal(
      dump: "41\n4g\n", options: ["-p"],
      message: "cannot patch 'FILE': the dump on standard input, line 2: 'g' at column 2 is not a hex digit; nothing was written"),
    Refusal(
      dump: "00000000: 41\n", options: ["--seek", "-1"],
      message: "cannot patch 'FILE': the dump on standard input, line 1: offset 0x0 with --seek -1 falls before the start of the file; nothing was written"),
    Refusal(
      dump: "00000000: 41\n", options: ["--seek", "x"],
      message: "invalid --seek: 'x' is not a number (use decimal like 4096 or hex like 0x1000)", status: 2),
    Refusal(dump: "", options: ["--bogus"], message: "Unknown option '--bogus' (see 'mmhex patch --help')", status: 2),
  ]

  @Test(arguments: refusals)
  func refusalsLeaveTheFileUntouched(_ refusal: Refusal) throws {
    let folder = try TemporaryDirectory()
    let original = Array("0123456789abcdef".utf8)
    let path = try folder.file("data.bin", bytes: original)
    let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    let dumpPath = try folder.file("dump.txt", bytes: Array(refusal.dump.utf8))
    let run = try MMHexBinary.runProgram(
      "bash", ["-c", "\"$0\" patch \"${@:3}\" \"$1\" < \"$2\"", MMHexBinary.path, path, dumpPath] + refusal.options)
    #expect(run.status == refusal.status)
    #expect(run.standardError == "mmhex: \(refusal.message.replacing("FILE", with: path))\n")
    #expect(try Self.contents(path) == original)
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("")).sorted() == ["data.bin", "dump.txt"])
  }

  @Test func growExtendsTheFile() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [1, 2, 3, 4])
    let result = try Self.shell("printf '00000002: aabb\\n00000008: cc\\n' | \"$1\" patch --grow \"$2\"", path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(try Self.contents(path) == [1, 2, 0xAA, 0xBB, 0, 0, 0, 0, 0xCC])
    let empty = try folder.file("empty.bin", bytes: [])
    let fromEmpty = try Self.shell("printf 'cafe' | \"$1\" patch -p --grow \"$2\"", empty)
    #expect(fromEmpty.status == 0, "\(fromEmpty.standardError)")
    #expect(try Self.contents(empty) == [0xCA, 0xFE])
  }

  @Test func missingFileAndUnwritableFileExitWithTwo() throws {
    let folder = try TemporaryDirectory()
    let missing = folder.path("missing.bin")
    let result = try Self.shell("printf '00000000: 41\\n' | \"$1\" patch \"$2\"", missing)
    #expect(result.status == 2)
    #expect(result.standardError == "mmhex: cannot open '\(missing)': no such file\n")
    let noArguments = try MMHexBinary.run(["patch"])
    #expect(noArguments.status == 2)
    #expect(noArguments.standardError == "mmhex: Missing expected argument '<file>' (see 'mmhex patch --help')\n")
  }

  @Test func anInterruptedSaveIsRecoveredBeforeThePatch() throws {
    let helper = try #require(SaveCrashHelper.path, "mmhex-save-crash-helper must be built next to mmhex")
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 9)
    let original = random.bytes(5 * 4096)
    let path = try folder.file("recover.bin", bytes: original)
    // A save killed after its first page leaves a half-written file and its journal.
    let crashed = try SaveCrashHelper.run(helper, file: path, stride: 4096, stop: 1)
    #expect(crashed.status == 128 + SIGKILL)
    try #require(try Self.contents(path) != original)
    let result = try Self.shell("printf '00000000: 4142\n' | \"$1\" patch \"$2\"", path)
    #expect(result.status == 0)
    #expect(result.standardError.hasPrefix("mmhex: an interrupted save of '\(path)' was rolled back: "))
    var expected = original
    expected[0] = 0x41
    expected[1] = 0x42
    #expect(try Self.contents(path) == expected)
    #expect(!FileManager.default.fileExists(atPath: folder.path(".recover.bin.mmhex-journal")))
  }

  @Test func onlyRegularFilesArePatched() throws {
    let folder = try TemporaryDirectory()
    let dump = try folder.file("dump.txt", bytes: Array("00000000: 41\n".utf8))
    let fifo = folder.path("fifo")
    #expect(try MMHexBinary.runProgram("mkfifo", [fifo]).status == 0)
    let cases = [
      (folder.path(""), "mmhex: cannot open '\(folder.path(""))': it is a directory\n"),
      (fifo, "mmhex: cannot open '\(fifo)': it is a FIFO (named pipe), not a regular file\n"),
      ("/dev/null", "mmhex: cannot open '/dev/null': it is a character device, not a regular file\n"),
      ("/proc/version", "mmhex: cannot patch '/proc/version': it reports a size of 0 but has content (as /proc files do); nothing was written\n"),
    ]
    for (target, message) in cases {
      let result = try MMHexBinary.run(["patch", target, dump])
      #expect(result.status == 2, "\(target)")
      #expect(result.standardError == message)
    }
  }

  @Test func onlyTheChangedPagesAreWritten() throws {
    // A 64 MiB sparse file patched at two far-apart offsets stays sparse: only the touched
    // pages get blocks.
    let folder = try TemporaryDirectory()
    let path = try folder.sparseFile("sparse.bin", size: 64 << 20)
    let result = try Self.shell("printf '00000010: 0102\\n03000000: 0304\\n' | \"$1\" patch \"$2\"", path)
    #expect(result.status == 0, "\(result.standardError)")
    let blocks = try MMHexBinary.runProgram("stat", ["-c", "%b", path])
    #expect((Int(blocks.outputText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max) <= 64)
    let check = try MMHexBinary.run(["dump", "-s", "0x3000000", "-l", "2", path])
    #expect(check.outputText == "03000000: 0304                                     ..\n")
  }
}
