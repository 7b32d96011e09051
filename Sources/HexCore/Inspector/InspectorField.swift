/// One row of the data inspector: a way of reading the bytes at the cursor as a value.
///
/// ```swift
/// InspectorField.uint16.value(of: [0x34, 0x12], bigEndian: false)  // "4660"
/// InspectorField.float32.value(of: [0, 0, 0x80, 0x3F], bigEndian: false)  // "1.0"
/// try InspectorField.uint8.bytes(for: "300", bigEndian: false)  // throws "300 does not fit in uint8 (0…255)"
/// ```
public enum InspectorField: CaseIterable, Hashable, Sendable {
  /// Signed and unsigned integers of 1, 2, 4 and 8 bytes, in two's complement, shown in decimal.
  case int8, uint8, int16, uint16, int32, uint32, int64, uint64
  /// IEEE 754 binary16, binary32 and binary64, shown in the shortest form that reads back exactly.
  case float16, float32, float64
  /// The byte in binary: `0b01000101`.
  case binary
  /// The character: ASCII, or the UTF-8 sequence that starts at the byte.
  case character
  /// An unsigned LEB128 number (DWARF, WebAssembly, protobuf varints).
  case uleb128
  /// The 32-bit value as seconds since 1970 in UTC, when in a sane range.
  case unixTime32
  /// The 64-bit value as seconds since 1970 in UTC, when in a sane range.
  case unixTime64

  /// The most bytes any field reads (a 64-bit LEB128 number takes up to 10).
  public static let maximumWidth = 10

  /// The name shown in the inspector and its prompt.
  public var name: String {
    switch self {
    case .int8: "int8"
    case .uint8: "uint8"
    case .int16: "int16"
    case .uint16: "uint16"
    case .int32: "int32"
    case .uint32: "uint32"
    case .int64: "int64"
    case .uint64: "uint64"
    case .float16: "float16"
    case .float32: "float32"
    case .float64: "float64"
    case .binary: "binary"
    case .character: "char"
    case .uleb128: "uleb128"
    case .unixTime32: "time32"
    case .unixTime64: "time64"
    }
  }

  /// Whether the two byte orders read the bytes differently.
  public var hasByteOrder: Bool {
    switch self {
    case .int8, .uint8, .binary, .character, .uleb128: false
    default: true
    }
  }

  /// The bytes a fixed-size field covers (`nil` for the character and LEB128, whose length
  /// depends on the bytes).
  public var fixedWidth: Int? {
    switch self {
    case .int8, .uint8, .binary: 1
    case .int16, .uint16, .float16: 2
    case .int32, .uint32, .float32, .unixTime32: 4
    case .int64, .uint64, .float64, .unixTime64: 8
    case .character, .uleb128: nil
    }
  }

  /// How many of `bytes` (those at the cursor) the value covers, or `nil` when the file ends
  /// before it does.
  public func width(of bytes: [UInt8]) -> Int? {
    switch self {
    case .character: return UTF8Sequence.length(startingWith: bytes)
    case .uleb128: return LEB128.decode(bytes).map(\.count)
    default: return fixedWidth.flatMap { $0 <= bytes.count ? $0 : nil }
    }
  }

  /// The value of `bytes` (those at the cursor, as many as the file has, up to
  /// ``maximumWidth``), or `-` when the file ends before the field does.
  public func value(of bytes: [UInt8], bigEndian: Bool) -> String {
    if let fixedWidth, bytes.count < fixedWidth { return "-" }
    let bits = fixedWidth.map { Self.unsigned(bytes.prefix($0), bigEndian: bigEndian) } ?? 0
    switch self {
    case .int8: return String(Int8(truncatingIfNeeded: bits))
    case .uint8: return String(UInt8(truncatingIfNeeded: bits))
    case .int16: return String(Int16(truncatingIfNeeded: bits))
    case .uint16: return String(UInt16(truncatingIfNeeded: bits))
    case .int32: return String(Int32(truncatingIfNeeded: bits))
    case .uint32: return String(UInt32(truncatingIfNeeded: bits))
    case .int64: return String(Int64(bitPattern: bits))
    case .uint64: return String(bits)
    case .float16: return Float16(bitPattern: UInt16(truncatingIfNeeded: bits)).description
    case .float32: return Float(bitPattern: UInt32(truncatingIfNeeded: bits)).description
    case .float64: return Double(bitPattern: bits).description
    case .binary:
      let digits = String(bits, radix: 2)
      return "0b" + String(repeating: "0", count: 8 - digits.count) + digits
    case .character: return UTF8Sequence.describe(bytes)
    case .uleb128:
      guard let (value, count) = LEB128.decode(bytes) else {
        return bytes.isEmpty || bytes.count < Self.maximumWidth ? "-" : "over 64 bits"
      }
      return "\(value) (\(count) byte\(count == 1 ? "" : "s"))"
    case .unixTime32: return UnixTime.iso8601(Int64(UInt32(truncatingIfNeeded: bits))) ?? "out of range"
    case .unixTime64: return UnixTime.iso8601(Int64(bitPattern: bits)) ?? "out of range"
    }
  }

  /// The bytes that hold `text` as this field in the given byte order, for writing at the cursor.
  ///
  /// - Throws: ``InspectorValueError`` saying why `text` is not a value of this field.
  public func bytes(for text: String, bigEndian: Bool) throws(InspectorValueError) -> [UInt8] {
    let text = text.trimmingSpaces
    guard !text.isEmpty else { throw .init("type a value") }
    switch self {
    case .int8: return try integerBytes(text, minimum: Int64(Int8.min), maximum: UInt64(Int8.max), count: 1, bigEndian)
    case .uint8: return try integerBytes(text, minimum: 0, maximum: UInt64(UInt8.max), count: 1, bigEndian)
    case .int16: return try integerBytes(text, minimum: Int64(Int16.min), maximum: UInt64(Int16.max), count: 2, bigEndian)
    case .uint16: return try integerBytes(text, minimum: 0, maximum: UInt64(UInt16.max), count: 2, bigEndian)
    case .int32: return try integerBytes(text, minimum: Int64(Int32.min), maximum: UInt64(Int32.max), count: 4, bigEndian)
    case .uint32: return try integerBytes(text, minimum: 0, maximum: UInt64(UInt32.max), count: 4, bigEndian)
    case .int64: return try integerBytes(text, minimum: Int64.min, maximum: UInt64(Int64.max), count: 8, bigEndian)
    case .uint64: return try integerBytes(text, minimum: 0, maximum: UInt64.max, count: 8, bigEndian)
    case .float16:
      let value = try floatValue(text, as: Float16.self, largest: "65504")
      return Self.ordered(UInt64(value.bitPattern), count: 2, bigEndian)
    case .float32:
      let value = try floatValue(text, as: Float.self, largest: "3.4028235e+38")
      return Self.ordered(UInt64(value.bitPattern), count: 4, bigEndian)
    case .float64:
      let value = try floatValue(text, as: Double.self, largest: "1.7976931348623157e+308")
      return Self.ordered(value.bitPattern, count: 8, bigEndian)
    case .binary:
      var digits = Substring(text)
      if digits.hasPrefix("0b") || digits.hasPrefix("0B") { digits = digits.dropFirst(2) }
      guard !digits.isEmpty, digits.count <= 8, let byte = UInt8(digits, radix: 2) else {
        throw .init("'\(text)' is not a byte in binary (up to 8 digits 0 and 1, e.g. 0b01000101)")
      }
      return [byte]
    case .character:
      return Array(text.utf8)
    case .uleb128:
      let magnitude = try Self.magnitude(text, fieldName: name)
      guard !magnitude.isNegative else { throw .init("\(text) does not fit in uleb128 (0…\(UInt64.max))") }
      return LEB128.encode(magnitude.value)
    case .unixTime32, .unixTime64:
      throw .init("times are shown, not edited: edit the \(self == .unixTime32 ? "uint32" : "int64") row instead")
    }
  }

  private func integerBytes(
    _ text: String, minimum: Int64, maximum: UInt64, count: Int, _ bigEndian: Bool
  ) throws(InspectorValueError) -> [UInt8] {
    let parsed = try Self.magnitude(text, fieldName: name)
    let fits = parsed.isNegative ? parsed.value <= minimum.magnitude : parsed.value <= maximum
    guard fits else { throw .init("\(text) does not fit in \(name) (\(minimum)…\(maximum))") }
    let bits = parsed.isNegative ? (0 &- parsed.value) : parsed.value
    return Self.ordered(bits, count: count, bigEndian)
  }

  private func floatValue<F: BinaryFloatingPoint & LosslessStringConvertible>(
    _ text: String, as type: F.Type, largest: String
  ) throws(InspectorValueError) -> F {
    guard let value = F(text), let wide = Double(text) else {
      throw .init("'\(text)' is not a number (e.g. 3.14, -0.0, 1e-5, nan, inf)")
    }
    if value.isInfinite, !wide.isInfinite {
      throw .init("\(text) does not fit in \(name) (largest \(largest))")
    }
    return value
  }

  /// An integer as its magnitude and sign: decimal, or hex after `0x`, with an optional sign.
  private static func magnitude(_ text: String, fieldName: String) throws(InspectorValueError)
    -> (value: UInt64, isNegative: Bool)
  {
    var digits = Substring(text)
    var isNegative = false
    if let sign = digits.first, sign == "-" || sign == "+" {
      isNegative = sign == "-"
      digits = digits.dropFirst()
    }
    var radix = 10
    if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
      radix = 16
      digits = digits.dropFirst(2)
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && (radix == 16 || $0.isNumber) }) else {
      throw .init("'\(text)' is not a whole number (decimal like 300, or hex like 0x12c)")
    }
    guard let value = UInt64(digits, radix: radix) else {
      throw .init("\(text) does not fit in \(fieldName) (it has more than 64 bits)")
    }
    return (value, isNegative && value != 0)
  }

  /// The low `count` bytes of `bits` in the given order.
  private static func ordered(_ bits: UInt64, count: Int, _ bigEndian: Bool) -> [UInt8] {
    let little = (0..<count).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    return bigEndian ? little.reversed() : little
  }

  /// `bytes` as an unsigned number in the given order.
  private static func unsigned(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> UInt64 {
    let ordered = bigEndian ? Array(bytes) : bytes.reversed()
    return ordered.reduce(0) { $0 << 8 | UInt64($1) }
  }
}

/// Why a value typed in the inspector's prompt cannot be written.
public struct InspectorValueError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The reason, e.g. `300 does not fit in uint8 (0…255)`.
  public let description: String

  init(_ description: String) { self.description = description }
}
