// The edit model of insert and delete (`PieceTable`), next to today's overwrite-only
// `PendingEdits` and a plain array, in one run over the same warm 1 GiB file of random bytes:
//
// - 100,000 single-byte inserts at scattered offsets (per insert, and the memory they take
//   with and without their undo steps), then one more insert as a key press would make it, its
//   undo, and the insert followed by the screen's bytes;
// - the bytes and edit highlights of one 200x60 screen (12,000 bytes) at a random offset;
// - a full search for a pattern near the end of the file;
// - the whole edited document streamed in 1 MiB chunks (what a save of the tail reads);
// - a 1 GiB fill applied (the cost of the operation, nothing written).
//
// The baselines get the same 100,000 edits as overwrites (PendingEdits cannot insert) or, for
// the plain array, as few inserts as it can afford. Prints figures; asserts nothing.
//
//   Scripts/benchmark.sh PieceTableBenchmarks
//
// The file is created once as `mmhex-piece-table-benchmark-1GiB.bin` in the temporary
// directory and reused; delete it to reclaim the space.
import BenchmarkSupport
import Foundation
import HexCore
import MemMap

let fileSize = 1 << 30
let needle = Array("NEEDLE42".utf8)
let needleOffset = fileSize - 4096 - 123
let editCount = 100_000
let screenBytes = 200 * 60

let path = try pseudoRandomTestFile(
  named: "mmhex-piece-table-benchmark-1GiB.bin", size: fileSize, seed: 0x9E37_79B9_7F4A_7C15,
  needle: needle, at: needleOffset)
let source = SharedSearchSource(try MemMap.open(path))
/// The same file for the baselines, read as today's viewer reads it (fault-guarded copies).
let baselineMap = try MemMap.open(path)
let clock = ContinuousClock()

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

/// The median of `runs` timings of `body`, in seconds, after a few warm-up runs.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
  for _ in 0..<3 { try body() }
  var samples: [Double] = []
  for _ in 0..<runs {
    let start = clock.now
    try body()
    samples.append(seconds(clock.now - start))
  }
  samples.sort()
  return samples[samples.count / 2]
}

func microseconds(_ value: Double) -> String { String(format: value * 1e6, digits: 2) + " us" }
func milliseconds(_ value: Double) -> String { String(format: value * 1e3, digits: 1) + " ms" }
func gigabytesPerSecond(_ bytes: Int, _ value: Double) -> String {
  String(format: Double(bytes) / value / 1e9, digits: 2) + " GB/s"
}

extension String {
  /// `value` with `digits` decimals (Foundation-free).
  init(format value: Double, digits: Int) {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    var fraction = String(abs(scaled % Int(scale)))
    while fraction.count < digits { fraction = "0" + fraction }
    self = digits == 0 ? String(whole) : "\(whole).\(fraction)"
  }
}

// Warm the file, so every contender reads it from memory.
_ = try ByteSearch(pattern: try SearchPattern(bytes: needle)).countMatches(in: source)

var random = SplitMix64(seed: 42)
let offsets = (0..<editCount).map { _ in random.offset(below: fileSize) }
let values = (0..<editCount).map { _ in UInt8(truncatingIfNeeded: random.next() | 1) }

// MARK: - 100,000 scattered edits

print("Edit model: \(editCount) scattered one-byte edits over a warm 1 GiB file")
/// The process's anonymous resident memory in bytes (Linux), to see what the edits cost.
func anonymousResidentBytes() -> Int {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") } ?? ""
  return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
}

let memoryBefore = anonymousResidentBytes()
var table = PieceTable(source: source)
var start = clock.now
for (offset, value) in zip(offsets, values) {
  table.insert([value], at: offset % (table.count + 1))
}
let insertSeconds = seconds(clock.now - start)
let memoryForPieces = anonymousResidentBytes() - memoryBefore

var withHistory = PieceTable(source: source)
var history = PieceTableHistory()
for (offset, value) in zip(offsets, values) {
  history.record(withHistory.insert([value], at: offset % (withHistory.count + 1)))
}
let memoryWithHistory = anonymousResidentBytes() - memoryBefore - memoryForPieces

var pending = PendingEdits()
start = clock.now
for (offset, value) in zip(offsets, values) {
  pending.setByte(at: offset, value: value, original: 0)
}
let overwriteSeconds = seconds(clock.now - start)

var array = [UInt8](repeating: 0, count: fileSize)
try baselineMap.read(at: 0, into: &array)
let arrayInserts = 10
start = clock.now
for index in 0..<arrayInserts {
  array.insert(values[index], at: offsets[index])
}
let arrayInsertSeconds = seconds(clock.now - start) / Double(arrayInserts)

let perInsert = microseconds(insertSeconds / Double(editCount))
let perOverwrite = microseconds(overwriteSeconds / Double(editCount))
print("  PieceTable.insert         \(perInsert) per insert (\(table.pieceCount) pieces)")
print("  PendingEdits.setByte      \(perOverwrite) per overwrite (today's model, no inserts)")
let perEditMemory = "\(memoryForPieces / editCount) bytes per insert"
print("  memory                    \(perEditMemory); with every undo step kept \(memoryWithHistory / editCount)")
print("  [UInt8].insert            \(milliseconds(arrayInsertSeconds)) per insert (1 GiB, \(arrayInserts) inserts)")

var keyPress = table
let keyPressSeconds = median(runs: 1001) {
  var copy = keyPress
  let edit = copy.insert([0x41], at: random.offset(below: copy.count))
  sink &+= edit.offset
}
let undoSeconds = median(runs: 1001) {
  var copy = keyPress
  let edit = copy.insert([0x41], at: random.offset(below: copy.count))
  copy.undo(edit)
  sink &+= copy.count
}
// A key press as the viewer will see it: the insert, then the screen's bytes and highlights.
let keyToScreenSeconds = median(runs: 1001) {
  var copy = keyPress
  let cursor = random.offset(below: copy.count - screenBytes)
  copy.insert([0x41], at: cursor)
  let window = copy.window(at: cursor / 200 * 200, count: screenBytes)
  sink &+= window.readableCount + copy.editedRanges(in: window.range).count
}
keyPress = PieceTable(source: source)
print("  one more insert (a key)   median \(microseconds(keyPressSeconds)); insert + undo \(microseconds(undoSeconds))")
print("  insert + the screen's bytes and highlights  median \(microseconds(keyToScreenSeconds))")

// MARK: - One screen

print("One 200x60 screen: \(screenBytes) bytes and their edit highlights at a random offset")
let tableScreen = median(runs: 2001) {
  let top = random.offset(below: table.count - screenBytes)
  let window = table.window(at: top, count: screenBytes)
  sink &+= window.bytes.count + table.editedRanges(in: window.range).count
}
var screen = [UInt8](repeating: 0, count: screenBytes)
let pendingScreen = try median(runs: 2001) {
  let top = random.offset(below: fileSize - screenBytes)
  try baselineMap.read(at: top, into: &screen)
  pending.apply(to: &screen, at: top)
  sink &+= pending.editedRanges(in: top..<(top + screenBytes)).count
}
let arrayScreen = median(runs: 2001) {
  let top = random.offset(below: array.count - screenBytes)
  sink &+= Array(array[top..<(top + screenBytes)]).count
}
print("  PieceTable                median \(microseconds(tableScreen))")
print("  MemMap read + PendingEdits median \(microseconds(pendingScreen)) (today)")
print("  plain array slice         median \(microseconds(arrayScreen))")

// MARK: - Full search

print("Full search for an 8-byte pattern near the end (best of 5, 2 cores)")
let search = ByteSearch(pattern: try SearchPattern(bytes: needle))
var tableMatches = 0
let tableSearch = try (0..<5).map { _ in
  let begin = clock.now
  tableMatches = try search.countMatches(in: table)
  return seconds(clock.now - begin)
}.min()!
let pendingSearch = try (0..<5).map { _ in
  let begin = clock.now
  sink &+= try search.countMatches(in: source, overlay: pending)
  return seconds(clock.now - begin)
}.min()!
let plainSearch = try (0..<5).map { _ in
  let begin = clock.now
  sink &+= try search.countMatches(in: source)
  return seconds(clock.now - begin)
}.min()!
let tableSpeed = gigabytesPerSecond(table.count, tableSearch)
let pendingSpeed = gigabytesPerSecond(fileSize, pendingSearch)
print("  PieceTable (\(table.pieceCount) pieces)   \(milliseconds(tableSearch)), \(tableSpeed), \(tableMatches) match")
print("  map + PendingEdits overlay \(milliseconds(pendingSearch)), \(pendingSpeed) (today)")
print("  map, no edits             \(milliseconds(plainSearch)), \(gigabytesPerSecond(fileSize, plainSearch))")

// MARK: - Streaming the document (what a save reads)

print("The whole edited document in 1 MiB chunks (a save's tail), best of 3")
let streamed = (0..<3).map { _ in
  let begin = clock.now
  for chunk in table.chunks(in: 0..<table.count) { sink &+= Int(chunk.bytes[0]) }
  return seconds(clock.now - begin)
}.min()!
var copyBuffer = [UInt8](repeating: 0, count: 1 << 20)
let copied = try (0..<3).map { _ in
  let begin = clock.now
  for offset in stride(from: 0, to: fileSize, by: 1 << 20) {
    try baselineMap.read(at: offset, into: &copyBuffer)
    sink &+= Int(copyBuffer[0])
  }
  return seconds(clock.now - begin)
}.min()!
print("  PieceTable.chunks         \(milliseconds(streamed)), \(gigabytesPerSecond(table.count, streamed))")
print("  MemMap read, unedited     \(milliseconds(copied)), \(gigabytesPerSecond(fileSize, copied))")

// MARK: - A 1 GiB fill

print("A 1 GiB fill applied (nothing written)")
let fillEdited = median(runs: 101) {
  var copy = table
  sink &+= copy.fill(0..<fileSize, with: [0xDE, 0xAD, 0xBE, 0xEF]).offset
}
let fillFresh = median(runs: 101) {
  var copy = keyPress
  sink &+= copy.fill(0..<fileSize, with: [0xDE, 0xAD, 0xBE, 0xEF]).offset
}
let memset = median(runs: 5) {
  _ = array.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0xDE) }
  sink &+= Int(array[fileSize / 2])
}
let fillOverPieces = "\(microseconds(fillEdited)) over \(table.pieceCount) pieces"
print("  PieceTable.fill           median \(microseconds(fillFresh)) unedited, \(fillOverPieces)")
print("  memset of a 1 GiB array   median \(milliseconds(memset)) (what storing the bytes costs at least)")
print("(sink \(sink & 1))")
