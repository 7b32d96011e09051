import MemMap

/// The roll-forward journal of a piece-table save: every stretch of the file the save writes,
/// copied out (or, for a fill, described) before the file is touched.
///
/// It lives where every save journal of the file does (``SaveJournal/path(for:)``) and is told
/// apart by its format version (3). Binary layout (all integers little-endian):
///
/// | bytes  | field                                                                 |
/// |--------|-----------------------------------------------------------------------|
/// | 0..<8  | magic `MMHEXJNL`                                                      |
/// | 8..<12 | format version (3)                                                    |
/// | 12..<16| header length (64)                                                    |
/// | 16..<24| size of the file before the save                                      |
/// | 24..<32| size of the file after the save                                       |
/// | 32..<40| number of records                                                     |
/// | 40..<44| reserved, zero                                                        |
/// | 44..<48| CRC-32 of bytes 0..<44                                                |
/// | 48..<56| state: `pending ` until the whole journal was synced, then `complete`  |
/// | 56..<64| reserved, zero                                                        |
///
/// The body holds the records in file order. Each starts with 32 bytes: its kind (4 bytes:
/// 1 = bytes, 2 = fill), the length of its pattern (4 bytes, 0 for bytes), the file offset
/// (8), the length in the file (8) and the fill's phase (8, 0 for bytes). A bytes record goes on
/// with its new bytes; a fill record with its pattern, which fills its range repeated from
/// `pattern[phase]`: a fill of a gigabyte is a few dozen bytes here.
///
/// The sequence is: write the journal, sync it (and its directory), mark it complete and sync
/// the mark: the commit point. Only then is the file written (its size when it grows, the
/// records, its size when it shrinks) and synced, and the journal removed. Writing the file
/// reads only the journal, never the file itself, so a complete journal can be applied again
/// after a crash, and again (idempotent); one not marked complete belongs to a save that never
/// touched the file, and is discarded. The body needs no checksum: its bytes were synced before
/// the mark was written.
///
/// Recovery also reads the version 2 journals of the build before fills were journaled
/// (``decodeVersion2(_:header:)``): a save killed after their commit point left a half-written
/// file that only they can finish.
struct TailJournal: Hashable, Sendable {
  /// One stretch of the file the save writes.
  struct Record: Hashable, Sendable {
    /// What the stretch holds.
    enum Content: Hashable, Sendable {
      /// Bytes stored in the journal after the record's fields.
      case bytes
      /// `pattern` repeated from `pattern[phase]`.
      case fill(pattern: [UInt8], phase: Int)
    }

    /// Where the stretch starts in the file after the save.
    var offset: Int
    /// How many bytes of the file it covers.
    var length: Int
    /// What it holds.
    var content: Content

    static let fieldsLength = 32

    /// The bytes the record takes in the journal: its fields and its bytes or pattern.
    var encodedLength: Int {
      switch content {
      case .bytes: Self.fieldsLength + length
      case .fill(let pattern, _): Self.fieldsLength + pattern.count
      }
    }

    /// The fields, followed by the pattern for a fill (a bytes record's bytes follow them).
    func encodedFields() -> [UInt8] {
      var fields: [UInt8] = []
      switch content {
      case .bytes:
        fields.appendLittleEndian(UInt32(1))
        fields.appendLittleEndian(UInt32(0))
      case .fill(let pattern, _):
        fields.appendLittleEndian(UInt32(2))
        fields.appendLittleEndian(UInt32(pattern.count))
      }
      fields.appendLittleEndian(UInt64(offset))
      fields.appendLittleEndian(UInt64(length))
      if case .fill(let pattern, let phase) = content {
        fields.appendLittleEndian(UInt64(phase))
        fields += pattern
      } else {
        fields.appendLittleEndian(UInt64(0))
      }
      return fields
    }
  }

  /// The size of the file before the save.
  var oldSize: Int
  /// The size of the file after the save.
  var newSize: Int
  /// The stretches the save writes, ascending and apart.
  var records: [Record]

  static let version: UInt32 = 3
  static let headerLength = SaveJournal.headerLength

  /// The bytes of the body: every record with its bytes or pattern.
  var bodyLength: Int { records.reduce(0) { $0 + $1.encodedLength } }

  /// The number of bytes the save writes into the file.
  var writtenByteCount: Int { records.reduce(0) { $0 + $1.length } }

  /// The header, marked pending.
  func encodedHeader() -> [UInt8] {
    var header = SaveJournal.magic
    header.appendLittleEndian(Self.version)
    header.appendLittleEndian(UInt32(Self.headerLength))
    header.appendLittleEndian(UInt64(oldSize))
    header.appendLittleEndian(UInt64(newSize))
    header.appendLittleEndian(UInt64(records.count))
    header.appendLittleEndian(UInt32(0))
    header.appendLittleEndian(CRC32.checksum(header))
    header += SaveJournal.pendingMarker
    header += [UInt8](repeating: 0, count: Self.headerLength - header.count)
    return header
  }

  /// The tail journal format versions recovery reads: this one, and version 2 of the build
  /// before it (``decodeVersion2(_:header:)``).
  static let readableVersions: ClosedRange<UInt32> = 2...version

  /// Whether the journal file mapped as `map` is a tail journal of a version in
  /// ``readableVersions``, judged by its magic and version alone.
  static func isTailJournal(_ map: borrowing MemMap) -> Bool {
    guard map.count >= 12, let start = try? map.read(at: 0, count: 12) else { return false }
    return Array(start[0..<8]) == SaveJournal.magic && readableVersions.contains(start.littleEndian(UInt32.self, at: 8))
  }

  /// A journal read back from its file.
  struct Decoded {
    /// The records.
    var journal: TailJournal
    /// Where each record's bytes (or pattern) start in the journal file.
    var payloadOffsets: [Int]
    /// Whether the journal was marked complete: its save reached the commit point.
    var isComplete: Bool
  }

  /// Decodes the journal mapped as `map`, of either readable version, checking its header's
  /// checksum, that every record lies inside the new file, and that the body is exactly as
  /// long as they say.
  static func decode(_ map: borrowing MemMap) throws(JournalFormatError) -> Decoded {
    guard map.count >= headerLength, let header = try? map.read(at: 0, count: headerLength) else {
      throw .tooShort(byteCount: map.count)
    }
    guard CRC32.checksum(header[0..<44]) == header.littleEndian(UInt32.self, at: 44) else {
      throw .headerChecksumMismatch
    }
    let (journal, payloadOffsets) =
      header.littleEndian(UInt32.self, at: 8) == 2
      ? try decodeVersion2(map, header: header) : try decodeVersion3(map, header: header)
    let marker = try? map.read(at: SaveJournal.stateOffset, count: 8)
    return Decoded(journal: journal, payloadOffsets: payloadOffsets, isComplete: marker == SaveJournal.completeMarker)
  }

  /// Where each record's bytes or pattern start in a journal of this format (version 3).
  var payloadOffsets: [Int] {
    var position = Self.headerLength
    return records.map { record in
      defer { position += record.encodedLength }
      return position + Record.fieldsLength
    }
  }

  /// The records of the version 3 journal mapped as `map`, whose `header` was checked.
  private static func decodeVersion3(_ map: borrowing MemMap, header: [UInt8]) throws(JournalFormatError)
    -> (TailJournal, payloadOffsets: [Int])
  {
    let oldSize = header.littleEndian(UInt64.self, at: 16)
    let newSize = header.littleEndian(UInt64.self, at: 24)
    let recordCount = header.littleEndian(UInt64.self, at: 32)
    guard oldSize <= UInt64(Int.max), newSize <= UInt64(Int.max), recordCount <= UInt64(map.count) else {
      throw .malformedHeader
    }
    var records: [Record] = []
    var position = headerLength
    for index in 0..<Int(recordCount) {
      guard let record = decodeRecord(map, at: position, newSize: Int(newSize)) else {
        throw .malformedRegion(index: index)
      }
      records.append(record)
      position += record.encodedLength
    }
    let journal = TailJournal(oldSize: Int(oldSize), newSize: Int(newSize), records: records)
    guard map.count == headerLength + journal.bodyLength else {
      throw .bodyLengthMismatch(expected: UInt64(journal.bodyLength), found: map.count - headerLength)
    }
    return (journal, journal.payloadOffsets)
  }

  /// The record at `position` of `map`, or `nil` when it does not fit in the journal or the file.
  private static func decodeRecord(_ map: borrowing MemMap, at position: Int, newSize: Int) -> Record? {
    guard position + Record.fieldsLength <= map.count,
      let fields = try? map.read(at: position, count: Record.fieldsLength)
    else { return nil }
    let kind = fields.littleEndian(UInt32.self, at: 0)
    let patternLength = Int(fields.littleEndian(UInt32.self, at: 4))
    let offset = fields.littleEndian(UInt64.self, at: 8)
    let length = fields.littleEndian(UInt64.self, at: 16)
    let phase = fields.littleEndian(UInt64.self, at: 24)
    guard offset <= UInt64(newSize), length <= UInt64(newSize) - offset else { return nil }
    let payload = position + Record.fieldsLength
    switch kind {
    case 1:
      guard patternLength == 0, phase == 0, Int(length) <= map.count - payload else { return nil }
      return Record(offset: Int(offset), length: Int(length), content: .bytes)
    case 2:
      guard patternLength > 0, phase < UInt64(patternLength), patternLength <= map.count - payload,
        let pattern = try? map.read(at: payload, count: patternLength)
      else { return nil }
      return Record(offset: Int(offset), length: Int(length), content: .fill(pattern: pattern, phase: Int(phase)))
    default:
      return nil
    }
  }

  /// The most bytes written between two progress reports.
  static let chunkSize = 8 << 20

  /// Writes what the journal mapped as `journalMap` holds into the file `file`: its size first
  /// when it grows, the records (bytes straight from the journal's mapping, fills by repeating
  /// their pattern), its size when it shrinks, then syncs it. Idempotent: a second run writes
  /// the same bytes.
  ///
  /// - Parameter progress: Called with the number of bytes written so far.
  func apply(from journalMap: borrowing MemMap, to file: borrowing FileWriter, progress: (Int) -> Void = { _ in })
    throws(MemMapError)
  {
    try apply(from: journalMap, payloadOffsets: payloadOffsets, to: file, progress: progress)
  }

  /// ``apply(from:to:progress:)`` for a journal whose records' bytes lie at `payloadOffsets`
  /// of `journalMap` (a journal of an older format, ``Decoded/payloadOffsets``).
  func apply(
    from journalMap: borrowing MemMap, payloadOffsets: [Int], to file: borrowing FileWriter,
    progress: (Int) -> Void = { _ in }
  ) throws(MemMapError) {
    if newSize > (try file.size()) { try file.resize(to: newSize) }
    var done = 0
    var pacer = WritebackPacer()
    for (record, payload) in zip(records, payloadOffsets) {
      switch record.content {
      case .bytes:
        var copied = 0
        while copied < record.length {
          let length = min(Self.chunkSize, record.length - copied)
          try file.write(from: journalMap, (payload + copied)..<(payload + copied + length), at: record.offset + copied)
          try pacer.wrote((record.offset + copied)..<(record.offset + copied + length), of: file)
          copied += length
          done += length
          progress(done)
        }
      case .fill(let pattern, let phase):
        let run = PatternRun(pattern: pattern, phase: phase, length: record.length)
        try run.write(to: file, at: record.offset) { (written: Range<Int>) throws(MemMapError) in
          try pacer.wrote(written, of: file)
          progress(done + written.upperBound - record.offset)
        }
        done += record.length
      }
    }
    if newSize < (try file.size()) { try file.resize(to: newSize) }
    try file.synchronize()
  }
}

extension [UInt8] {
  /// The little-endian integer at `offset` (journal decoding; the bytes are there).
  func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
    var value: T = 0
    for index in 0..<MemoryLayout<T>.size {
      value |= T(self[offset + index]) << (8 * index)
    }
    return value
  }
}
