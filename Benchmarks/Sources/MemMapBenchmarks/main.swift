// MemMap benchmarks: each figure is compared with a baseline measured in the same run.
//
// - open + first read + close for 1 KiB, 1 GiB and 1 TiB sparse files (should be flat)
// - sequential scan of a warm 1 GiB file: withBytes vs a raw pointer loop over mmap (target <= 1.1)
// - random read(at:count: 4096) vs pread of the same blocks (target <= 1.0)
// - random load(as: UInt64.self, at:) vs raw unaligned loads across the warm 1 GiB file (cold:
//   mostly cache misses) and inside a hot 64 KiB region (cache hits), and the same for
//   store(_:at:) vs raw unaligned stores (target <= 1.5 for all four). This package is a client of
//   MemMap (a separate package), so the figures include cross-package inlining.
import BenchmarkSupport
import MemMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Helpers

/// Runs `body` `repetitions` times and returns the fastest run's seconds.
@MainActor func best(of repetitions: Int, _ body: () -> Void) -> Double {
  var fastest = Double.infinity
  for _ in 0..<repetitions {
    let start = now()
    body()
    fastest = min(fastest, now() - start)
  }
  return fastest
}

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
  print(label + String(repeating: " ", count: max(1, 58 - label.count)) + value)
}

/// A deterministic xorshift generator, so both sides of a comparison see the same offsets.
struct XorShift: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
}

var blackHole: UInt64 = 0
@MainActor @inline(never) func consume(_ value: UInt64) { blackHole &+= value }

// MARK: Files

var template = Array("/tmp/memmap-bench-XXXXXX".utf8CString)
guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { fail("mkdtemp") }
let directory = String(cString: made)
defer { rmdir(directory) }

@MainActor func sparseFile(_ name: String, size: Int) -> String {
  let path = "\(directory)/\(name)"
  let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
  guard descriptor >= 0, ftruncate(descriptor, off_t(size)) == 0 else { fail("create \(path)") }
  var byte: UInt8 = 0x5A
  _ = pwrite(descriptor, &byte, 1, 0)
  close(descriptor)
  return path
}

/// A fully written 1 GiB file (so it sits in the page cache, not as holes).
@MainActor func denseFile(_ name: String, size: Int) -> String {
  let path = "\(directory)/\(name)"
  let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
  guard descriptor >= 0 else { fail("create \(path)") }
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  var generator = XorShift(state: 0x9E37_79B9_7F4A_7C15)
  var written = 0
  while written < size {
    for index in stride(from: 0, to: chunk.count, by: 8) {
      let value = generator.next()
      withUnsafeBytes(of: value) { bytes in for offset in 0..<8 { chunk[index + offset] = bytes[offset] } }
    }
    let count = chunk.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(written)) }
    guard count == chunk.count else { fail("write \(path)") }
    written += count
  }
  close(descriptor)
  return path
}

let kibibyte = 1 << 10
let gibibyte = 1 << 30
let tebibyte = 1 << 40

print("MemMap benchmarks (release build; best of several runs; same process for every baseline)")
print("")

// MARK: 1. open + first read + close

print("1. open + first read + close (sparse files; best of 5 x 2000 cycles)")
print("   baseline: open + mmap + first byte load + munmap + close with raw system calls")
var openTimes: [Double] = []
var rawOpenTimes: [Double] = []
for (name, size) in [("1 KiB", kibibyte), ("1 GiB", gibibyte), ("1 TiB", tebibyte)] {
  let path = sparseFile("sparse-\(size)", size: size)
  let cycles = 2000
  var memMapSeconds = Double.infinity
  var rawSeconds = Double.infinity
  // Interleaved rounds, so that load from other processes affects both sides alike.
  for _ in 0..<5 {
    memMapSeconds = min(memMapSeconds, best(of: 1) {
      for _ in 0..<cycles {
        do {
          let map = try MemMap.open(path)
          let first = try map.read(at: 0, count: 1)
          consume(UInt64(first[0]))
          try map.close()
        } catch {
          fail("\(error)")
        }
      }
    })
    rawSeconds = min(rawSeconds, best(of: 1) {
      for _ in 0..<cycles {
        let descriptor = open(path, O_RDONLY)
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0),
          address != UnsafeMutableRawPointer(bitPattern: -1)
        else { fail("mmap") }
        consume(UInt64(address.load(as: UInt8.self)))
        munmap(address, size)
        close(descriptor)
      }
    })
  }
  let memMapMicroseconds = memMapSeconds / Double(cycles) * 1e6
  let rawMicroseconds = rawSeconds / Double(cycles) * 1e6
  openTimes.append(memMapMicroseconds)
  rawOpenTimes.append(rawMicroseconds)
  line("   \(name) file: MemMap / raw system calls",
    "\(format(memMapMicroseconds)) us / \(format(rawMicroseconds)) us (ratio \(format(memMapMicroseconds / rawMicroseconds)))")
  unlink(path)
}
line("   growth 1 KiB -> 1 TiB, MemMap (flat = about 1)", format((openTimes.last ?? 0) / (openTimes.first ?? 1)))
line("   growth 1 KiB -> 1 TiB, raw system calls (kernel)", format((rawOpenTimes.last ?? 0) / (rawOpenTimes.first ?? 1)))
print("")

// MARK: Shared 1 GiB dense file

let densePath = denseFile("dense-1g", size: gibibyte)
defer { unlink(densePath) }
let rawDescriptor = open(densePath, O_RDONLY)
guard rawDescriptor >= 0 else { fail("open \(densePath)") }
guard let rawAddress = mmap(nil, gibibyte, PROT_READ, MAP_SHARED, rawDescriptor, 0),
  rawAddress != UnsafeMutableRawPointer(bitPattern: -1)
else { fail("mmap") }
let raw = UnsafeRawPointer(rawAddress)
let map: MemMap
do { map = try MemMap.open(densePath) } catch { fail("\(error)") }

// MARK: 2. Sequential scan

print("2. sequential scan of a warm 1 GiB file (sum of UInt64 words)")
@MainActor func scanRaw() -> UInt64 {
  // The same loop shape as the RawSpan loop below: word index up to a run-time count.
  var sum: UInt64 = 0
  for index in 0..<(map.count / 8) {
    sum &+= raw.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)
  }
  return sum
}
@MainActor func scanMemMap() -> UInt64 {
  do {
    return try map.withBytes { bytes in
      var sum: UInt64 = 0
      for index in 0..<(bytes.byteCount / 8) {
        sum &+= bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: index &* 8, as: UInt64.self)
      }
      return sum
    }
  } catch {
    fail("\(error)")
  }
}
@MainActor func scanTypedSpan() -> UInt64 {
  do {
    return try map.withSpan(of: UInt64.self) { words in
      var sum: UInt64 = 0
      for index in words.indices { sum &+= words[index] }
      return sum
    }
  } catch {
    fail("\(error)")
  }
}
consume(scanRaw())  // warm both mappings' page tables
consume(scanMemMap())
consume(scanTypedSpan())
// Interleaved rounds, so that load from other processes affects both sides alike.
var rawScan = Double.infinity
var memMapScan = Double.infinity
var typedScan = Double.infinity
for _ in 0..<5 {
  rawScan = min(rawScan, best(of: 1) { consume(scanRaw()) })
  memMapScan = min(memMapScan, best(of: 1) { consume(scanMemMap()) })
  typedScan = min(typedScan, best(of: 1) { consume(scanTypedSpan()) })
}
line("   raw pointer loop over mmap", "\(format(Double(gibibyte) / rawScan / 1e9)) GB/s")
line("   MemMap.withBytes (RawSpan unaligned loads)", "\(format(Double(gibibyte) / memMapScan / 1e9)) GB/s")
line("   MemMap.withSpan(of: UInt64.self) (Span<UInt64>)", "\(format(Double(gibibyte) / typedScan / 1e9)) GB/s")
line("   ratio withBytes / raw (target <= 1.1)", format(memMapScan / rawScan))
line("   ratio withSpan / raw", format(typedScan / rawScan))
print("")

// MARK: 3. Random 4 KiB reads

print("3. random 4 KiB reads from the warm 1 GiB file (200,000 reads)")
var generator = XorShift(state: 42)
let blockOffsets = (0..<200_000).map { _ in Int(generator.next() % UInt64(gibibyte / 4096)) * 4096 }
var preadBuffer = [UInt8](repeating: 0, count: 4096)
@MainActor func preadAll() {
  preadBuffer.withUnsafeMutableBytes { buffer in
    for offset in blockOffsets {
      guard pread(rawDescriptor, buffer.baseAddress, 4096, off_t(offset)) == 4096 else { fail("pread") }
      consume(UInt64(buffer[0]))
    }
  }
}
@MainActor func readAll() {
  do {
    for offset in blockOffsets {
      let bytes = try map.read(at: offset, count: 4096)
      consume(UInt64(bytes[0]))
    }
  } catch {
    fail("\(error)")
  }
}
var readBuffer = [UInt8](repeating: 0, count: 4096)
@MainActor func readIntoAll() {
  do {
    for offset in blockOffsets {
      try map.read(at: offset, into: &readBuffer)
      consume(UInt64(readBuffer[0]))
    }
  } catch {
    fail("\(error)")
  }
}
preadAll()
readAll()
var preadTime = Double.infinity
var readTime = Double.infinity
var readIntoTime = Double.infinity
for _ in 0..<3 {
  preadTime = min(preadTime, best(of: 1) { preadAll() })
  readTime = min(readTime, best(of: 1) { readAll() })
  readIntoTime = min(readIntoTime, best(of: 1) { readIntoAll() })
}
line("   pread into a reused buffer", "\(format(preadTime / 200_000 * 1e9, 0)) ns per read")
line("   MemMap.read(at:count: 4096) -> [UInt8]", "\(format(readTime / 200_000 * 1e9, 0)) ns per read")
line("   MemMap.read(at:into:) reused buffer", "\(format(readIntoTime / 200_000 * 1e9, 0)) ns per read")
line("   ratio read(at:count:) / pread (target <= 1.0)", format(readTime / preadTime))
line("   ratio read(at:into:) / pread", format(readIntoTime / preadTime))
print("")

// MARK: 4. Random UInt64 loads

print("4. random unaligned UInt64 loads from the warm 1 GiB file (5,000,000 loads)")
let loadOffsets = (0..<5_000_000).map { _ in Int(generator.next() % UInt64(gibibyte - 8)) }
@MainActor func rawLoads() -> UInt64 {
  var sum: UInt64 = 0
  for offset in loadOffsets { sum &+= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
  return sum
}
@MainActor func memMapLoads() -> UInt64 {
  var sum: UInt64 = 0
  do {
    for offset in loadOffsets { sum &+= try map.load(as: UInt64.self, at: offset) }
  } catch {
    fail("\(error)")
  }
  return sum
}
consume(rawLoads())
consume(memMapLoads())
var rawLoadTime = Double.infinity
var memMapLoadTime = Double.infinity
for _ in 0..<4 {
  rawLoadTime = min(rawLoadTime, best(of: 1) { consume(rawLoads()) })
  memMapLoadTime = min(memMapLoadTime, best(of: 1) { consume(memMapLoads()) })
}
line("   raw unaligned loads", "\(format(rawLoadTime / 5_000_000 * 1e9, 1)) ns per load")
line("   MemMap.load(as: UInt64.self, at:)", "\(format(memMapLoadTime / 5_000_000 * 1e9, 1)) ns per load")
line("   ratio load / raw (target <= 1.5)", format(memMapLoadTime / rawLoadTime))
print("")

// MARK: 5. Hot loads, and stores

/// Times `guarded` against `raw` (5,000,000 accesses each, interleaved rounds) and prints both and
/// their ratio.
@MainActor func compare(_ title: String, _ guardedLabel: String, raw: () -> UInt64, guarded: () -> UInt64) {
  consume(raw())
  consume(guarded())
  var rawTime = Double.infinity
  var guardedTime = Double.infinity
  for _ in 0..<4 {
    rawTime = min(rawTime, best(of: 1) { consume(raw()) })
    guardedTime = min(guardedTime, best(of: 1) { consume(guarded()) })
  }
  line("   \(title): raw", "\(format(rawTime / 5_000_000 * 1e9, 2)) ns per access")
  line("   \(title): \(guardedLabel)", "\(format(guardedTime / 5_000_000 * 1e9, 2)) ns per access")
  line("   \(title): ratio (target <= 1.5)", format(guardedTime / rawTime))
}

print("5. hot loads (random offsets inside one 64 KiB region of the warm file), and stores")
let hotStart = 512 << 20
let hotOffsets = (0..<5_000_000).map { _ in hotStart + Int(generator.next() % UInt64(64 * kibibyte - 8)) }
compare("hot UInt64 loads", "MemMap.load(as: UInt64.self, at:)", raw: {
  var sum: UInt64 = 0
  for offset in hotOffsets { sum &+= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
  return sum
}, guarded: {
  var sum: UInt64 = 0
  do {
    for offset in hotOffsets { sum &+= try map.load(as: UInt64.self, at: offset) }
  } catch {
    fail("\(error)")
  }
  return sum
})

let writablePath = denseFile("dense-1g-writable", size: gibibyte)
defer { unlink(writablePath) }
let writableDescriptor = open(writablePath, O_RDWR)
guard let writableAddress = mmap(nil, gibibyte, PROT_READ | PROT_WRITE, MAP_SHARED, writableDescriptor, 0),
  writableAddress != UnsafeMutableRawPointer(bitPattern: -1)
else { fail("mmap") }
var writableMap: MemMap
do { writableMap = try MemMap.open(writablePath, mode: .readWrite) } catch { fail("\(error)") }
/// The store loop, on a map passed in (a global `var` would be checked for exclusive access on every store).
func storeAll(_ offsets: [Int], into map: inout MemMap) {
  do {
    for offset in offsets { try map.store(UInt64(truncatingIfNeeded: offset), at: offset) }
  } catch {
    print("benchmark failed: \(error)")
    exit(1)
  }
}
for (title, offsets) in [("hot UInt64 stores", hotOffsets), ("cold UInt64 stores (whole 1 GiB)", loadOffsets)] {
  compare(title, "MemMap.store(_:at:)", raw: {
    for offset in offsets { writableAddress.storeBytes(of: UInt64(truncatingIfNeeded: offset), toByteOffset: offset, as: UInt64.self) }
    return 0
  }, guarded: {
    storeAll(offsets, into: &writableMap)
    return 0
  })
}
munmap(writableAddress, gibibyte)
close(writableDescriptor)
do { try writableMap.close() } catch { fail("\(error)") }

munmap(rawAddress, gibibyte)
close(rawDescriptor)
do { try map.close() } catch { fail("\(error)") }
