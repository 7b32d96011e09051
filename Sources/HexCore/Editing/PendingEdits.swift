/// Byte edits held over an underlying byte source (a mapped file or a scratch buffer) until
/// they are saved.
///
/// Memory grows with the number of edited bytes, not with the size of the source: the edits are
/// a sorted array of non-overlapping, non-adjacent ``EditRun``s, found by binary search.
///
/// Only bytes whose value differs from the source are kept. Setting a byte back to its original
/// value removes the edit, so ``changedByteCount`` is exactly the number of bytes that differ
/// from the file and ``hasChanges`` is `false` once every change has been typed or undone away.
/// (If another process rewrites the file underneath, the count is relative to the bytes the
/// edits were made against.)
public struct PendingEdits: Hashable, Sendable {
  /// The edited bytes as sorted, non-overlapping, non-adjacent runs.
  public private(set) var runs: [EditRun] = []

  /// The number of bytes whose pending value differs from the underlying source.
  public private(set) var changedByteCount = 0

  /// Creates an empty set of edits.
  public init() {}

  /// Whether any byte differs from the underlying source.
  public var hasChanges: Bool { !runs.isEmpty }

  /// The offset just past the last edited byte, or `nil` without edits.
  public var endOffset: Int? { runs.last?.endOffset }

  /// The edited value of the byte at `offset`, or `nil` if it is not edited.
  public func byte(at offset: Int) -> UInt8? {
    let index = firstRunIndex(endingAfter: offset)
    guard index < runs.count, runs[index].offset <= offset else { return nil }
    return runs[index].bytes[offset - runs[index].offset]
  }

  /// Whether the byte at `offset` has a pending edit.
  public func isEdited(_ offset: Int) -> Bool { byte(at: offset) != nil }

  /// The edited ranges that intersect `range`, clipped to it, in ascending order.
  public func editedRanges(in range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var index = firstRunIndex(endingAfter: range.lowerBound)
    while index < runs.count, runs[index].offset < range.upperBound {
      let run = runs[index]
      result.append(max(run.offset, range.lowerBound)..<min(run.endOffset, range.upperBound))
      index += 1
    }
    return result
  }

  /// The runs that intersect `range`, clipped to it, in ascending order.
  public func runs(in range: Range<Int>) -> [EditRun] {
    var result: [EditRun] = []
    var index = firstRunIndex(endingAfter: range.lowerBound)
    while index < runs.count, runs[index].offset < range.upperBound {
      let run = runs[index]
      let lower = max(run.offset, range.lowerBound)
      let upper = min(run.endOffset, range.upperBound)
      result.append(EditRun(offset: lower, bytes: Array(run.bytes[(lower - run.offset)..<(upper - run.offset)])))
      index += 1
    }
    return result
  }

  /// Overwrites the bytes of `window`, which holds the source's bytes starting at `offset`,
  /// with the pending edits that fall inside it.
  ///
  /// Cost is a binary search plus the number of edited bytes in the window.
  public func apply(to window: inout [UInt8], at offset: Int) {
    guard !window.isEmpty, !runs.isEmpty else { return }
    let end = offset + window.count
    var index = firstRunIndex(endingAfter: offset)
    window.withUnsafeMutableBufferPointer { target in
      while index < runs.count, runs[index].offset < end {
        let run = runs[index]
        let lower = max(run.offset, offset)
        let upper = min(run.endOffset, end)
        run.bytes.withUnsafeBufferPointer { source in
          for position in lower..<upper {
            target[position - offset] = source[position - run.offset]
          }
        }
        index += 1
      }
    }
  }

  /// Sets the byte at `offset` to `value`; `original` is its value in the underlying source.
  ///
  /// - Returns: The change as the user sees it (from the previously shown value to `value`).
  @discardableResult
  public mutating func setByte(at offset: Int, value: UInt8, original: UInt8) -> ByteChange {
    let before = byte(at: offset) ?? original
    assign(value, at: offset, original: original)
    return ByteChange(offset: offset, before: before, after: value)
  }

  /// Overwrites the high (`high == true`) or low nibble of the byte at `offset` with `value`
  /// (`0...15`), keeping the other nibble as currently shown; `original` is the byte's value in
  /// the underlying source.
  ///
  /// - Returns: The change of the whole byte as the user sees it.
  @discardableResult
  public mutating func setNibble(at offset: Int, high: Bool, value: UInt8, original: UInt8) -> ByteChange {
    precondition(value < 16, "a nibble is 0...15, got \(value)")
    let current = byte(at: offset) ?? original
    let updated = high ? (value << 4) | (current & 0x0F) : (current & 0xF0) | value
    return setByte(at: offset, value: updated, original: original)
  }

  /// Sets the bytes from `offset` on to `values`; `originals` holds the source's bytes there
  /// (as many as `values`). Only the bytes that differ are kept, as with ``setByte(at:value:original:)``.
  ///
  /// Writing past every existing edit (as `mmhex patch` does, reading a dump in ascending order)
  /// costs constant time per byte; elsewhere each byte is set on its own.
  public mutating func setBytes(_ values: ArraySlice<UInt8>, at offset: Int, originals: ArraySlice<UInt8>) {
    precondition(values.count == originals.count, "one original per value")
    precondition(offset >= 0, "byte offsets are never negative, got \(offset)")
    guard offset >= endOffset ?? 0 else {
      for (index, (value, original)) in zip(values, originals).enumerated() {
        assign(value, at: offset + index, original: original)
      }
      return
    }
    var position = offset
    for (value, original) in zip(values, originals) {
      defer { position += 1 }
      guard value != original else { continue }
      changedByteCount += 1
      if let last = runs.last, last.endOffset == position {
        runs[runs.count - 1].bytes.append(value)
      } else {
        runs.append(EditRun(offset: position, bytes: [value]))
      }
    }
  }

  /// Sets the byte at `offset` to `value`. With `original == nil` (the byte lies past the end of
  /// the source, e.g. after the file was truncated) the edit is always kept.
  mutating func assign(_ value: UInt8, at offset: Int, original: UInt8?) {
    precondition(offset >= 0, "byte offsets are never negative, got \(offset)")
    if value == original {
      removeEdit(at: offset)
    } else {
      storeEdit(value, at: offset)
    }
  }

  /// Forgets every edit: the source now holds what the edits said (after a save) or the user
  /// discarded them.
  public mutating func removeAll() {
    runs.removeAll()
    changedByteCount = 0
  }

  // MARK: - Storage

  /// The index of the first run whose end lies after `offset` (`runs.count` if none).
  private func firstRunIndex(endingAfter offset: Int) -> Int {
    var low = 0
    var high = runs.count
    while low < high {
      let middle = (low + high) / 2
      if runs[middle].endOffset <= offset {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low
  }

  private mutating func storeEdit(_ value: UInt8, at offset: Int) {
    let index = firstRunIndex(endingAfter: offset)
    if index < runs.count, runs[index].offset <= offset {
      runs[index].bytes[offset - runs[index].offset] = value
      return
    }
    changedByteCount += 1
    let joinsNext = index < runs.count && runs[index].offset == offset + 1
    if index > 0, runs[index - 1].endOffset == offset {
      runs[index - 1].bytes.append(value)
      if joinsNext {
        let next = runs.remove(at: index)
        runs[index - 1].bytes.append(contentsOf: next.bytes)
      }
    } else if joinsNext {
      runs[index].bytes.insert(value, at: 0)
      runs[index].offset = offset
    } else {
      runs.insert(EditRun(offset: offset, bytes: [value]), at: index)
    }
  }

  private mutating func removeEdit(at offset: Int) {
    let index = firstRunIndex(endingAfter: offset)
    guard index < runs.count, runs[index].offset <= offset else { return }
    changedByteCount -= 1
    let run = runs[index]
    if run.bytes.count == 1 {
      runs.remove(at: index)
    } else if offset == run.offset {
      runs[index].bytes.removeFirst()
      runs[index].offset += 1
    } else if offset == run.endOffset - 1 {
      runs[index].bytes.removeLast()
    } else {
      let split = offset - run.offset
      let tail = EditRun(offset: offset + 1, bytes: Array(run.bytes[(split + 1)...]))
      runs[index].bytes.removeSubrange(split...)
      runs.insert(tail, at: index + 1)
    }
  }
}
