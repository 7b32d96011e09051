// Search speed on a warm 2 GiB file with the pattern near the end, side by side in one run:
// `mmhex find` (the release binary from MMHEX_BINARY), the in-process engine, CPython's
// `mmap.find`, `grep -c -a -F`, and glibc `memmem` over an mmap (Benchmarks/memmem/memmem.c,
// compiled here with `cc -O2`). Prints milliseconds (best of several runs), GB/s (10^9 bytes
// per second) and each speed relative to memmem's.
//
// The file is created once as `mmhex-search-benchmark-2GiB.bin` in the temporary directory
// and reused by later runs; delete it to reclaim the space.
import Foundation
import HexCore
import MemMap

let fileSize = 2 << 30
let needle = "NEEDLE42"
let needleOffset = fileSize - 4096 - 123
let repetitions = 5

// MARK: - The test file

/// Writes pseudo-random bytes (xorshift64) with `needle` planted once, near the end.
func createTestFile(at path: String) throws {
  _ = FileManager.default.createFile(atPath: path, contents: nil)
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  let blockSize = 64 << 20
  var state: UInt64 = 0x2545_F491_4F6C_DD1D
  var block = [UInt8](repeating: 0, count: blockSize)
  var written = 0
  while written < fileSize {
    block.withUnsafeMutableBytes { raw in
      let words = raw.bindMemory(to: UInt64.self)
      for index in words.indices {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        words[index] = state
      }
    }
    // Random bytes can contain the needle's anchors, but never the whole 8-byte needle by chance
    // in practice; the check after writing makes sure.
    if written <= needleOffset, needleOffset < written + blockSize {
      let local = needleOffset - written
      block.replaceSubrange(local..<(local + needle.utf8.count), with: Array(needle.utf8))
    }
    try handle.write(contentsOf: Data(block))
    written += blockSize
  }
}

let path = NSTemporaryDirectory() + "/mmhex-search-benchmark-2GiB.bin"
let attributes = try? FileManager.default.attributesOfItem(atPath: path)
if (attributes?[.size] as? NSNumber)?.intValue != fileSize {
  print("creating \(path) (2 GiB, once)…")
  try createTestFile(at: path)
}

// MARK: - Timing helpers

struct Measurement {
  let name: String
  let seconds: Double
  let note: String
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` `repetitions` times and returns the shortest time.
func best(_ body: () throws -> Void) rethrows -> Double {
  var shortest = Double.infinity
  for _ in 0..<repetitions {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    shortest = min(shortest, seconds(clock.now - start))
  }
  return shortest
}

/// Runs a program and returns its standard output; fails loudly on an unexpected exit status.
@discardableResult
func run(_ program: String, _ arguments: [String], expecting status: Int32 = 0) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
  process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == status else {
    throw BenchmarkFailure("\(program) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
  }
  return String(decoding: data, as: UTF8.self)
}

struct BenchmarkFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

// MARK: - Warm the file and check the needle

let benchmarkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let memmemSource = benchmarkFolder.appendingPathComponent("memmem/memmem.c").path
let memmemBinary = NSTemporaryDirectory() + "/mmhex-search-benchmark-memmem"
try run("cc", ["-O2", "-o", memmemBinary, memmemSource])

let map = try MemMap.open(path)
let search = ByteSearch(pattern: try SearchPattern(text: needle))
// Two full passes load the file into the page cache.
for _ in 0..<2 { _ = try search.countMatches(in: map) }
let allMatches = try search.matches(in: map)
guard allMatches == [needleOffset] else {
  throw BenchmarkFailure("expected one match at \(needleOffset), found \(allMatches.prefix(5))")
}

// MARK: - Measurements

var results: [Measurement] = []

// glibc memmem: the program times memmem alone (mmap and process start excluded).
var memmemSeconds = Double.infinity
for _ in 0..<repetitions {
  let fields = try run(memmemBinary, [path, needle]).split(separator: " ")
  guard fields.count == 2, Int(fields[0]) == needleOffset,
    let time = Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
  else {
    throw BenchmarkFailure("memmem printed \(fields)")
  }
  memmemSeconds = min(memmemSeconds, time)
}
results.append(
  Measurement(name: "C memmem (glibc, mmap)", seconds: memmemSeconds, note: "first match; memmem call only"))

if let binary = ProcessInfo.processInfo.environment["MMHEX_BINARY"], !binary.isEmpty {
  let expected = "0x" + String(needleOffset, radix: 16) + "\n"
  let time = try best {
    let output = try run(binary, ["find", "--text", needle, path])
    guard output == expected else { throw BenchmarkFailure("mmhex find printed \(output)") }
  }
  results.append(Measurement(name: "mmhex find (process)", seconds: time, note: "all matches; whole process"))
} else {
  print("MMHEX_BINARY is not set: skipping the mmhex find process")
}

let engineAll = try best {
  guard try search.matches(in: map) == [needleOffset] else { throw BenchmarkFailure("engine") }
}
results.append(Measurement(name: "ByteSearch.matches (in-process)", seconds: engineAll, note: "all matches, 2 cores"))

let engineFirst = try best {
  guard try search.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("engine") }
}
results.append(
  Measurement(name: "ByteSearch.firstMatch (in-process)", seconds: engineFirst, note: "first match, 2 cores"))

let singleCore = ByteSearch(pattern: search.pattern, concurrently: false)
let engineSingle = try best {
  guard try singleCore.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("engine") }
}
results.append(Measurement(name: "ByteSearch.firstMatch, 1 core", seconds: engineSingle, note: "first match, 1 core"))

let folded = ByteSearch(pattern: try SearchPattern(needle.lowercased(), kind: .text, ignoringCase: true))
let engineFolded = try best {
  guard try folded.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("engine -i") }
}
results.append(Measurement(name: "ByteSearch, ignoring case", seconds: engineFolded, note: "first match, 2 cores"))

let wildcard = ByteSearch(pattern: try SearchPattern(hex: "4e 45 ?? 44 4c ?? 34 32"))
let engineWildcard = try best {
  guard try wildcard.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("engine ??") }
}
results.append(Measurement(name: "ByteSearch, 2 wildcards", seconds: engineWildcard, note: "first match, 2 cores"))

let backward = try best {
  guard try search.lastMatch(in: map, startingIn: 0..<(needleOffset - 1)) == nil else {
    throw BenchmarkFailure("engine back")
  }
}
results.append(
  Measurement(name: "ByteSearch.lastMatch (backward)", seconds: backward, note: "no match before it: whole file"))

let python = """
  import mmap, sys, time
  with open(sys.argv[1], 'rb') as f:
      m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
      best = min((lambda t: (m.find(sys.argv[2].encode()), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(\(repetitions)))
      print(m.find(sys.argv[2].encode()), best)
  """
let pythonFields = try run("python3", ["-c", python, path, needle]).split(separator: " ")
if pythonFields.count == 2, Int(pythonFields[0]) == needleOffset,
  let time = Double(pythonFields[1].trimmingCharacters(in: .whitespacesAndNewlines))
{
  results.append(Measurement(name: "CPython mmap.find", seconds: time, note: "first match; find call only"))
}

let grepTime = try best {
  guard try run("grep", ["-c", "-a", "-F", needle, path]) == "1\n" else { throw BenchmarkFailure("grep") }
}
results.append(Measurement(name: "grep -c -a -F", seconds: grepTime, note: "count; whole process"))

// MARK: - Report

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
func fixed(_ value: Double, _ digits: Int) -> String {
  let scale = pow(10.0, Double(digits))
  let rounded = (value * scale).rounded() / scale
  var text = String(rounded)
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
  }
  return text
}

print("Search for \"\(needle)\" in a warm 2 GiB file (match at \(needleOffset)), best of \(repetitions):")
print(pad("tool", 36) + pad("ms", 10) + pad("GB/s", 9) + pad("x memmem", 10) + "what is timed")
for result in results {
  let gigabytesPerSecond = Double(fileSize) / result.seconds / 1e9
  let ratio = memmemSeconds / result.seconds
  print(
    pad(result.name, 36) + pad(fixed(result.seconds * 1000, 1), 10) + pad(fixed(gigabytesPerSecond, 2), 9)
      + pad(fixed(ratio, 2), 10) + result.note)
}
