import MemMap

extension TailJournal {
  /// Reads a tail journal of format version 2, which the build before fills were journaled
  /// wrote, as records of this format: a file killed after such a journal's commit point is
  /// half-written, and only rolling the journal forward restores it.
  ///
  /// Version 2 has the same magic, header length, sizes, checksum and state as version 3, but
  /// bytes 32..<40 hold the tail offset (where the rewritten tail starts; the new size when the
  /// file was only cut short) and bytes 40..<44 the number of regions. The body holds each
  /// region (an edited range before the tail, written in place) as its offset (8 bytes), length
  /// (8 bytes) and new bytes, then the new bytes of the tail, up to the new size. Each region
  /// becomes a bytes record, and so does a tail that is not empty: applying them writes what
  /// that build wrote, in the same order.
  ///
  /// - Parameter header: The journal's first ``headerLength`` bytes, their checksum checked.
  /// - Returns: The records, and where each one's bytes lie in the journal.
  static func decodeVersion2(_ map: borrowing MemMap, header: [UInt8]) throws(JournalFormatError)
    -> (TailJournal, payloadOffsets: [Int])
  {
    let oldSize = header.littleEndian(UInt64.self, at: 16)
    let newSize = header.littleEndian(UInt64.self, at: 24)
    let tailOffset = header.littleEndian(UInt64.self, at: 32)
    let regionCount = Int(header.littleEndian(UInt32.self, at: 40))
    guard oldSize <= UInt64(Int.max), newSize <= UInt64(Int.max), tailOffset <= newSize else {
      throw .malformedHeader
    }
    var records: [Record] = []
    var payloadOffsets: [Int] = []
    var position = headerLength
    for index in 0..<regionCount {
      guard position + 16 <= map.count, let fields = try? map.read(at: position, count: 16) else {
        throw .malformedRegion(index: index)
      }
      let offset = fields.littleEndian(UInt64.self, at: 0)
      let length = fields.littleEndian(UInt64.self, at: 8)
      guard offset <= tailOffset, length <= tailOffset - offset, length <= UInt64(map.count - position - 16) else {
        throw .malformedRegion(index: index)
      }
      records.append(Record(offset: Int(offset), length: Int(length), content: .bytes))
      payloadOffsets.append(position + 16)
      position += 16 + Int(length)
    }
    let tailLength = Int(newSize - tailOffset)
    guard map.count - position == tailLength else {
      let bodyLength = position - headerLength + tailLength
      throw .bodyLengthMismatch(expected: UInt64(bodyLength), found: map.count - headerLength)
    }
    if tailLength > 0 {
      records.append(Record(offset: Int(tailOffset), length: tailLength, content: .bytes))
      payloadOffsets.append(position)
    }
    return (TailJournal(oldSize: Int(oldSize), newSize: Int(newSize), records: records), payloadOffsets)
  }
}
