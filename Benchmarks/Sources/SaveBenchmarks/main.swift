// Save benchmarks: the cost of a crash-safe in-place save must follow the edits, not the file.
//
// - one-byte edit saved into a 4 GiB sparse file vs into a 1 MiB file (target: within 2x)
// - 10,000 scattered one-byte edits saved into the 4 GiB file (one flush call for all pages,
//   and one call per group of pages less than 1 MiB apart)
// - the overlay: applying it to a screen-sized window, and building it from bulk edits
//
// Each save is the full sequence: file locked, status check, journal written and fsynced, edits
// written through a read-write mapping, touched ranges flushed (msync + fsync), journal marked
// complete and removed, file unlocked. Figures: median and fastest wall time, the pages the Saver
// reports, and the bytes the kernel counted as written to storage by this process
// (/proc/self/io write_bytes, journal included).
import HexCore
import BenchmarkSupport
import MemMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Helpers

func format(_ value: Double, _ digits: Int = 2) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = String(rounded)
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
  }
  return text
}

func line(_ label: String, _ value: String) {
  print(label + String(repeating: " ", count: max(1, 64 - label.count)) + value)
}

/// Bytes this process caused to be sent to storage so far (Linux), or nil where unknown.
func storageBytesWritten() -> Int? {
  guard let file = fopen("/proc/self/io", "r") else { return nil }
  defer { fclose(file) }
  var buffer = [CChar](repeating: 0, count: 256)
  while fgets(&buffer, Int32(buffer.count), file) != nil {
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix("write_bytes:") {
      return Int(text.dropFirst("write_bytes:".count).trimmingPrefixSpaces().prefix { $0.isNumber })
    }
  }
  return nil
}

extension Substring {
  func trimmingPrefixSpaces() -> Substring { drop { $0 == " " } }
}

/// Creates a file of `size` bytes: sparse (a hole) or filled with a pattern. With `evict`, the
/// written pages are synced and dropped from the page cache, so later accesses load them as
/// ordinary 4 KiB pages instead of the large folios a fresh `write` may leave behind.
func makeFile(_ path: String, size: Int, sparse: Bool, evict: Bool = false) {
  let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o644)
  guard descriptor >= 0 else { fail("cannot create \(path)") }
  defer { close(descriptor) }
  if sparse {
    guard ftruncate(descriptor, off_t(size)) == 0 else { fail("cannot size \(path)") }
    return
  }
  let block = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 31) }
  var written = 0
  while written < size {
    let count = min(block.count, size - written)
    let result = block.withUnsafeBytes { write(descriptor, $0.baseAddress, count) }
    guard result == count else { fail("cannot fill \(path)") }
    written += count
  }
  if evict {
    fsync(descriptor)
    _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
  }
}

/// A deterministic xorshift generator.
struct XorShift: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
}

struct SaveFigures {
  var median: Double
  var fastest: Double
  var pageCount: Int
  var flushCount: Int
  var reportedBytes: Int
  var storageBytes: Int?
  var journalBytes: Int
}

/// Saves edits at `offsets` into `path` `repetitions` times, alternating the written value so
/// every save changes every byte.
func measureSaves(path: String, offsets: [Int], repetitions: Int, saver: Saver = Saver()) -> SaveFigures {
  guard var status = try? MemMap.status(ofFile: path) else { fail("cannot stat \(path)") }
  var times: [Double] = []
  var last: SaveReport?
  var storage: [Int] = []
  for repetition in 0..<repetitions {
    var edits = PendingEdits()
    let value = UInt8(repetition % 2 == 0 ? 0xA5 : 0x5A)
    for offset in offsets {
      edits.setByte(at: offset, value: value, original: ~value)
    }
    let before = storageBytesWritten()
    let start = now()
    let outcome: SaveOutcome
    do {
      outcome = try saver.save(edits, to: path, expecting: status)
    } catch {
      fail("save failed: \(error)")
    }
    let elapsed = now() - start
    guard case .saved(let report) = outcome else { fail("unexpected outcome \(outcome)") }
    if let before, let after = storageBytesWritten() { storage.append(after - before) }
    status = report.status
    times.append(elapsed)
    last = report
  }
  guard let last else { fail("no repetitions") }
  times.sort()
  storage.sort()
  return SaveFigures(
    median: times[times.count / 2], fastest: times[0], pageCount: last.pageCount, flushCount: last.flushCount,
    reportedBytes: last.bytesWritten, storageBytes: storage.isEmpty ? nil : storage[storage.count / 2],
    journalBytes: last.journalByteCount)
}

func describe(_ label: String, _ figures: SaveFigures) {
  line("\(label): median save", "\(format(figures.median * 1000, 3)) ms (fastest \(format(figures.fastest * 1000, 3)) ms)")
  line("\(label): pages written / flush calls", "\(figures.pageCount) pages = \(figures.reportedBytes) bytes / \(figures.flushCount)")
  line("\(label): journal size", "\(figures.journalBytes) bytes")
  if let storage = figures.storageBytes {
    line("\(label): storage bytes written (kernel, median, incl. journal)", "\(storage)")
  }
}

// MARK: Run

let directory = "/tmp/mmhex-save-bench-\(getpid())"
mkdir(directory, 0o755)
let hugePath = directory + "/huge.bin"
let smallPath = directory + "/small.bin"
let freshPath = directory + "/fresh.bin"
defer {
  unlink(hugePath)
  unlink(smallPath)
  unlink(freshPath)
  rmdir(directory)
}
let gib4 = 4 << 30
makeFile(hugePath, size: gib4, sparse: true)
makeFile(smallPath, size: 1 << 20, sparse: false, evict: true)
makeFile(freshPath, size: 1 << 20, sparse: false)
let repetitions = 21

print("Save benchmarks (\(repetitions) saves each; every save journals, writes, flushes and removes the journal)")
// Warm-up: allocate the edited page of the sparse file so every measured save writes a real page.
_ = measureSaves(path: hugePath, offsets: [gib4 / 2 + 12_345], repetitions: 2)
_ = measureSaves(path: smallPath, offsets: [500_000], repetitions: 2)

let huge = measureSaves(path: hugePath, offsets: [gib4 / 2 + 12_345], repetitions: repetitions)
let small = measureSaves(path: smallPath, offsets: [500_000], repetitions: repetitions)
describe("1 byte in 4 GiB", huge)
describe("1 byte in 1 MiB", small)
line("ratio 4 GiB / 1 MiB (median; target <= 2)", format(huge.median / small.median))
// A file just written with write() may sit in the page cache as large folios; the kernel then
// writes back the whole folio around the one dirtied page (the Saver still writes one page).
_ = measureSaves(path: freshPath, offsets: [500_000], repetitions: 1)
let fresh = measureSaves(path: freshPath, offsets: [500_000], repetitions: repetitions)
describe("1 byte in 1 MiB just written by write()", fresh)

var generator = XorShift(state: 0x9E37_79B9_7F4A_7C15)
var scattered = Set<Int>()
while scattered.count < 10_000 {
  scattered.insert(Int.random(in: 0..<gib4, using: &generator))
}
let scatteredOffsets = scattered.sorted()
_ = measureSaves(path: hugePath, offsets: scatteredOffsets, repetitions: 1)
let many = measureSaves(path: hugePath, offsets: scatteredOffsets, repetitions: 5)
describe("10,000 scattered bytes in 4 GiB", many)
line("10,000 scattered: per edited byte", "\(format(many.median / 10_000 * 1e6, 2)) µs")
// The default flushes all touched pages with one msync + fsync; compare with one flush call
// per group of pages closer than 1 MiB.
let grouped = measureSaves(path: hugePath, offsets: scatteredOffsets, repetitions: 5, saver: Saver(flushGap: 1 << 20))
describe("10,000 scattered, flush groups <= 1 MiB apart", grouped)

// MARK: The overlay itself (every frame applies it; bulk edits build it)

/// Seconds per call of `body`, averaged over `count` calls.
func perCall(_ count: Int, _ body: (Int) -> Void) -> Double {
  let start = now()
  for index in 0..<count { body(index) }
  return (now() - start) / Double(count)
}

var overlay = PendingEdits()
for offset in scatteredOffsets { overlay.setByte(at: offset, value: 0xA5, original: 0) }
var window = [UInt8](repeating: 0, count: 200 * 60)
var windowStarts: [Int] = []
for _ in 0..<1_000 {
  windowStarts.append(max(0, scatteredOffsets[Int.random(in: 0..<scatteredOffsets.count, using: &generator)] - 6_000))
}
let applyTime = perCall(200_000) { index in
  overlay.apply(to: &window, at: windowStarts[index % windowStarts.count])
}
line("overlay apply to a 12,000-byte window (10,000 edits)", "\(Int((applyTime * 1e9).rounded())) ns per frame")

var ascending = PendingEdits()
let ascendingTime = perCall(1) { _ in
  for index in 0..<1_000_000 { ascending.setByte(at: index * 4099, value: 1, original: 0) }
}
line("1,000,000 scattered edits in ascending order (replace-all)", "\(format(ascendingTime * 1000, 1)) ms")

var typed = PendingEdits()
let runTime = perCall(1) { _ in
  for index in 0..<1_000_000 { typed.setByte(at: 1_000 + index, value: 1, original: 0) }
}
line("1,000,000 consecutive edits (one run)", "\(format(runTime * 1000, 1)) ms, \(typed.runs.count) run")

var random = PendingEdits()
let randomTime = perCall(1) { _ in
  for _ in 0..<20_000 { random.setByte(at: Int.random(in: 0..<gib4, using: &generator), value: 1, original: 0) }
}
line("20,000 edits at random offsets", "\(format(randomTime * 1000, 1)) ms")
