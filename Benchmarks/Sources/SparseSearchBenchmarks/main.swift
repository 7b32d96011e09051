// Searching a sparse file for a pattern it does not hold: a 64 GiB file with 4 MiB of data in four
// islands (one at the start, two inside, one at the end), the rest holes. Side by side in one run:
// the search engine skipping holes (`ByteSearch`, `MemMap.firstRange`, the `mmhex find` process
// from MMHEX_BINARY), and reading every page as before: `ByteSearch(skippingHoles: false)` on
// 2 cores, and glibc `memmem` over an mmap of the same file (Benchmarks/memmem/memmem.c,
// compiled with `cc -O2`).
//
// The file is created in the temporary directory as `mmhex-sparse-search-benchmark-64GiB.bin`
// (4 MiB on disk), and removed at the end.
import BenchmarkSupport
import Foundation
import HexCore
import MemMap

let fileSize = 64 << 30
let islandSize = 1 << 20
let islands = [0, 20 << 30, 41 << 30 + 12_345, fileSize - islandSize]
let needle = "NEEDLE42"
let repetitions = 5

let path = NSTemporaryDirectory() + "/mmhex-sparse-search-benchmark-64GiB.bin"
_ = FileManager.default.createFile(atPath: path, contents: nil)
defer { try? FileManager.default.removeItem(atPath: path) }
do {
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  try handle.truncate(atOffset: UInt64(fileSize))
  var random = SplitMix64(seed: 0x5EED_5A5E)
  for offset in islands {
    // Bytes from "ABCDEFGH" can form every prefix of the needle but never the needle itself.
    let bytes = (0..<islandSize).map { _ in UInt8(0x41 + random.next() % 8) }
    try handle.seek(toOffset: UInt64(offset))
    try handle.write(contentsOf: Data(bytes))
  }
  try handle.close()
}

let benchmarkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let memmemBinary = NSTemporaryDirectory() + "/mmhex-sparse-search-benchmark-memmem"
try run("cc", ["-O2", "-o", memmemBinary, benchmarkFolder.appendingPathComponent("memmem/memmem.c").path])

let map = try MemMap.open(path)
var dataBytes = 0
map.forEachDataRange(in: 0..<map.count) {
  dataBytes += $0.count
  return true
}
let pattern = try SearchPattern(text: needle)
let skipping = ByteSearch(pattern: pattern)
let reading = ByteSearch(pattern: pattern, skippingHoles: false)

struct Row {
  let name: String
  let note: String
  let seconds: Double
}

/// The best of `times` runs of `body`, which must find nothing.
func best(_ times: Int, _ body: () throws -> Int?) throws -> Double {
  var bestSeconds = Double.infinity
  for _ in 0..<times {
    var found: Int?
    let seconds = try timed { found = try body() }
    guard found == nil else { throw BenchmarkFailure("found \(found!) in a file without the pattern") }
    bestSeconds = min(bestSeconds, seconds)
  }
  return bestSeconds
}

var rows: [Row] = []
rows.append(
  Row(name: "ByteSearch.firstMatch", note: "holes skipped, 2 cores", seconds: try best(repetitions) {
    try skipping.firstMatch(in: map)
  }))
rows.append(
  Row(name: "ByteSearch.lastMatch (backward)", note: "holes skipped, 2 cores", seconds: try best(repetitions) {
    try skipping.lastMatch(in: map)
  }))
rows.append(
  Row(name: "MemMap.firstRange(of:)", note: "holes skipped, 2 cores", seconds: try best(repetitions) {
    try map.firstRange(of: Array(needle.utf8))?.lowerBound
  }))
if let binary = ProcessInfo.processInfo.environment["MMHEX_BINARY"], !binary.isEmpty {
  rows.append(
    Row(name: "mmhex find (process)", note: "holes skipped; whole process", seconds: try best(repetitions) {
      let output = try run(binary, ["find", "--text", needle, path], expecting: 1)
      return output.isEmpty ? nil : 0
    }))
} else {
  print("MMHEX_BINARY is not set: skipping the mmhex find process")
}
rows.append(
  Row(name: "ByteSearch, skippingHoles: false", note: "every page read, 2 cores (before)", seconds: try best(1) {
    try reading.firstMatch(in: map)
  }))
let memmemFields = try run(memmemBinary, [path, needle], expecting: 1).split(separator: " ")
guard memmemFields.count == 2, memmemFields[0] == "-1",
  let memmemSeconds = Double(memmemFields[1].trimmingCharacters(in: .whitespacesAndNewlines))
else { throw BenchmarkFailure("memmem printed \(memmemFields)") }
rows.append(Row(name: "C memmem (glibc, mmap)", note: "every page read, 1 core; the memmem call", seconds: memmemSeconds))

print("Search for \"\(needle)\" (absent) in a \(fileSize >> 30) GiB sparse file with \(dataBytes >> 20) MiB of data:")
print(pad("search", 36) + pad("ms", 12) + pad("x before", 10) + "what is timed")
let before = rows.first { $0.name.hasPrefix("ByteSearch, skippingHoles") }!.seconds
for row in rows {
  print(pad(row.name, 36) + pad(fixed(row.seconds * 1000, 2), 12) + pad(fixed(before / row.seconds, 0), 10) + row.note)
}
