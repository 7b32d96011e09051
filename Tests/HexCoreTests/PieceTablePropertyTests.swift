import PropertyBased
import Testing

@testable import HexCore

/// One step of a random editing session, decoded from a random integer (so shrinking works on
/// plain arrays); offsets and lengths are taken relative to the document's size at that step.
private enum PieceAction: CustomStringConvertible {
  case insert(offset: Int, bytes: [UInt8], joining: Bool)
  case delete(Range<Int>, joining: Bool)
  case overwrite(offset: Int, bytes: [UInt8], joining: Bool)
  case replace(Range<Int>, bytes: [UInt8])
  case fill(Range<Int>, pattern: [UInt8])
  case undo, redo, closeStep

  /// - Parameters:
  ///   - count: The document's size.
  ///   - cursor: Where the last edit ended: typing and Backspace continue from there.
  init(code: Int, count: Int, cursor: Int) {
    var random = SearchRandom(seed: UInt64(code))
    // Few byte values, so searches find matches and edits often repeat the source's bytes.
    func bytes(_ length: Int) -> [UInt8] { random.bytes(length, from: [0x00, 0x41, 0x42, 0xFF]) }
    func range() -> Range<Int> {
      let lower = random.next(in: 0...count)
      let length = random.next(in: 0...max(0, min(count - lower, random.next(in: 0...1) == 0 ? 3 : count)))
      return lower..<(lower + length)
    }
    switch code % 12 {
    case 0, 1:
      self = .insert(offset: random.next(in: 0...count), bytes: bytes(random.next(in: 0...4)), joining: code % 12 == 1)
    case 2:
      self = .delete(range(), joining: false)
    case 3, 4:
      let target = range()
      self = .overwrite(offset: target.lowerBound, bytes: bytes(target.count), joining: code % 12 == 4)
    case 5:
      self = .replace(range(), bytes: bytes(random.next(in: 0...4)))
    case 6:
      // Patterns shorter and longer than the range.
      self = .fill(range(), pattern: bytes(random.next(in: 1...5)))
    case 7: self = .undo
    case 8: self = .redo
    case 9: self = .closeStep
    case 10:
      // Typing on: the next bytes right after the last edit, in the same step.
      self = .insert(offset: min(cursor, count), bytes: bytes(random.next(in: 1...2)), joining: true)
    default:
      // Backspace: the byte before the last edit, in the same step.
      let end = min(cursor, count)
      self = .delete(max(0, end - 1)..<end, joining: true)
    }
  }

  var description: String {
    switch self {
    case .insert(let offset, let bytes, let joining): "insert(\(bytes) at \(offset)\(joining ? ", joining" : ""))"
    case .delete(let range, let joining): "delete(\(range)\(joining ? ", joining" : ""))"
    case .overwrite(let offset, let bytes, let joining): "overwrite(\(bytes) at \(offset)\(joining ? ", joining" : ""))"
    case .replace(let range, let bytes): "replace(\(range) with \(bytes))"
    case .fill(let range, let pattern): "fill(\(range) with \(pattern))"
    case .undo: "undo"
    case .redo: "redo"
    case .closeStep: "closeStep"
    }
  }
}

/// The reference: a plain array, with each byte's origin (its offset in the source, or `nil`
/// for an edited byte) and whole-document snapshots for undo.
private struct ReferenceDocument: Equatable {
  var bytes: [UInt8]
  var origins: [Int?]

  init(source: [UInt8]) {
    bytes = source
    origins = Array(source.indices)
  }

  mutating func replace(_ range: Range<Int>, with new: [UInt8]) {
    bytes.replaceSubrange(range, with: new)
    origins.replaceSubrange(range, with: [Int?](repeating: nil, count: new.count))
  }

  /// Edited bytes as ascending, merged ranges.
  var editedRanges: [Range<Int>] {
    var result: [Range<Int>] = []
    for (offset, origin) in origins.enumerated() where origin == nil {
      if let last = result.last, last.upperBound == offset {
        result[result.count - 1] = last.lowerBound..<(offset + 1)
      } else {
        result.append(offset..<(offset + 1))
      }
    }
    return result
  }
}

private struct ReferenceSession {
  var document: ReferenceDocument
  var undoStack: [ReferenceDocument] = []
  var redoStack: [ReferenceDocument] = []
  var stepIsOpen = false

  mutating func edit(joining: Bool, _ change: (inout ReferenceDocument) -> Void) {
    let before = document
    change(&document)
    if !(joining && stepIsOpen) { undoStack.append(before) }
    redoStack.removeAll()
    stepIsOpen = true
  }

  mutating func undo() {
    guard let previous = undoStack.popLast() else { return }
    redoStack.append(document)
    document = previous
    stepIsOpen = false
  }

  mutating func redo() {
    guard let next = redoStack.popLast() else { return }
    undoStack.append(document)
    document = next
    stepIsOpen = false
  }
}

/// The chunks a scan visited, one slot per chunk, filled without a lock: each chunk is visited
/// by one thread, and the scan has returned before the slots are read.
private final class ChunkRecorder: @unchecked Sendable {
  let range: Range<Int>
  let chunkSize: Int
  private let slots: UnsafeMutableBufferPointer<[UInt8]?>
  private let visits: UnsafeMutableBufferPointer<Int>

  init(range: Range<Int>, chunkSize: Int) {
    self.range = range
    self.chunkSize = chunkSize
    let count = range.isEmpty ? 0 : (range.count - 1) / chunkSize + 1
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
    visits = .allocate(capacity: count)
    visits.initialize(repeating: 0)
  }

  deinit {
    slots.deinitialize().deallocate()
    visits.deinitialize().deallocate()
  }

  var chunks: [[UInt8]?] { Array(slots) }
  var visitCounts: [Int] { Array(visits) }

  func record(_ start: Int, _ bytes: [UInt8]) {
    let index = (start - range.lowerBound) / chunkSize
    slots[index] = bytes
    visits[index] += 1
  }
}

/// Replays `codes` on a piece table and on the reference, checking after every step.
private func replay(source: [UInt8], codes: [Int]) {
  var table = PieceTable(source: ByteArraySearchSource(source))
  var history = PieceTableHistory()
  var reference = ReferenceSession(document: ReferenceDocument(source: source))
  var cursor = 0
  for (step, code) in codes.enumerated() {
    let action = PieceAction(code: code, count: reference.document.bytes.count, cursor: cursor)
    switch action {
    case .insert(let offset, let bytes, let joining):
      history.record(table.insert(bytes, at: offset), joiningLast: joining)
      if !bytes.isEmpty { reference.edit(joining: joining) { $0.replace(offset..<offset, with: bytes) } }
      cursor = offset + bytes.count
    case .delete(let range, let joining):
      history.record(table.delete(range), joiningLast: joining)
      if !range.isEmpty { reference.edit(joining: joining) { $0.replace(range, with: []) } }
      cursor = range.lowerBound
    case .overwrite(let offset, let bytes, let joining):
      history.record(table.overwrite(at: offset, with: bytes), joiningLast: joining)
      let range = offset..<(offset + bytes.count)
      if !bytes.isEmpty { reference.edit(joining: joining) { $0.replace(range, with: bytes) } }
      cursor = range.upperBound
    case .replace(let range, let bytes):
      history.record(table.replace(range, with: bytes))
      if !range.isEmpty || !bytes.isEmpty { reference.edit(joining: false) { $0.replace(range, with: bytes) } }
      cursor = range.lowerBound + bytes.count
    case .fill(let range, let pattern):
      history.record(table.fill(range, with: pattern))
      let filled = range.indices.map { pattern[($0 - range.lowerBound) % pattern.count] }
      if !range.isEmpty { reference.edit(joining: false) { $0.replace(range, with: filled) } }
      cursor = range.upperBound
    case .undo:
      history.undo(in: &table)
      reference.undo()
    case .redo:
      history.redo(in: &table)
      reference.redo()
    case .closeStep:
      history.closeStep()
      reference.stepIsOpen = false
    }
    let context = "step \(step): \(action)"
    #expect(history.canUndo == !reference.undoStack.isEmpty, "\(context)")
    #expect(history.canRedo == !reference.redoStack.isEmpty, "\(context)")
    check(table, against: reference.document, source: source, seed: UInt64(code), context)
  }
}

/// Everything the table answers, against the reference document.
private func check(
  _ table: PieceTable, against expected: ReferenceDocument, source: [UInt8], seed: UInt64, _ context: String
) {
  var random = SearchRandom(seed: seed ^ 0x5EED)
  let bytes = expected.bytes
  let count = bytes.count
  #expect(table.count == count, "\(context)")
  guard table.count == count else { return }
  #expect(table.bytes(in: 0..<count) == bytes, "\(context)")

  // A random range, as bytes, as a window, and byte by byte.
  let lower = random.next(in: 0...count)
  let upper = random.next(in: lower...count)
  #expect(table.bytes(in: lower..<upper) == Array(bytes[lower..<upper]), "\(context)")
  let window = table.window(at: lower, count: upper - lower + 3)
  #expect(window.offset == lower && window.bytes == Array(bytes[lower..<min(count, upper + 3)]), "\(context)")
  #expect(window.readableCount == window.bytes.count, "\(context)")
  if count > 0 {
    let offset = random.next(in: 0...(count - 1))
    #expect(table.byte(at: offset) == bytes[offset], "\(context)")
    #expect(table.isEdited(offset) == (expected.origins[offset] == nil), "\(context)")
  }

  // Lazy chunks of a random size.
  let chunkSize = random.next(in: 1...5)
  var streamed: [UInt8] = []
  var nextOffset = lower
  for chunk in table.chunks(in: lower..<upper, chunkSize: chunkSize) {
    #expect(chunk.offset == nextOffset && chunk.bytes.count <= chunkSize, "\(context)")
    #expect(chunk.readableCount == chunk.bytes.count, "\(context)")
    streamed += chunk.bytes
    nextOffset += chunk.bytes.count
  }
  #expect(streamed == Array(bytes[lower..<upper]), "\(context)")

  // The search source's chunks, overlap included, in order and in parallel.
  let overlap = random.next(in: 0...3)
  let starts = Array(stride(from: lower, to: upper, by: chunkSize))
  for concurrently in [false, true] {
    let seen = ChunkRecorder(range: lower..<upper, chunkSize: chunkSize)
    let visitedAll = try? table.scanChunks(
      in: lower..<upper, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently
    ) { start, span in
      seen.record(start, (0..<span.byteCount).map { span.unsafeLoad(fromByteOffset: $0, as: UInt8.self) })
      return true
    }
    #expect(visitedAll == true, "\(context)")
    #expect(seen.visitCounts == starts.map { _ in 1 }, "\(context): every chunk once")
    for (index, start) in starts.enumerated() {
      #expect(
        seen.chunks[index] == Array(bytes[start..<min(upper, start + chunkSize + overlap)]),
        "\(context) chunk \(start)")
    }
  }

  // Search through the engine, with tiny chunks so matches cross chunk and piece boundaries.
  if count > 0 {
    let start = random.next(in: 0...(count - 1))
    let length = random.next(in: 1...min(4, count - start))
    if let pattern = try? SearchPattern(bytes: Array(bytes[start..<(start + length)])) {
      let search = ByteSearch(
        pattern: pattern, chunkSize: random.next(in: 1...6), concurrently: random.next(in: 0...1) == 1)
      let found = try? search.matches(in: table)
      #expect(found == naiveMatches(of: pattern, in: bytes), "\(context) searching \(pattern.hexDescription)")
    }
  }

  // Highlights, whole and clipped.
  #expect(table.editedRanges(in: 0..<count) == expected.editedRanges, "\(context)")
  let clipped = expected.editedRanges.compactMap { range -> Range<Int>? in
    let clamped = range.clamped(to: lower..<upper)
    return clamped.isEmpty ? nil : clamped
  }
  #expect(table.editedRanges(in: lower..<upper) == clipped, "\(context)")

  let layout = table.saveLayout
  checkSaveLayout(layout, of: expected, source: source, context)
  #expect(table.isInPlace == layout.isInPlace, "\(context)")
  #expect(table.hasChanges == layout.hasChanges, "\(context)")
  #expect(table.hasChanges == (bytes != source || expected.origins.contains(nil)), "\(context)")
  #expect(table.editedByteCount == expected.origins.filter { $0 == nil }.count, "\(context)")
}

/// The layout, applied to the source as a save would, gives the document; what it writes in
/// place is edited; what it leaves alone is the source's own bytes in place; and it is in
/// place exactly when no byte moved.
private func checkSaveLayout(
  _ layout: PieceTable.SaveLayout, of expected: ReferenceDocument, source: [UInt8], _ context: String
) {
  let count = expected.bytes.count
  var saved = source
  for range in layout.inPlaceRanges {
    guard range.upperBound <= (layout.firstMovedOffset ?? count), range.upperBound <= source.count else {
      Issue.record("\(context): \(range) is written in place but lies past the first moved byte or the file's end")
      return
    }
    #expect(expected.origins[range].allSatisfy { $0 == nil }, "\(context): \(range) is written in place")
    saved.replaceSubrange(range, with: expected.bytes[range])
  }
  if let moved = layout.firstMovedOffset {
    saved = Array(saved[0..<min(moved, saved.count)]) + expected.bytes[moved...]
  }
  #expect(saved == expected.bytes, "\(context): the save layout does not rebuild the document")
  let kept = 0..<(layout.firstMovedOffset ?? count)
  for offset in kept where !layout.inPlaceRanges.contains(where: { $0.contains(offset) }) {
    #expect(expected.origins[offset] == offset, "\(context): offset \(offset) is neither kept nor written")
  }
  let nothingMoved = count == source.count && expected.origins.enumerated().allSatisfy { $1 == nil || $1 == $0 }
  #expect(layout.isInPlace == nothingMoved, "\(context)")
  #expect(layout.count == count)
}

@Suite("Piece table: random edits, undos and redos against a plain array")
struct PieceTablePropertyTests {
  @Test func tableMatchesThePlainArray() async {
    await propertyCheck(
      count: 300,
      input: Gen.int(in: 0...3).array(of: 0...40),
      Gen.int(in: 0...1_000_000).array(of: 0...60)
    ) { source, codes in
      replay(source: source.map { [0x00, 0x41, 0x42, 0xFF][$0] }, codes: codes)
    }
  }

  /// Overwrites and fills alone never move a byte, so the save stays in place.
  @Test func overwritesAndFillsKeepTheSaveInPlace() async {
    await propertyCheck(
      count: 100,
      input: Gen.int(in: 1...40),
      Gen.int(in: 0...1_000_000).array(of: 1...30)
    ) { size, codes in
      var table = PieceTable(source: ByteArraySearchSource([UInt8](repeating: 7, count: size)))
      var history = PieceTableHistory()
      for code in codes {
        switch PieceAction(code: code, count: table.count, cursor: 0) {
        case .overwrite(let offset, let bytes, let joining):
          history.record(table.overwrite(at: offset, with: bytes), joiningLast: joining)
        case .fill(let range, let pattern): history.record(table.fill(range, with: pattern))
        case .undo: history.undo(in: &table)
        case .redo: history.redo(in: &table)
        default: continue
        }
        #expect(table.saveLayout.isInPlace && table.isInPlace)
      }
    }
  }
}
