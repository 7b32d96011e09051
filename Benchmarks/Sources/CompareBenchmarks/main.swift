// Compare speed on a warm pair of 2 GiB files that differ in one byte near the end, side by side
// in one run: `mmhex cmp` (the release binary from MMHEX_BINARY), the in-process DiffScanner,
// GNU `cmp`, and a plain C `memcmp` loop over two maps (Benchmarks/memcmp/memcmp.c, compiled
// here with `cc -O2`). Prints milliseconds (best of several runs), GB/s (10^9 bytes of each file
// per second) and each speed relative to memcmp's.
//
// The files are created once as `mmhex-compare-benchmark-{a,b}-2GiB.bin` in the temporary
// directory and reused by later runs; delete them to reclaim the space.
import BenchmarkSupport
import Foundation
import HexCore
import MemMap

let fileSize = 2 << 30
let markerOffset = fileSize - 4096 - 123
let repetitions = 7
let seed: UInt64 = 0x2545_F491_4F6C_DD1D
// The same pseudo-random bytes in both files, but for the last byte of the planted marker.
let firstPath = try pseudoRandomTestFile(
  named: "mmhex-compare-benchmark-a-2GiB.bin", size: fileSize, seed: seed, needle: Array("MARKER42".utf8),
  at: markerOffset)
let secondPath = try pseudoRandomTestFile(
  named: "mmhex-compare-benchmark-b-2GiB.bin", size: fileSize, seed: seed, needle: Array("MARKER43".utf8),
  at: markerOffset)
let differenceOffset = markerOffset + 7
let expectedRun = DiffRun(offset: differenceOffset, count: 1)

let benchmarkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let memcmpBinary = NSTemporaryDirectory() + "/mmhex-compare-benchmark-memcmp"
try run("cc", ["-O2", "-o", memcmpBinary, benchmarkFolder.appendingPathComponent("memcmp/memcmp.c").path])

func scanner(concurrently: Bool = true) throws -> DiffScanner {
  DiffScanner(
    DiffSide(SharedSearchSource(try MemMap.open(firstPath))), DiffSide(SharedSearchSource(try MemMap.open(secondPath))),
    concurrently: concurrently)
}
let shared = try scanner()
let singleCore = try scanner(concurrently: false)
// Two full passes load both files into the page cache; they also check the files.
for _ in 0..<2 {
  guard try shared.runs() == [expectedRun] else { throw BenchmarkFailure("expected one run, \(expectedRun)") }
}

/// One tool: compares once and returns the seconds it took.
struct Contender {
  let name: String
  let note: String
  var isReference = false
  let runOnce: () throws -> Double
}

var contenders: [Contender] = [
  Contender(name: "C memcmp loop (2 maps)", note: "first difference; the loop alone, 1 core") {
    let fields = try run(memcmpBinary, [firstPath, secondPath], expecting: 1).split(separator: " ")
    guard fields.count == 2, Int(fields[0]) == differenceOffset,
      let time = Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
    else { throw BenchmarkFailure("memcmp printed \(fields)") }
    return time
  }
]
if let binary = ProcessInfo.processInfo.environment["MMHEX_BINARY"], !binary.isEmpty {
  let expected = "\(expectedRun)\n"
  contenders.append(
    Contender(name: "mmhex cmp (process)", note: "every run; whole process, 2 cores") {
      try timed {
        let output = try run(binary, ["cmp", firstPath, secondPath], expecting: 1)
        guard output == expected else { throw BenchmarkFailure("mmhex cmp printed \(output)") }
      }
    })
} else {
  print("MMHEX_BINARY is not set: skipping the mmhex cmp process")
}
contenders += [
  Contender(name: "DiffScanner.nextRun (in-process)", note: "first run, 2 cores") {
    try timed { guard try shared.nextRun(after: -1) == expectedRun else { throw BenchmarkFailure("nextRun") } }
  },
  Contender(name: "DiffScanner.runs (in-process)", note: "every run, 2 cores") {
    try timed { guard try shared.runs() == [expectedRun] else { throw BenchmarkFailure("runs") } }
  },
  Contender(name: "DiffScanner.count (in-process)", note: "bytes and runs, 2 cores") {
    try timed { guard try shared.count() == DiffCount(bytes: 1, runs: 1) else { throw BenchmarkFailure("count") } }
  },
  Contender(name: "DiffScanner.previousRun (in-process)", note: "backward from the end, 2 cores") {
    try timed {
      guard try shared.previousRun(before: fileSize) == expectedRun else { throw BenchmarkFailure("previousRun") }
    }
  },
  Contender(name: "DiffScanner.nextRun, 1 core", note: "first run, 1 core") {
    try timed { guard try singleCore.nextRun(after: -1) == expectedRun else { throw BenchmarkFailure("1 core") } }
  },
  Contender(
    name: "starting /bin/true (reference)", note: "process start cost inside the whole-process rows",
    isReference: true
  ) {
    try timed { try run("/bin/true", []) }
  },
  Contender(name: "GNU cmp", note: "first difference; whole process (read(2))") {
    try timed { try run("cmp", [firstPath, secondPath], expecting: 1) }
  },
]

// Rounds run every tool once in turn, so a burst of load from elsewhere hits all of them alike.
var bestSeconds = Array(repeating: Double.infinity, count: contenders.count)
for _ in 0..<repetitions {
  for (index, contender) in contenders.enumerated() {
    bestSeconds[index] = min(bestSeconds[index], try contender.runOnce())
  }
}

print(
  "Compare two warm 2 GiB files differing in one byte (at \(differenceOffset)),"
    + " best of \(repetitions) interleaved rounds:")
print(pad("tool", 40) + pad("ms", 10) + pad("GB/s", 9) + pad("x memcmp", 10) + "what is timed")
for (contender, time) in zip(contenders, bestSeconds) {
  let speed = contender.isReference ? "-" : fixed(Double(fileSize) / time / 1e9, 2)
  let ratio = contender.isReference ? "-" : fixed(bestSeconds[0] / time, 2)
  print(
    pad(contender.name, 40) + pad(fixed(time * 1000, 1), 10) + pad(speed, 9) + pad(ratio, 10) + contender.note)
}
