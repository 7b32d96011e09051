/// A document that can change size: the bytes of a read-only ``ByteSource`` (the mapped file)
/// with inserts, deletes, overwrites and fills applied, held as a sequence of pieces.
///
/// Each piece points at a stretch of the source, of an append-only add buffer (the bytes typed
/// or pasted), or of a repeated pattern (a fill), so memory grows with the number of edits and
/// never with the file: inserting one byte at the start of a 1 TiB file adds two pieces, and a
/// 1 GiB fill is one piece until it is saved. The pieces live in a persistent balanced tree (a
/// treap keyed by offset), which finds the piece under any offset in O(log n) and never changes
/// a node: a copy of the table is an O(1) snapshot that a search on another thread can scan while
/// editing goes on. Every edit returns a ``PieceTableEdit`` naming the pieces it removed and
/// inserted, so undo and redo move pieces back, never bytes.
///
/// ```swift
/// var table = PieceTable(source: ByteArraySearchSource(Array("hello world".utf8)))
/// let edit = table.insert(Array(", dear".utf8), at: 5)   // "hello, dear world"
/// table.undo(edit)                                      // "hello world"
/// ```
///
/// Offsets are positions in the current document. Ranges and offsets outside it are programming
/// errors and stop the program, like an array index out of range; the editor checks what the user
/// asked for before calling.
public struct PieceTable: Sendable {
  /// The bytes the table edits; never written.
  public let source: any ByteSource

  /// The current version of the document.
  var tree: PieceTree

  /// Where appended bytes go next; a new block starts when it is full.
  private var addBlock: AddBlock?

  /// The state of the generator of treap priorities (SplitMix64).
  private var priorityState: UInt64 = 0x6D6D_6865_7870_7421

  /// A table holding `source`'s bytes, unedited.
  public init(source: any ByteSource) {
    self.source = source
    tree = PieceTree()
    if source.count > 0 {
      let whole = Piece(length: source.count, content: .original(offset: 0))
      tree.root = PieceNode(nil, whole, nil, priority: nextPriority())
    }
  }

  /// The number of bytes in the document.
  public var count: Int { tree.count }

  /// The number of pieces the document is made of: one when unedited, about two more per
  /// scattered edit.
  public var pieceCount: Int { tree.pieceCount }

  // MARK: - Editing

  /// Inserts `bytes` before the byte at `offset` (`0...count`; `count` appends).
  ///
  /// Bytes inserted or overwritten right after the bytes of the previous edit extend its piece,
  /// so typing a run of bytes adds one piece, not one per byte.
  @discardableResult
  public mutating func insert(_ bytes: [UInt8], at offset: Int) -> PieceTableEdit {
    precondition(0 <= offset && offset <= count, "insert at \(offset): outside the document (0...\(count))")
    return replace(offset..<offset, with: bytes.isEmpty ? nil : append(bytes))
  }

  /// Removes the bytes in `range` (inside `0..<count`); the bytes after it move down.
  @discardableResult
  public mutating func delete(_ range: Range<Int>) -> PieceTableEdit {
    checkInside(range, "delete")
    return replace(range, with: nil)
  }

  /// Writes `bytes` over the bytes starting at `offset`; they must all lie inside the document
  /// (the size never changes).
  @discardableResult
  public mutating func overwrite(at offset: Int, with bytes: [UInt8]) -> PieceTableEdit {
    checkInside(offset..<(offset + bytes.count), "overwrite")
    return replace(offset..<(offset + bytes.count), with: bytes.isEmpty ? nil : append(bytes))
  }

  /// Replaces the bytes in `range` with `bytes`, of any length (a paste over a selection).
  @discardableResult
  public mutating func replace(_ range: Range<Int>, with bytes: [UInt8]) -> PieceTableEdit {
    checkInside(range, "replace")
    return replace(range, with: bytes.isEmpty ? nil : append(bytes))
  }

  /// Fills `range` with `pattern` repeated from its first byte (a pattern longer than the range
  /// is cut short). Costs the same for any length: the fill is one piece.
  @discardableResult
  public mutating func fill(_ range: Range<Int>, with pattern: [UInt8]) -> PieceTableEdit {
    precondition(!pattern.isEmpty, "fill: the pattern is empty")
    checkInside(range, "fill")
    return replace(
      range, with: range.isEmpty ? nil : Piece(length: range.count, content: .fill(pattern: pattern, phase: 0)))
  }

  /// Takes back `edit`, which must be the last edit applied (undo goes in reverse order).
  public mutating func undo(_ edit: PieceTableEdit) {
    for change in edit.changes.reversed() {
      let inserted = change.offset..<(change.offset + change.inserted.count)
      checkInside(inserted, "undo (undo the last edit first)")
      tree = tree.replacing(inserted, with: change.removed)
    }
  }

  /// Applies `edit` again after it was undone; the document must be as the edit found it.
  public mutating func redo(_ edit: PieceTableEdit) {
    for change in edit.changes {
      let removed = change.offset..<(change.offset + change.removed.count)
      checkInside(removed, "redo (redo the last undone edit first)")
      tree = tree.replacing(removed, with: change.inserted)
    }
  }

  // MARK: - Reading

  /// The byte at `offset` (inside `0..<count`); `0` if the source no longer holds it.
  public func byte(at offset: Int) -> UInt8 {
    checkInside(offset..<(offset + 1), "byte(at:)")
    var value: UInt8 = 0
    withUnsafeMutableBytes(of: &value) { _ = read(offset..<(offset + 1), into: $0) }
    return value
  }

  /// The bytes in `range` (inside `0..<count`). Bytes the source no longer holds (another
  /// process truncated the file) read as zero; ``window(at:count:)`` tells them apart.
  public func bytes(in range: Range<Int>) -> [UInt8] {
    checkInside(range, "bytes(in:)")
    // An empty array is the shared empty storage, which the initializer would write to.
    guard !range.isEmpty else { return [] }
    return [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
      _ = readPadded(range, into: UnsafeMutableRawBufferPointer(buffer))
      initialized = range.count
    }
  }

  /// Up to `count` bytes from `offset`, clipped to the end of the document, with how many of
  /// them are readable: what a screen of rows draws.
  public func window(at offset: Int, count: Int) -> ByteWindow {
    let start = min(max(0, offset), self.count)
    let range = start..<(start + min(self.count - start, max(0, count)))
    // As in bytes(in:): never initialize the shared empty storage.
    guard !range.isEmpty else { return ByteWindow(offset: start, bytes: [], readableCount: 0) }
    var readable = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
      readable = readPadded(range, into: UnsafeMutableRawBufferPointer(buffer))
      initialized = range.count
    }
    return ByteWindow(offset: start, bytes: bytes, readableCount: readable)
  }

  /// Copies the bytes in `range` into `destination` (`range.count` bytes long).
  ///
  /// - Parameter fromViews: See ``Piece/read(_:from:into:fromViews:)``.
  /// - Returns: How many leading bytes were copied: all of them unless the source shrank.
  func read(_ range: Range<Int>, into destination: UnsafeMutableRawBufferPointer, fromViews: Bool = false) -> Int {
    var copied = 0
    tree.forEachPiece(overlapping: range) { start, piece in
      let lower = max(range.lowerBound, start)
      let upper = min(range.upperBound, start + piece.length)
      let target = UnsafeMutableRawBufferPointer(
        rebasing: destination[(lower - range.lowerBound)..<(upper - range.lowerBound)])
      let read = piece.read((lower - start)..<(upper - start), from: source, into: target, fromViews: fromViews)
      copied += read
      return read == upper - lower
    }
    return copied
  }

  /// ``read(_:into:)``, with the bytes that could not be read set to zero.
  func readPadded(_ range: Range<Int>, into destination: UnsafeMutableRawBufferPointer) -> Int {
    let readable = read(range, into: destination)
    if readable < range.count {
      UnsafeMutableRawBufferPointer(rebasing: destination[readable...]).initializeMemory(as: UInt8.self, repeating: 0)
    }
    return readable
  }

  // MARK: - Implementation

  /// Makes `piece` (or nothing) the content of `range`: the one operation every edit is.
  private mutating func replace(_ range: Range<Int>, with piece: Piece?) -> PieceTableEdit {
    guard piece != nil || !range.isEmpty else { return PieceTableEdit(changes: []) }
    let (head, rest) = tree.split(at: range.lowerBound)
    let (removed, tail) = rest.split(at: range.count)
    var inserted = PieceTree()
    var left = head
    if let piece {
      inserted = PieceTree(root: PieceNode(nil, piece, nil, priority: nextPriority()))
      if let last = head.lastPiece, let grown = last.extended(by: piece) {
        left = head.split(at: head.count - last.length).before
          .joined(with: PieceTree(root: PieceNode(nil, grown, nil, priority: nextPriority())))
      } else {
        left = head.joined(with: inserted)
      }
    }
    tree = left.joined(with: tail)
    return PieceTableEdit(changes: [.init(offset: range.lowerBound, removed: removed, inserted: inserted)])
  }

  /// Copies `bytes` (not empty) to the add buffer and returns the piece that shows them.
  private mutating func append(_ bytes: [UInt8]) -> Piece {
    bytes.withUnsafeBytes { raw in
      if let block = addBlock, let start = block.append(raw) {
        return Piece(length: raw.count, content: .added(block, offset: start))
      }
      let block = AddBlock(minimumCapacity: raw.count)
      addBlock = block
      return Piece(length: raw.count, content: .added(block, offset: block.append(raw)!))
    }
  }

  private mutating func nextPriority() -> UInt64 {
    priorityState &+= 0x9E37_79B9_7F4A_7C15
    return PieceTree.scrambled(priorityState)
  }

  private func checkInside(_ range: Range<Int>, _ operation: String) {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= count,
      "\(operation): range \(range) is outside the document (0..<\(count))")
  }
}

extension Piece {
  /// `self` followed by `next` as one piece, when `next` is the add buffer's very next bytes
  /// (typing or pasting just after the previous edit); otherwise `nil`.
  fileprivate func extended(by next: Piece) -> Piece? {
    guard case .added(let block, let offset) = content, case .added(let nextBlock, let nextOffset) = next.content,
      block === nextBlock, offset + length == nextOffset
    else { return nil }
    return Piece(length: length + next.length, content: content)
  }
}
