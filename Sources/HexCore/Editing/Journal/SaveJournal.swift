/// The record a save writes before it touches the file: for every region it is about to
/// overwrite, the original bytes and the replacement bytes.
///
/// With it, a save interrupted at any point can be rolled back to the pre-save contents, or
/// forward to the saved contents once the journal says the write completed.
///
/// Binary layout (all integers little-endian):
///
/// | bytes  | field                                                             |
/// |--------|-------------------------------------------------------------------|
/// | 0..<8  | magic `MMHEXJNL`                                                  |
/// | 8..<12 | format version (1)                                                |
/// | 12..<16| header length (64)                                                |
/// | 16..<24| size of the edited file when the save started                      |
/// | 24..<32| number of regions                                                 |
/// | 32..<40| body length in bytes                                              |
/// | 40..<44| CRC-32 of the body                                                |
/// | 44..<48| CRC-32 of bytes 0..<44                                            |
/// | 48..<56| state: `pending ` until the file was written and flushed, then `complete` |
/// | 56..<64| reserved, zero                                                    |
///
/// The body holds each region as offset (8 bytes), length (8 bytes), the original bytes and
/// the replacement bytes. The state lies outside both checksums so that marking the journal
/// complete rewrites 8 bytes and nothing else.
public struct SaveJournal: Hashable, Sendable {
  /// Whether the save finished writing the file.
  public enum State: Hashable, Sendable {
    /// The file may hold any mix of original and replacement bytes: roll back.
    case pending
    /// Every replacement byte reached the file and was flushed: roll forward (a no-op unless
    /// the file was changed since).
    case complete
  }

  /// The size of the edited file when the save started.
  public var fileSize: Int
  /// Whether the save finished writing the file.
  public var state: State
  /// The regions the save overwrites, in ascending offset order.
  public var regions: [JournalRegion]

  /// Creates a journal.
  public init(fileSize: Int, state: State = .pending, regions: [JournalRegion]) {
    self.fileSize = fileSize
    self.state = state
    self.regions = regions
  }

  /// The journal's path for the file at `filePath`: a hidden file in the directory of the file
  /// itself (links resolved), `.NAME.HASH.mmhex-journal`, where NAME is the file's name cut to
  /// 40 bytes and HASH the 64-bit FNV-1a hash of the whole name in 16 hex digits: every name
  /// of the file finds it, and it fits however long the file's name is.
  public static func path(for filePath: String) -> String {
    CompanionFile.journal.path(for: filePath)
  }

  /// Where versions before the journal was keyed by the file put it: `.NAME.mmhex-journal` next
  /// to the name the file was saved by. Recovery still looks there, next to both the given and
  /// the resolved name, so a save interrupted under the old scheme is still recovered.
  public static func legacyPaths(for filePath: String) -> [String] {
    let resolved = CompanionFile.resolved(filePath)
    let names = resolved == filePath ? [filePath] : [filePath, resolved]
    return names.map { name in
      let (directory, file) = CompanionFile.split(name)
      return "\(directory).\(file).mmhex-journal"
    }
  }

  /// The total number of bytes the save overwrites.
  public var byteCount: Int { regions.reduce(0) { $0 + $1.original.count } }

  // MARK: - Encoding

  static let magic: [UInt8] = Array("MMHEXJNL".utf8)
  static let version: UInt32 = 1
  static let headerLength = 64
  static let stateOffset = 48
  static let pendingMarker: [UInt8] = Array("pending ".utf8)
  static let completeMarker: [UInt8] = Array("complete".utf8)

  /// The journal as bytes, ready to be written to its file.
  public func encoded() -> [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(regions.reduce(0) { $0 + 16 + 2 * $1.original.count })
    for region in regions {
      body.appendLittleEndian(UInt64(region.offset))
      body.appendLittleEndian(UInt64(region.original.count))
      body.append(contentsOf: region.original)
      body.append(contentsOf: region.replacement)
    }
    var header: [UInt8] = Self.magic
    header.appendLittleEndian(Self.version)
    header.appendLittleEndian(UInt32(Self.headerLength))
    header.appendLittleEndian(UInt64(fileSize))
    header.appendLittleEndian(UInt64(regions.count))
    header.appendLittleEndian(UInt64(body.count))
    header.appendLittleEndian(CRC32.checksum(body))
    header.appendLittleEndian(CRC32.checksum(header))
    header.append(contentsOf: state == .complete ? Self.completeMarker : Self.pendingMarker)
    header.append(contentsOf: [UInt8](repeating: 0, count: Self.headerLength - header.count))
    return header + body
  }

  /// Decodes a journal, checking its magic, version, lengths and both checksums.
  ///
  /// An unknown state marker (a torn write of the marker itself) decodes as ``State/pending``:
  /// rolling back is always safe while the original bytes are intact.
  public init(decoding bytes: [UInt8]) throws(JournalFormatError) {
    guard bytes.count >= Self.headerLength else { throw .tooShort(byteCount: bytes.count) }
    var reader = LittleEndianReader(bytes: bytes)
    guard Array(bytes[0..<8]) == Self.magic else { throw .badMagic }
    reader.position = 8
    let version = reader.readUInt32()
    guard version == Self.version else { throw .unsupportedVersion(version) }
    let headerLength = reader.readUInt32()
    let fileSize = reader.readUInt64()
    let regionCount = reader.readUInt64()
    let bodyLength = reader.readUInt64()
    let bodyChecksum = reader.readUInt32()
    let headerChecksum = reader.readUInt32()
    guard CRC32.checksum(bytes[0..<44]) == headerChecksum else { throw .headerChecksumMismatch }
    guard headerLength == UInt32(Self.headerLength), fileSize <= UInt64(Int.max) else { throw .malformedHeader }
    guard bodyLength == UInt64(bytes.count - Self.headerLength) else {
      throw .bodyLengthMismatch(expected: bodyLength, found: bytes.count - Self.headerLength)
    }
    guard CRC32.checksum(bytes[Self.headerLength...]) == bodyChecksum else { throw .bodyChecksumMismatch }

    var regions: [JournalRegion] = []
    reader.position = Self.headerLength
    for index in 0..<regionCount {
      guard reader.remaining >= 16 else { throw .malformedRegion(index: Int(index)) }
      let offset = reader.readUInt64()
      let length = reader.readUInt64()
      guard offset <= UInt64(Int.max), length <= UInt64(reader.remaining / 2) else {
        throw .malformedRegion(index: Int(index))
      }
      let original = reader.readBytes(Int(length))
      let replacement = reader.readBytes(Int(length))
      regions.append(JournalRegion(offset: Int(offset), original: original, replacement: replacement))
    }
    guard reader.remaining == 0 else { throw .malformedRegion(index: Int(regionCount)) }
    let marker = Array(bytes[Self.stateOffset..<(Self.stateOffset + 8)])
    self.init(fileSize: Int(fileSize), state: marker == Self.completeMarker ? .complete : .pending, regions: regions)
  }
}

/// One region a save overwrites.
public struct JournalRegion: Hashable, Sendable {
  /// The offset of the region in the file.
  public var offset: Int
  /// The bytes the file held before the save.
  public var original: [UInt8]
  /// The bytes the save writes; as many as `original`.
  public var replacement: [UInt8]

  /// Creates a region; `original` and `replacement` must have the same length.
  public init(offset: Int, original: [UInt8], replacement: [UInt8]) {
    precondition(original.count == replacement.count, "a journal region replaces bytes one for one")
    self.offset = offset
    self.original = original
    self.replacement = replacement
  }
}

/// Why journal bytes could not be decoded: the journal is torn or is not a journal.
public enum JournalFormatError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Fewer bytes than a header.
  case tooShort(byteCount: Int)
  /// The first bytes are not `MMHEXJNL`.
  case badMagic
  /// Of a format version this program does not read: written by a newer mmhex (or damaged).
  case unsupportedVersion(UInt32)
  /// The header checksum does not match.
  case headerChecksumMismatch
  /// The header's lengths are impossible.
  case malformedHeader
  /// The body is not as long as the header says.
  case bodyLengthMismatch(expected: UInt64, found: Int)
  /// The body checksum does not match.
  case bodyChecksumMismatch
  /// Region number `index` does not fit in the body.
  case malformedRegion(index: Int)
  /// A save that moves bytes was interrupted before its journal was complete.
  case notMarkedComplete

  /// The newest journal format version this program reads (it reads every one from 1 on).
  static var newestVersion: UInt32 { TailJournal.version }

  /// Whether the journal was written by a newer mmhex.
  var isNewerVersion: Bool {
    if case .unsupportedVersion(let version) = self { version > Self.newestVersion } else { false }
  }

  /// What is wrong, in a few words.
  public var description: String {
    switch self {
    case .tooShort(let count): "only \(count) bytes, shorter than the 64-byte header"
    case .badMagic: "it does not start with MMHEXJNL"
    case .unsupportedVersion(let version) where version > Self.newestVersion:
      "format version \(version) is newer than this program understands (it reads versions 1 to \(Self.newestVersion))"
    case .unsupportedVersion(let version): "format version \(version) is not one any mmhex writes"
    case .headerChecksumMismatch: "its header checksum does not match"
    case .malformedHeader: "its header holds impossible lengths"
    case .bodyLengthMismatch(let expected, let found): "its body has \(found) bytes, the header says \(expected)"
    case .bodyChecksumMismatch: "its body checksum does not match"
    case .malformedRegion(let index): "region \(index) does not fit in the body"
    case .notMarkedComplete: "it was never marked complete"
    }
  }
}

extension [UInt8] {
  /// Appends `value` as little-endian bytes (journal encoding).
  mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    var little = value.littleEndian
    Swift.withUnsafeBytes(of: &little) { append(contentsOf: $0) }
  }
}

/// Reads little-endian integers from bytes whose length was checked beforehand.
private struct LittleEndianReader {
  let bytes: [UInt8]
  var position = 0

  var remaining: Int { bytes.count - position }

  mutating func readUInt32() -> UInt32 { UInt32(truncatingIfNeeded: read(byteCount: 4)) }

  mutating func readUInt64() -> UInt64 { read(byteCount: 8) }

  mutating func readBytes(_ count: Int) -> [UInt8] {
    defer { position += count }
    return Array(bytes[position..<(position + count)])
  }

  private mutating func read(byteCount: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<byteCount {
      value |= UInt64(bytes[position + index]) << (8 * index)
    }
    position += byteCount
    return value
  }
}
