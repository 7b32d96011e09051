extension MemMap {
  /// Throws `.outOfBounds` unless `offset..<offset+count` lies inside the map.
  @inlinable @inline(__always)
  func checkBounds(offset: Int, count: Int) throws(MemMapError) {
    let mapCount = self.count
    guard offset >= 0, count >= 0, offset <= mapCount, count <= mapCount - offset else {
      throw .outOfBounds(path: path, offset: offset, count: count, mapCount: mapCount)
    }
  }

  @inlinable @inline(__always)
  func checkBounds(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(offset: range.lowerBound, count: range.count)
  }

  @usableFromInline
  func requireWritable(_ operation: String) throws(MemMapError) {
    guard mode.isWritable else {
      throw .notWritable(path: path, operation: operation, mode: mode)
    }
    guard window.isWritable else {
      throw .writeProtected(path: path, operation: operation)
    }
  }
}
