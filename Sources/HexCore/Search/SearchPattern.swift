/// A byte pattern to search for: a sequence of positions, each matching a byte value under a
/// bit mask.
///
/// Position `i` matches byte `b` when `b & masks[i] == values[i]`. An exact byte has mask `0xFF`,
/// the `??` wildcard has mask `0x00`, a nibble wildcard (`4?`) has mask `0xF0` or `0x0F`, and an
/// ASCII letter matched without regard to case has mask `0xDF` (which clears the case bit).
public struct SearchPattern: Hashable, Sendable {
  /// The value each position must equal after masking; always a subset of its mask's bits.
  public let values: [UInt8]
  /// The bits of the data byte each position compares.
  public let masks: [UInt8]

  /// The number of bytes a match covers.
  public var count: Int { values.count }

  /// A pattern that matches exactly `bytes`.
  ///
  /// - Throws: ``SearchPatternError/empty`` when `bytes` is empty.
  public init(bytes: [UInt8]) throws(SearchPatternError) {
    try self.init(values: bytes, masks: Array(repeating: 0xFF, count: bytes.count))
  }

  /// A pattern from value/mask pairs.
  ///
  /// Bits of `values` outside the mask are ignored. `values` and `masks` must have the same count.
  /// - Throws: ``SearchPatternError/empty`` for no positions, ``SearchPatternError/onlyWildcards``
  ///   when every mask is zero.
  public init(values: [UInt8], masks: [UInt8]) throws(SearchPatternError) {
    precondition(values.count == masks.count, "one mask per value")
    guard !values.isEmpty else { throw .empty }
    guard masks.contains(where: { $0 != 0 }) else { throw .onlyWildcards }
    self.values = zip(values, masks).map { $0 & $1 }
    self.masks = masks
  }

  /// Parses `source` as hex bytes or as literal text.
  ///
  /// - Parameters:
  ///   - source: The pattern as typed.
  ///   - kind: How to read it; see ``SearchPatternKind``.
  ///   - ignoringCase: When true, ASCII letters match in either case (`A` matches `a` and `A`),
  ///     in hex patterns too (the byte `41` then also matches `61`).
  /// - Throws: A ``SearchPatternError`` naming the problem and where it is.
  public init(
    _ source: String, kind: SearchPatternKind, ignoringCase: Bool = false
  ) throws(SearchPatternError) {
    var pattern: SearchPattern
    switch kind {
    case .hex: pattern = try SearchPattern(hex: source)
    case .text: pattern = try SearchPattern(text: source)
    }
    if ignoringCase { pattern = pattern.ignoringASCIICase() }
    self = pattern
  }

  /// Parses hex bytes: groups separated by white space, each an optional `0x` prefix and pairs of
  /// hex digits (either case). `??` matches any byte; `?` in one half of a pair matches any value
  /// of that nibble.
  ///
  /// - Throws: ``SearchPatternError``: empty, a non-hex character (with its position), a group with
  ///   an odd number of digits, a bare `0x`, or only wildcards.
  public init(hex source: String) throws(SearchPatternError) {
    var values: [UInt8] = []
    var masks: [UInt8] = []
    let characters = Array(source)
    var index = 0
    while index < characters.count {
      if characters[index].isWhitespace {
        index += 1
        continue
      }
      let groupStart = index
      var digitStart = index
      if index + 1 < characters.count, characters[index] == "0",
        characters[index + 1] == "x" || characters[index + 1] == "X"
      {
        digitStart = index + 2
      }
      var end = digitStart
      while end < characters.count, !characters[end].isWhitespace { end += 1 }
      guard end > digitStart else { throw .prefixWithoutDigits(position: groupStart + 1) }
      var nibbles: [(value: UInt8, mask: UInt8)] = []
      for position in digitStart..<end {
        guard let nibble = Self.nibble(characters[position]) else {
          throw .notHexDigit(characters[position], position: position + 1)
        }
        nibbles.append(nibble)
      }
      guard nibbles.count % 2 == 0 else {
        throw .oddDigitCount(group: String(characters[groupStart..<end]), position: groupStart + 1)
      }
      for pair in stride(from: 0, to: nibbles.count, by: 2) {
        let high = nibbles[pair]
        let low = nibbles[pair + 1]
        values.append(high.value << 4 | low.value)
        masks.append(high.mask << 4 | low.mask)
      }
      index = end
    }
    try self.init(values: values, masks: masks)
  }

  /// A pattern matching the UTF-8 bytes of `text` exactly.
  ///
  /// - Throws: ``SearchPatternError/empty`` when `text` is empty.
  public init(text: String) throws(SearchPatternError) {
    try self.init(bytes: Array(text.utf8))
  }

  /// This pattern with every exactly-matched ASCII letter widened to match either case.
  public func ignoringASCIICase() -> SearchPattern {
    var values = self.values
    var masks = self.masks
    for index in values.indices where masks[index] == 0xFF && Self.isASCIILetter(values[index]) {
      values[index] &= 0xDF
      masks[index] = 0xDF
    }
    // Safe: same count and the same non-zero masks as a valid pattern.
    return SearchPattern(checkedValues: values, masks: masks)
  }

  /// The pattern as lowercase hex pairs separated by spaces, with `?` for wildcard nibbles
  /// (`de ad ?? 4?`); a position that ignores case shows its uppercase letter's code.
  public var hexDescription: String {
    let digits = Array("0123456789abcdef")
    return zip(values, masks).map { value, mask in
      let high = mask & 0xF0 == 0 ? "?" : digits[Int(value >> 4)]
      let low = mask & 0x0F == 0 ? "?" : digits[Int(value & 0xF)]
      return String([high, low])
    }.joined(separator: " ")
  }

  /// Whether the pattern matches `window`, which must hold exactly ``count`` bytes.
  public func matches(_ window: some Collection<UInt8>) -> Bool {
    guard window.count == count else { return false }
    var position = 0
    for byte in window {
      if byte & masks[position] != values[position] { return false }
      position += 1
    }
    return true
  }

  private init(checkedValues values: [UInt8], masks: [UInt8]) {
    self.values = values
    self.masks = masks
  }

  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  private static func nibble(_ character: Character) -> (value: UInt8, mask: UInt8)? {
    if character == "?" { return (0, 0) }
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case 0x30...0x39: return (ascii - 0x30, 0xF)
    case 0x41...0x46: return (ascii - 0x41 + 10, 0xF)
    case 0x61...0x66: return (ascii - 0x61 + 10, 0xF)
    default: return nil
    }
  }
}
