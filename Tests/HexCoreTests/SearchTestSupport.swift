import Foundation
import MemMap

@testable import HexCore

/// Reproducible pseudo-random numbers (SplitMix64) for the search tests.
struct SearchRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`.
  mutating func next(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// `count` bytes drawn from `alphabet`.
  mutating func bytes(_ count: Int, from alphabet: [UInt8]) -> [UInt8] {
    (0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
  }

  /// `count` bytes of any value.
  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
  }
}

/// The reference: every start where `pattern` matches `data`, tried one position at a time.
func naiveMatches(of pattern: SearchPattern, in data: [UInt8], startingIn starts: Range<Int>? = nil) -> [Int] {
  let starts = starts ?? 0..<data.count
  guard pattern.count <= data.count else { return [] }
  return starts.filter { start in
    start + pattern.count <= data.count && pattern.matches(data[start..<(start + pattern.count)])
  }
}

/// An anonymous map holding `bytes` (at least one byte long).
func anonymousMap(holding bytes: [UInt8]) throws -> MemMap {
  var map = try MemMap.anonymous(size: bytes.count)
  try map.write(bytes, at: 0)
  return map
}

/// A temporary directory for search tests, removed when released.
final class SearchTestDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "mmhex-search-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Creates a sparse file `name` of `size` bytes, zero except for `bytes` written at `offset`.
  func sparseFile(_ name: String, size: Int, bytes: [UInt8] = [], at offset: Int = 0) throws -> String {
    let file = path + "/" + name
    FileManager.default.createFile(atPath: file, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    defer { try? handle.close() }
    try handle.truncate(atOffset: UInt64(size))
    if !bytes.isEmpty {
      try handle.seek(toOffset: UInt64(offset))
      try handle.write(contentsOf: Data(bytes))
    }
    return file
  }
}

/// A source that wraps bytes in memory and calls `onChunk` before each chunk (to cancel a search
/// part-way), counting the chunks it visited.
final class InstrumentedSource: SearchSource, @unchecked Sendable {
  let bytes: ByteArraySearchSource
  let onChunk: @Sendable (Int) -> Void
  private(set) var visitedChunks = 0

  init(_ bytes: [UInt8], onChunk: @escaping @Sendable (Int) -> Void) {
    self.bytes = ByteArraySearchSource(bytes)
    self.onChunk = onChunk
  }

  var count: Int { bytes.count }

  func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (Int, RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    try bytes.scanChunks(in: range, chunkSize: chunkSize, overlap: overlap, concurrently: false) { start, chunk in
      self.visitedChunks += 1
      self.onChunk(self.visitedChunks)
      return body(start, chunk)
    }
  }
}
