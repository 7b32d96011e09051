// Search speed on a warm 2 GiB file with the pattern near the end, side by side in one run:
// `mmhex find` (the release binary from MMHEX_BINARY), the in-process engine, CPython's
// `mmap.find`, `grep -c -a -F`, and glibc `memmem` over an mmap (Benchmarks/memmem/memmem.c,
// compiled here with `cc -O2`). Prints milliseconds (best of several runs), GB/s (10^9 bytes
// per second) and each speed relative to memmem's.
//
// The file is created once as `mmhex-search-benchmark-2GiB.bin` in the temporary directory
// and reused by later runs; delete it to reclaim the space.
import BenchmarkSupport
import Foundation
import HexCore
import MemMap

let fileSize = 2 << 30
let needle = "NEEDLE42"
let needleOffset = fileSize - 4096 - 123
let repetitions = 7

let path = try pseudoRandomTestFile(
  named: "mmhex-search-benchmark-2GiB.bin", size: fileSize, seed: 0x2545_F491_4F6C_DD1D,
  needle: Array(needle.utf8), at: needleOffset)

// MARK: - Timing helpers

struct Measurement {
  let name: String
  let seconds: Double
  let note: String
  let isReference: Bool
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

/// One tool: runs a search once and returns the seconds it took (measured by the tool itself
/// where it can exclude process start, else the wall time of the whole process).
struct Contender {
  let name: String
  let note: String
  /// Not a search: shown without speed or ratio.
  var isReference = false
  let runOnce: () throws -> Double
}

/// Parses "OFFSET SECONDS" printed by the memmem program and the Python script.
func selfTimed(_ output: String, by tool: String) throws -> Double {
  let fields = output.split(separator: " ")
  guard fields.count == 2, Int(fields[0]) == needleOffset,
    let time = Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
  else { throw BenchmarkFailure("\(tool) printed \(output)") }
  return time
}

let python = """
  import mmap, sys, time
  with open(sys.argv[1], 'rb') as f:
      m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
      start = time.perf_counter()
      offset = m.find(sys.argv[2].encode())
      print(offset, time.perf_counter() - start)
  """
let singleCore = ByteSearch(pattern: search.pattern, concurrently: false)
let folded = ByteSearch(pattern: try SearchPattern(needle.lowercased(), kind: .text, ignoringCase: true))
let wildcard = ByteSearch(pattern: try SearchPattern(hex: "4e 45 ?? 44 4c ?? 34 32"))

var contenders: [Contender] = [
  Contender(name: "C memmem (glibc, mmap)", note: "first match; the memmem call (fresh map)") {
    try selfTimed(try run(memmemBinary, [path, needle]), by: "memmem")
  }
]
if let binary = ProcessInfo.processInfo.environment["MMHEX_BINARY"], !binary.isEmpty {
  let expected = "0x" + String(needleOffset, radix: 16) + "\n"
  contenders.append(
    Contender(name: "mmhex find (process)", note: "all matches; whole process, 2 cores") {
      try timed {
        let output = try run(binary, ["find", "--text", needle, path])
        guard output == expected else { throw BenchmarkFailure("mmhex find printed \(output)") }
      }
    })
} else {
  print("MMHEX_BINARY is not set: skipping the mmhex find process")
}
contenders += [
  Contender(name: "ByteSearch.matches (in-process)", note: "all matches, 2 cores") {
    try timed { guard try search.matches(in: map) == [needleOffset] else { throw BenchmarkFailure("engine") } }
  },
  Contender(name: "ByteSearch.firstMatch (in-process)", note: "first match, 2 cores") {
    try timed { guard try search.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("engine") } }
  },
  Contender(name: "ByteSearch.firstMatch (fresh map)", note: "first match, 2 cores; open+map+search") {
    try timed {
      let fresh = try MemMap.open(path)
      guard try search.firstMatch(in: fresh) == needleOffset else { throw BenchmarkFailure("fresh map") }
    }
  },
  Contender(name: "ByteSearch.firstMatch, 1 core", note: "first match, 1 core") {
    try timed { guard try singleCore.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("1 core") } }
  },
  Contender(name: "ByteSearch, ignoring case", note: "first match, 2 cores") {
    try timed { guard try folded.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("-i") } }
  },
  Contender(name: "ByteSearch, 2 wildcards", note: "first match, 2 cores") {
    try timed { guard try wildcard.firstMatch(in: map) == needleOffset else { throw BenchmarkFailure("??") } }
  },
  Contender(name: "ByteSearch.lastMatch (backward)", note: "no match before it: whole file") {
    try timed {
      guard try search.lastMatch(in: map, startingIn: 0..<(needleOffset - 1)) == nil else {
        throw BenchmarkFailure("backward")
      }
    }
  },
  Contender(name: "CPython mmap.find", note: "first match; the find call (fresh map)") {
    try selfTimed(try run("python3", ["-c", python, path, needle]), by: "python3")
  },
  Contender(
    name: "starting /bin/true (reference)", note: "process start cost inside the whole-process rows",
    isReference: true
  ) {
    try timed { try run("/bin/true", []) }
  },
  Contender(name: "grep -c -a -F", note: "count; whole process") {
    try timed {
      guard try run("grep", ["-c", "-a", "-F", needle, path]) == "1\n" else { throw BenchmarkFailure("grep") }
    }
  },
]

// Rounds run every tool once in turn, so a burst of load from elsewhere hits all of them alike.
var bestSeconds = Array(repeating: Double.infinity, count: contenders.count)
for _ in 0..<repetitions {
  for (index, contender) in contenders.enumerated() {
    bestSeconds[index] = min(bestSeconds[index], try contender.runOnce())
  }
}
let memmemSeconds = bestSeconds[0]
let results = zip(contenders, bestSeconds).map {
  Measurement(name: $0.name, seconds: $1, note: $0.note, isReference: $0.isReference)
}

// MARK: - Report

print(
  "Search for \"\(needle)\" in a warm 2 GiB file (match at \(needleOffset)),"
    + " best of \(repetitions) interleaved rounds:")
print(pad("tool", 38) + pad("ms", 10) + pad("GB/s", 9) + pad("x memmem", 10) + "what is timed")
for result in results {
  let gigabytesPerSecond = Double(fileSize) / result.seconds / 1e9
  let ratio = memmemSeconds / result.seconds
  print(
    pad(result.name, 38) + pad(fixed(result.seconds * 1000, 1), 10)
      + pad(result.isReference ? "-" : fixed(gigabytesPerSecond, 2), 9)
      + pad(result.isReference ? "-" : fixed(ratio, 2), 10) + result.note)
}
