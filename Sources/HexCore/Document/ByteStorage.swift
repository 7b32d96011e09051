import MemMap

/// Where a ``Document``'s bytes come from.
protocol ByteStorage: AnyObject {
  /// Bytes in the storage as opened.
  var count: Int { get }
  /// Fills `buffer` with the bytes at `offset..<offset + buffer.count` (inside `0..<count`).
  ///
  /// - Returns: `nil` when every byte was read, or the number of bytes the storage still holds
  ///   when it shrank underneath (the bytes of `buffer` past that point are unspecified).
  func read(at offset: Int, into buffer: inout [UInt8]) -> Int?
  /// The storage's current size when it can tell it cheaply (a file's size), else `nil`.
  func currentSize() -> Int?
}

/// Bytes read through a ``MemMap`` with fault-guarded copies.
///
/// The map is assumed to start at the beginning of the file, so a truncation to `N` bytes
/// leaves offsets `0..<N` readable.
final class MappedStorage: ByteStorage {
  private let map: MemMap

  init(map: consuming MemMap) {
    self.map = map
  }

  var count: Int { map.count }

  func read(at offset: Int, into buffer: inout [UInt8]) -> Int? {
    do {
      try map.read(at: offset, into: &buffer)
      return nil
    } catch {
      if case .fileTruncated(_, let firstMissing, let fileSize) = error {
        return max(0, min(firstMissing, fileSize, map.count))
      }
      // Any other failure (an I/O error on the page) is shown like missing bytes.
      return offset
    }
  }

  func currentSize() -> Int? {
    guard !map.isAnonymous else { return nil }
    do {
      return try map.status().size
    } catch {
      return nil
    }
  }
}

/// Bytes held in an array (tests, benchmarks, small buffers).
final class ArrayStorage: ByteStorage {
  private let bytes: [UInt8]

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  var count: Int { bytes.count }

  func read(at offset: Int, into buffer: inout [UInt8]) -> Int? {
    buffer.replaceSubrange(buffer.indices, with: bytes[offset..<(offset + buffer.count)])
    return nil
  }

  func currentSize() -> Int? { nil }
}
