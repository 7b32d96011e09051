extension TailJournal {
  /// The bytes of holes of the file before the save (`file`, a sparse file) that the records
  /// write over: the file takes that much more disk space once saved, beyond its growth.
  func holeByteCount(in file: any ByteSource) -> Int {
    guard let file = file as? any SearchSource else { return 0 }
    var holes = 0
    for record in records {
      let range = record.offset..<max(record.offset, min(record.offset + record.length, oldSize))
      var position = range.lowerBound
      while position < range.upperBound, let data = file.firstDataRange(in: position..<range.upperBound) {
        holes += data.lowerBound - position
        position = data.upperBound
      }
      holes += max(0, range.upperBound - position)
    }
    return holes
  }
}
