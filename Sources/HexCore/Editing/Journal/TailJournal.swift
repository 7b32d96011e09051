import MemMap

/// The roll-forward journal of a save that moves bytes (after an insert or delete): the new
/// content from the first moved byte to the new end, and the edited ranges before it, copied out
/// before the file is touched.
///
/// It lives where every save journal of the file does (``SaveJournal/path(for:)``) and is told
/// apart by its format version (2). Binary layout (all integers little-endian):
///
/// | bytes  | field                                                                 |
/// |--------|-----------------------------------------------------------------------|
/// | 0..<8  | magic `MMHEXJNL`                                                      |
/// | 8..<12 | format version (2)                                                    |
/// | 12..<16| header length (64)                                                    |
/// | 16..<24| size of the file before the save                                      |
/// | 24..<32| size of the file after the save                                       |
/// | 32..<40| tail offset: where the rewritten tail starts                          |
/// | 40..<44| number of in-place regions                                            |
/// | 44..<48| CRC-32 of bytes 0..<44                                                |
/// | 48..<56| state: `pending ` until the whole journal was synced, then `complete`  |
/// | 56..<64| reserved, zero                                                        |
///
/// The body holds each region as offset (8 bytes), length (8 bytes) and its new bytes, then the
/// tail's new bytes. The sequence is: write the journal, sync it (and its directory), mark it
/// complete and sync the mark: the commit point. Only then is the file written (regions, tail,
/// size) and synced, and the journal removed. So a journal that is not marked complete belongs
/// to a save that never touched the file, and is discarded; a complete one is applied again,
/// which is idempotent. The body needs no checksum: its bytes were synced before the mark was
/// written.
struct TailJournal: Hashable, Sendable {
  /// One edited range before the tail, written in place.
  struct Region: Hashable, Sendable {
    var offset: Int
    var length: Int
  }

  /// The size of the file before the save.
  var oldSize: Int
  /// The size of the file after the save.
  var newSize: Int
  /// Where the rewritten tail starts (`newSize` when the file was only cut short).
  var tailOffset: Int
  /// The regions written in place, ascending, all before ``tailOffset``.
  var regions: [Region]

  static let version: UInt32 = 2
  static let headerLength = SaveJournal.headerLength

  /// The bytes of the body: regions and tail.
  var bodyLength: Int { regions.reduce(0) { $0 + 16 + $1.length } + (newSize - tailOffset) }

  /// The number of bytes the save writes into the file.
  var writtenByteCount: Int { regions.reduce(0) { $0 + $1.length } + (newSize - tailOffset) }

  /// The header, marked pending.
  func encodedHeader() -> [UInt8] {
    var header = SaveJournal.magic
    header.appendLittleEndian(Self.version)
    header.appendLittleEndian(UInt32(Self.headerLength))
    header.appendLittleEndian(UInt64(oldSize))
    header.appendLittleEndian(UInt64(newSize))
    header.appendLittleEndian(UInt64(tailOffset))
    header.appendLittleEndian(UInt32(regions.count))
    header.appendLittleEndian(CRC32.checksum(header))
    header += SaveJournal.pendingMarker
    header += [UInt8](repeating: 0, count: Self.headerLength - header.count)
    return header
  }

  /// Whether the journal file mapped as `map` is a tail journal (format version 2), judged by
  /// its magic and version alone.
  static func isTailJournal(_ map: borrowing MemMap) -> Bool {
    guard map.count >= 12, let start = try? map.read(at: 0, count: 12) else { return false }
    return Array(start[0..<8]) == SaveJournal.magic && start[8..<12].elementsEqual([2, 0, 0, 0])
  }

  /// Decodes the header and region table of the journal mapped as `map`, checking the header's
  /// checksum and that the body is exactly as long as they say.
  ///
  /// - Returns: The journal, and whether it was marked complete.
  static func decode(_ map: borrowing MemMap) throws(JournalFormatError) -> (TailJournal, isComplete: Bool) {
    guard map.count >= headerLength, let header = try? map.read(at: 0, count: headerLength) else {
      throw .tooShort(byteCount: map.count)
    }
    guard CRC32.checksum(header[0..<44]) == header.littleEndian(UInt32.self, at: 44) else {
      throw .headerChecksumMismatch
    }
    let oldSize = header.littleEndian(UInt64.self, at: 16)
    let newSize = header.littleEndian(UInt64.self, at: 24)
    let tailOffset = header.littleEndian(UInt64.self, at: 32)
    let regionCount = Int(header.littleEndian(UInt32.self, at: 40))
    guard oldSize <= UInt64(Int.max), newSize <= UInt64(Int.max), tailOffset <= newSize else { throw .malformedHeader }
    var regions: [Region] = []
    var position = headerLength
    for index in 0..<regionCount {
      guard position + 16 <= map.count, let fields = try? map.read(at: position, count: 16) else {
        throw .malformedRegion(index: index)
      }
      let offset = fields.littleEndian(UInt64.self, at: 0)
      let length = fields.littleEndian(UInt64.self, at: 8)
      guard offset + length <= tailOffset, Int(length) <= map.count - position - 16 else {
        throw .malformedRegion(index: index)
      }
      regions.append(Region(offset: Int(offset), length: Int(length)))
      position += 16 + Int(length)
    }
    let journal = TailJournal(oldSize: Int(oldSize), newSize: Int(newSize), tailOffset: Int(tailOffset), regions: regions)
    guard map.count == headerLength + journal.bodyLength else {
      throw .bodyLengthMismatch(expected: UInt64(journal.bodyLength), found: map.count - headerLength)
    }
    let marker = try? map.read(at: SaveJournal.stateOffset, count: 8)
    return (journal, marker == SaveJournal.completeMarker)
  }

  /// Writes what the journal mapped as `journalMap` holds into the file mapped as `file` (opened
  /// `.readWrite`): its size first when it grows, the regions, the tail, its size when it
  /// shrinks, then syncs it. Idempotent: a second run writes the same bytes.
  ///
  /// - Parameter progress: Called with the number of tail bytes copied so far.
  func apply(from journalMap: borrowing MemMap, to file: inout MemMap, progress: (Int) -> Void = { _ in })
    throws(MemMapError)
  {
    if newSize > file.count { try file.resize(to: newSize) }
    var position = Self.headerLength
    for region in regions {
      position += 16
      try copy(journalMap, position..<(position + region.length), to: &file, at: region.offset)
      position += region.length
    }
    let chunk = 8 << 20
    var copied = 0
    while tailOffset + copied < newSize {
      let length = min(chunk, newSize - tailOffset - copied)
      try copy(journalMap, (position + copied)..<(position + copied + length), to: &file, at: tailOffset + copied)
      copied += length
      progress(copied)
    }
    if newSize < file.count { try file.resize(to: newSize) }
    try file.flush()
  }

  private func copy(_ source: borrowing MemMap, _ range: Range<Int>, to file: inout MemMap, at offset: Int)
    throws(MemMapError)
  {
    guard !range.isEmpty else { return }
    let bytes = try source.read(at: range.lowerBound, count: range.count)
    try file.write(bytes, at: offset)
  }
}

extension [UInt8] {
  fileprivate func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
    var value: T = 0
    for index in 0..<MemoryLayout<T>.size {
      value |= T(self[offset + index]) << (8 * index)
    }
    return value
  }
}
