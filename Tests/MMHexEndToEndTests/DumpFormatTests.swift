import Foundation
import Testing

/// `mmhex dump` with xxd's other formats and options (-p, -i, -n, -g, -u, -e, -a, negative -s):
/// byte for byte what the installed `xxd` prints with the same flags, on inputs chosen for the
/// edge cases (empty, one byte, rows not filled, runs of zero rows of every length).
@Suite struct DumpFormatTests {
  /// The inputs every option set is tried on.
  static func inputs(in folder: TemporaryDirectory) throws -> [String] {
    var random = SeededBytes(seed: 16)
    let zeroRuns = random.bytes(40) + [UInt8](repeating: 0, count: 48) + [7] + [UInt8](repeating: 0, count: 32)
      + random.bytes(5) + [UInt8](repeating: 0, count: 16) + [1] + [UInt8](repeating: 0, count: 64)
    return [
      try folder.file("empty.bin", bytes: []),
      try folder.file("one.bin", bytes: [0x41]),
      try folder.file("odd-17.bin", bytes: random.bytes(17)),
      try folder.file("random-1000.bin", bytes: random.bytes(1000)),
      try folder.file("zero-runs.bin", bytes: zeroRuns),
      try folder.file("zeros-200.bin", bytes: [UInt8](repeating: 0, count: 200)),
      try folder.file("3zero-rows.bin", bytes: [UInt8](repeating: 0, count: 48)),
    ]
  }

  static let optionSets: [[String]] = [
    ["-p"], ["-p", "-u"], ["-p", "-c", "0"], ["-p", "-c", "7"], ["-p", "-c", "300"], ["-p", "-s", "5", "-l", "40"],
    ["-i"], ["-i", "-u"], ["-i", "-n", "payload"], ["-i", "-n", "9 lives.bin"], ["-i", "-c", "5"], ["-i", "-c", "0"],
    ["-i", "-l", "13"],
    ["-g", "1"], ["-g", "3"], ["-g", "0"], ["-g", "4", "-u"], ["-g", "16"], ["-g", "300"], ["-g", "5", "-c", "13"],
    ["-c", "7", "-g", "3"], ["-c", "1", "-g", "1"], ["-c", "256", "-g", "0"], ["-c", "9", "-g", "4"],
    ["-e"], ["-e", "-g", "2"], ["-e", "-g", "8"], ["-e", "-g", "1"], ["-e", "-c", "6"], ["-e", "-c", "13"],
    ["-e", "-g", "8", "-c", "12"], ["-e", "-g", "0", "-c", "12"], ["-e", "-c", "3"], ["-e", "-u", "-a"],
    ["-u"], ["-a"], ["-a", "-c", "8"], ["-a", "-c", "32"], ["-a", "-g", "4"], ["-a", "-c", "1"], ["-a", "-s", "40"],
    ["-s", "-10"], ["-s", "-17"], ["-s", "+5", "-l", "20"], ["-s", "-64", "-a", "-c", "8"], ["-l", "17", "-e"],
  ]

  @Test(arguments: optionSets)
  func matchesXXD(_ options: [String]) throws {
    let folder = try TemporaryDirectory()
    for path in try Self.inputs(in: folder) {
      let reference = try MMHexBinary.runProgram("xxd", options + [path])
      let ours = try MMHexBinary.run(["dump"] + options + [path])
      if reference.status != 0 {
        // xxd refuses: mmhex refuses too (a negative -s reaching before the start of a short file).
        #expect(ours.status != 0, "dump \(options) \(path)")
        continue
      }
      #expect(ours.status == 0, "dump \(options) \(path): \(ours.standardError)")
      #expect(ours.standardOutput == reference.standardOutput, "dump \(options) \(path)")
    }
  }

  @Test(arguments: [["-p"], ["-i"], ["-a", "-c", "8"], ["-e", "-g", "8"], ["-g", "3", "-u"], []])
  func standardInputMatchesXXDWhateverTheChunks(_ options: [String]) throws {
    let folder = try TemporaryDirectory()
    let path = try Self.inputs(in: folder)[4]
    let reference = try MMHexBinary.runProgram("bash", ["-c", "xxd \"${@:2}\" < \"$1\"", "-", path] + options)
    // A writer that sends the file in pieces of 1 to 37 bytes, so rows and zero runs span reads.
    let ours = try MMHexBinary.runProgram(
      "bash", ["-c", "\(Self.slowWriter) \"$1\" | \"$2\" dump \"${@:3}\" -", "-", path, MMHexBinary.path] + options)
    #expect(ours.status == 0, "\(ours.standardError)")
    #expect(ours.standardOutput == reference.standardOutput, "dump \(options) -")
  }

  /// A shell command writing the file named by its argument in small, irregular pieces.
  static let slowWriter = """
    python3 -c 'import os, sys, random
    random.seed(7); data = open(sys.argv[1], "rb").read(); i = 0
    while i < len(data):
        n = random.randint(1, 37); os.write(1, data[i:i + n]); i += n' 
    """

  @Test func everyWayOfReadingAStreamGivesTheSameDump() throws {
    let folder = try TemporaryDirectory()
    let path = try Self.inputs(in: folder)[3]
    let expected = try MMHexBinary.runProgram("xxd", [path]).standardOutput
    let fifo = folder.path("fifo")
    #expect(try MMHexBinary.runProgram("mkfifo", [fifo]).status == 0)
    let commands = [
      "cat \"$1\" | \"$2\" dump -",
      "cat \"$1\" | \"$2\" dump",
      "\"$2\" dump /dev/stdin < \"$1\"",
      "\"$2\" dump <(cat \"$1\")",
      "cat \"$1\" > \"$3\" & \"$2\" dump \"$3\"; wait",
    ]
    for command in commands {
      let result = try MMHexBinary.runProgram("bash", ["-c", command, "-", path, MMHexBinary.path, fifo])
      #expect(result.status == 0, "\(command): \(result.standardError)")
      #expect(result.standardOutput == expected, "\(command)")
    }
  }

  @Test func standardInputHonoursSeekAndLength() throws {
    let folder = try TemporaryDirectory()
    let path = try Self.inputs(in: folder)[3]
    let reference = try MMHexBinary.runProgram("xxd", ["-s", "100", "-l", "50", path])
    let ours = try MMHexBinary.runProgram("bash", ["-c", "cat \"$1\" | \"$2\" dump -s 100 -l 50 -", "-", path, MMHexBinary.path])
    #expect(ours.outputText == reference.outputText)
  }

  @Test func aStreamIsNeverHeldInMemory() throws {
    // 128 MiB of zeros through a pipe; the peak resident memory of every process in the
    // pipeline (mmhex included) stays far below the input's size.
    let script = """
      import resource, subprocess, sys
      out = subprocess.run(['bash', '-c', 'head -c 134217728 /dev/zero | "$0" dump -a - | tail -2', sys.argv[1]],
                           capture_output=True).stdout.decode()
      print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
      sys.stdout.write(out)
      """
    let result = try MMHexBinary.runProgram("python3", ["-c", script, MMHexBinary.path])
    let lines = result.outputText.split(separator: "\n")
    #expect(lines.count == 3)
    let peakKiB = Int(lines.first ?? "") ?? .max
    #expect(peakKiB < 48 * 1024, "peak resident memory \(peakKiB) KiB")
    #expect(lines.dropFirst().joined(separator: "\n") == "*\n07fffff0: 0000 0000 0000 0000 0000 0000 0000 0000  ................")
  }

  @Test func closedPipeIsQuietForStreamsAndEveryFormat() throws {
    for options in [["-p"], ["-i"], ["-e"], []] {
      let result = try MMHexBinary.runProgram(
        "bash", ["-c", "head -c 50000000 /dev/zero | \"$1\" dump \"${@:2}\" - | head -n 1 > /dev/null; echo ${PIPESTATUS[1]}", "-", MMHexBinary.path] + options)
      // mmhex's own status (the writer feeding it may die of SIGPIPE once mmhex is gone).
      #expect(result.outputText == "0\n", "\(options)")
      #expect(result.standardError == "", "\(options)")
    }
  }

  @Test func zeroSizeFilesWithContentAreRead() throws {
    // /proc files report a size of 0; their content is read like a stream, never shown as empty.
    let expected = try MMHexBinary.runProgram("xxd", ["/proc/version"])
    let ours = try MMHexBinary.run(["dump", "/proc/version"])
    #expect(ours.status == 0)
    #expect(!ours.standardOutput.isEmpty)
    #expect(ours.outputText == expected.outputText)
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    var options: [String]
    var message: String
    var status: Int32
    var testDescription: String { options.joined(separator: " ") }
  }

  static let refusals: [Refusal] = [
    Refusal(options: ["-e", "-g", "3"], message: "invalid -g: number of octets per group must be a power of 2 with -e (got 3: use 1, 2, 4, 8, ...).", status: 64),
    Refusal(options: ["-p", "-i"], message: "-p, -i and -e cannot be used together", status: 64),
    Refusal(options: ["-g", "x"], message: "invalid -g: 'x' is not a number (use decimal like 4096 or hex like 0x1000)", status: 64),
    Refusal(options: ["-s", "-2000"], message: "cannot seek to -2000: 'FILE' has only 1000 bytes", status: 1),
    Refusal(options: ["-s", "-zz"], message: "invalid -s: 'zz' is not a number (use decimal like 4096 or hex like 0x1000)", status: 64),
  ]

  @Test(arguments: refusals)
  func refusedOptions(_ refusal: Refusal) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](repeating: 0x41, count: 1000))
    let result = try MMHexBinary.run(["dump"] + refusal.options + [path])
    #expect(result.status == refusal.status)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "mmhex: \(refusal.message.replacing("FILE", with: path))\n")
  }

  @Test func negativeSeekOnAStreamIsRefused() throws {
    let result = try MMHexBinary.runProgram("bash", ["-c", "echo hello | \"$1\" dump -s -2 -", "-", MMHexBinary.path])
    #expect(result.status == 1)
    #expect(result.standardError == "mmhex: cannot seek from the end of standard input: it is read as a stream; save it to a file first\n")
  }
}
