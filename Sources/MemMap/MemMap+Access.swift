// Fault-guarded copies in and out of the map: these throw instead of crashing when the file
// shrinks under the mapping.

import CMemMapGuard

extension MemMap {
  /// Copies `count` bytes starting at `offset` into a new array.
  public func read(at offset: Int, count: Int) throws(MemMapError) -> [UInt8] {
    try checkBounds(offset: offset, count: count)
    guard count > 0 else { return [] }
    var fault: UnsafeRawPointer?
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let destination = buffer.baseAddress else { return }
      fault = guardedRead(into: destination, at: offset, count: count)
      initialized = count
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: false) }
    return bytes
  }

  /// Fills all of `destination` with the bytes starting at `offset`, without allocating.
  /// Reuse one buffer across calls to stream through a large map.
  public func read(at offset: Int, into destination: inout [UInt8]) throws(MemMapError) {
    let count = destination.count
    try checkBounds(offset: offset, count: count)
    guard count > 0 else { return }
    let fault = destination.withUnsafeMutableBytes { buffer in
      buffer.baseAddress.flatMap { guardedRead(into: $0, at: offset, count: count) }
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: false) }
  }

  /// Fills all of `destination` with the bytes starting at `offset`, without allocating.
  public func read(at offset: Int, into destination: inout MutableRawSpan) throws(MemMapError) {
    let count = destination.byteCount
    try checkBounds(offset: offset, count: count)
    guard count > 0 else { return }
    let fault = destination.withUnsafeMutableBytes { buffer in
      buffer.baseAddress.flatMap { guardedRead(into: $0, at: offset, count: count) }
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: false) }
  }

  /// Appends the `count` bytes starting at `offset` to `destination`'s initialized bytes, without
  /// allocating. Throws `.invalidSize` if `destination` has less than `count` bytes of free capacity.
  public func read(at offset: Int, count: Int, into destination: inout OutputRawSpan) throws(MemMapError) {
    try checkBounds(offset: offset, count: count)
    guard count <= destination.freeCapacity else {
      throw .invalidSize(path: path, size: count, reason: "the destination has only \(destination.freeCapacity) bytes of free capacity")
    }
    guard count > 0 else { return }
    let fault: UnsafeRawPointer? = destination.withUnsafeMutableBytes { buffer, initializedCount in
      guard let start = buffer.baseAddress else { return nil }
      let fault = guardedRead(into: start + initializedCount, at: offset, count: count)
      if fault == nil { initializedCount += count }
      return fault
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: false) }
  }

  /// Appends the `count` bytes starting at `offset` to `destination`, without allocating; for
  /// example inside `Array(capacity:initializingWith:)` or `append(addingCapacity:initializingWith:)`.
  /// Throws `.invalidSize` if `destination` has less than `count` elements of free capacity.
  public func read(at offset: Int, count: Int, into destination: inout OutputSpan<UInt8>) throws(MemMapError) {
    try checkBounds(offset: offset, count: count)
    guard count <= destination.freeCapacity else {
      throw .invalidSize(path: path, size: count, reason: "the destination has only \(destination.freeCapacity) bytes of free capacity")
    }
    guard count > 0 else { return }
    let fault: UnsafeRawPointer? = destination.withUnsafeMutableBufferPointer { buffer, initializedCount in
      guard let start = buffer.baseAddress else { return nil }
      let fault = guardedRead(into: UnsafeMutableRawPointer(start + initializedCount), at: offset, count: count)
      if fault == nil { initializedCount += count }
      return fault
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: false) }
  }

  /// Reads an integer stored at any (unaligned) `offset` in the given byte order
  /// (the machine's own by default).
  ///
  /// Inlined into the caller: for integers of up to 8 bytes this is a bounds check and one guarded
  /// load instruction, about as fast as a raw load.
  @inlinable
  public func load<T: FixedWidthInteger>(
    as type: T.Type = T.self, at offset: Int, endianness: Endianness = .host
  ) throws(MemMapError) -> T {
    let size = MemoryLayout<T>.size
    let window = self.window
    guard size <= 8, offset >= 0, offset <= window.count &- size, let start = window.start else {
      return try loadCopying(as: T.self, at: offset, endianness: endianness)
    }
    let source = UnsafeRawPointer(start + offset)
    let value: T
    let faulted: Int32
    switch size {
    case 1:
      var bits: UInt8 = 0
      faulted = cmemmap_load8(source, &bits)
      value = T(truncatingIfNeeded: bits)
    case 2:
      var bits: UInt16 = 0
      faulted = cmemmap_load16(source, &bits)
      value = T(truncatingIfNeeded: bits)
    case 4:
      var bits: UInt32 = 0
      faulted = cmemmap_load32(source, &bits)
      value = T(truncatingIfNeeded: bits)
    default:
      var bits: UInt64 = 0
      faulted = cmemmap_load64(source, &bits)
      value = T(truncatingIfNeeded: bits)
    }
    if faulted != 0 { throw diagnose(faultAddress: UInt(bitPattern: source), at: offset, isWrite: false) }
    switch endianness {
    case .little: return T(littleEndian: value)
    case .big: return T(bigEndian: value)
    }
  }

  /// `load` for integers wider than 8 bytes, and for accesses outside the map (which throw).
  @usableFromInline
  func loadCopying<T: FixedWidthInteger>(as type: T.Type, at offset: Int, endianness: Endianness) throws(MemMapError) -> T {
    var value = T.zero
    try withUnsafeMutableBytes(of: &value) { buffer throws(MemMapError) in
      try copyBytes(at: offset, into: buffer)
    }
    switch endianness {
    case .little: return T(littleEndian: value)
    case .big: return T(bigEndian: value)
    }
  }

  /// Reads a `Double` stored at any (unaligned) `offset` as its IEEE 754 bits in the given byte
  /// order (the machine's own by default).
  @inlinable
  public func load(as type: Double.Type = Double.self, at offset: Int, endianness: Endianness = .host) throws(MemMapError) -> Double {
    Double(bitPattern: try load(as: UInt64.self, at: offset, endianness: endianness))
  }

  /// Reads a `Float` stored at any (unaligned) `offset` as its IEEE 754 bits in the given byte
  /// order (the machine's own by default).
  @inlinable
  public func load(as type: Float.Type = Float.self, at offset: Int, endianness: Endianness = .host) throws(MemMapError) -> Float {
    Float(bitPattern: try load(as: UInt32.self, at: offset, endianness: endianness))
  }

  #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
  /// Reads a `Float16` stored at any (unaligned) `offset` as its IEEE 754 bits in the given byte
  /// order (the machine's own by default).
  @inlinable
  @available(macOS 11.0, iOS 14.0, tvOS 14.0, watchOS 7.0, *)
  public func load(as type: Float16.Type = Float16.self, at offset: Int, endianness: Endianness = .host) throws(MemMapError) -> Float16 {
    Float16(bitPattern: try load(as: UInt16.self, at: offset, endianness: endianness))
  }
  #endif

  /// Bounds-checked, fault-guarded copy of `destination.count` bytes starting at `offset`.
  @usableFromInline
  func copyBytes(at offset: Int, into destination: UnsafeMutableRawBufferPointer) throws(MemMapError) {
    let count = destination.count
    try checkBounds(offset: offset, count: count)
    guard let address = destination.baseAddress, count > 0 else { return }
    if let fault = guardedRead(into: address, at: offset, count: count) {
      throw diagnose(fault, at: offset, isWrite: false)
    }
  }

  /// Copies `bytes` into the map starting at `offset`. Needs a writable map; for `.copyOnWrite`
  /// maps the change stays private to this map.
  public mutating func write(_ bytes: [UInt8], at offset: Int) throws(MemMapError) {
    try requireWritable("write")
    try checkBounds(offset: offset, count: bytes.count)
    guard !bytes.isEmpty else { return }
    let fault = bytes.withUnsafeBytes { buffer in
      buffer.baseAddress.flatMap { guardedWrite(from: $0, at: offset, count: buffer.count) }
    }
    if let fault { throw diagnose(fault, at: offset, isWrite: true) }
  }

  /// Copies any collection of bytes into the map starting at `offset`.
  public mutating func write(_ bytes: some Collection<UInt8>, at offset: Int) throws(MemMapError) {
    let contiguous: Result<Void, MemMapError>? = bytes.withContiguousStorageIfAvailable { buffer in
      do throws(MemMapError) {
        try writeRaw(UnsafeRawBufferPointer(buffer), at: offset)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    if let contiguous {
      try contiguous.get()
    } else {
      try write(Array(bytes), at: offset)
    }
  }

  /// Copies the bytes of `bytes` into the map starting at `offset`.
  public mutating func write(_ bytes: RawSpan, at offset: Int) throws(MemMapError) {
    let result: Result<Void, MemMapError> = bytes.withUnsafeBytes { buffer in
      do throws(MemMapError) {
        try writeRaw(buffer, at: offset)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Stores an integer at any (unaligned) `offset` in the given byte order (the machine's own by
  /// default).
  ///
  /// Inlined into the caller: for integers of up to 8 bytes this is a bounds check and one guarded
  /// store instruction, about as fast as a raw store.
  @inlinable
  public mutating func store<T: FixedWidthInteger>(
    _ value: T, at offset: Int, endianness: Endianness = .host
  ) throws(MemMapError) {
    let size = MemoryLayout<T>.size
    let window = self.window
    guard size <= 8, window.isWritable, offset >= 0, offset <= window.count &- size, let start = window.start else {
      return try storeCopying(value, at: offset, endianness: endianness)
    }
    let ordered = endianness == .little ? value.littleEndian : value.bigEndian
    let destination = start + offset
    let faulted: Int32
    switch size {
    case 1: faulted = cmemmap_store8(destination, UInt8(truncatingIfNeeded: ordered))
    case 2: faulted = cmemmap_store16(destination, UInt16(truncatingIfNeeded: ordered))
    case 4: faulted = cmemmap_store32(destination, UInt32(truncatingIfNeeded: ordered))
    default: faulted = cmemmap_store64(destination, UInt64(truncatingIfNeeded: ordered))
    }
    if faulted != 0 { throw diagnose(faultAddress: UInt(bitPattern: destination), at: offset, isWrite: true) }
  }

  /// `store` for integers wider than 8 bytes, and for stores that throw (read-only map, out of bounds).
  @usableFromInline
  mutating func storeCopying<T: FixedWidthInteger>(_ value: T, at offset: Int, endianness: Endianness) throws(MemMapError) {
    var ordered = endianness == .little ? value.littleEndian : value.bigEndian
    let result: Result<Void, MemMapError> = withUnsafeBytes(of: &ordered) { buffer in
      do throws(MemMapError) {
        try writeRaw(buffer, at: offset)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Stores a `Double` at any (unaligned) `offset` as its IEEE 754 bits in the given byte order.
  @inlinable
  public mutating func store(_ value: Double, at offset: Int, endianness: Endianness = .host) throws(MemMapError) {
    try store(value.bitPattern, at: offset, endianness: endianness)
  }

  /// Stores a `Float` at any (unaligned) `offset` as its IEEE 754 bits in the given byte order.
  @inlinable
  public mutating func store(_ value: Float, at offset: Int, endianness: Endianness = .host) throws(MemMapError) {
    try store(value.bitPattern, at: offset, endianness: endianness)
  }

  #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
  /// Stores a `Float16` at any (unaligned) `offset` as its IEEE 754 bits in the given byte order.
  @inlinable
  @available(macOS 11.0, iOS 14.0, tvOS 14.0, watchOS 7.0, *)
  public mutating func store(_ value: Float16, at offset: Int, endianness: Endianness = .host) throws(MemMapError) {
    try store(value.bitPattern, at: offset, endianness: endianness)
  }
  #endif

  private mutating func writeRaw(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws(MemMapError) {
    try requireWritable("write")
    try checkBounds(offset: offset, count: buffer.count)
    guard let source = buffer.baseAddress, buffer.count > 0 else { return }
    if let fault = guardedWrite(from: source, at: offset, count: buffer.count) {
      throw diagnose(fault, at: offset, isWrite: true)
    }
  }

  // MARK: Guarded copies (bounds already checked, count > 0)

  @inline(__always)
  private func guardedRead(into destination: UnsafeMutableRawPointer, at offset: Int, count: Int) -> UnsafeRawPointer? {
    guard let base = mapping.base else { return nil }
    return FaultGuard.copy(
      to: destination, from: base + mapping.delta + offset, count: count, guarding: base, length: mapping.mappedLength)
  }

  @inline(__always)
  private func guardedWrite(from source: UnsafeRawPointer, at offset: Int, count: Int) -> UnsafeRawPointer? {
    guard let base = mapping.base else { return nil }
    return FaultGuard.copy(
      to: base + mapping.delta + offset, from: source, count: count, guarding: base, length: mapping.mappedLength)
  }

  @usableFromInline
  func diagnose(faultAddress: UInt, at offset: Int, isWrite: Bool) -> MemMapError {
    guard let fault = UnsafeRawPointer(bitPattern: faultAddress) else { return .ioError(path: path, offset: offset) }
    return diagnose(fault, at: offset, isWrite: isWrite)
  }

  private func diagnose(_ fault: UnsafeRawPointer, at offset: Int, isWrite: Bool) -> MemMapError {
    let start = mapping.base.map { UnsafeRawPointer($0) + mapping.delta } ?? fault
    return Backend.diagnoseFault(
      mapping, faultOffset: max(0, fault - start), accessOffset: offset, isWrite: isWrite, path: path)
  }
}
