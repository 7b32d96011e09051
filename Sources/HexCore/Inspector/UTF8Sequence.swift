/// The UTF-8 sequence at the start of some bytes.
enum UTF8Sequence {
  /// How many bytes the character at the start of `bytes` takes: 1 for ASCII or a byte that
  /// starts no valid sequence, 2 to 4 for a valid multi-byte sequence; `nil` for no bytes.
  static func length(startingWith bytes: [UInt8]) -> Int? {
    guard !bytes.isEmpty else { return nil }
    // ASCII, or a byte that starts no valid sequence: that byte alone.
    return validSequence(bytes).map(\.count) ?? 1
  }

  /// The character: `'A'`, `'é' (2 bytes)`, a control character by its escape (`\n`, `\0`,
  /// `\x1b`), or why it is not UTF-8.
  static func describe(_ bytes: [UInt8]) -> String {
    guard let first = bytes.first else { return "-" }
    if first < 0x80 {
      switch first {
      case 0x00: return #"'\0'"#
      case 0x09: return #"'\t'"#
      case 0x0A: return #"'\n'"#
      case 0x0D: return #"'\r'"#
      case 0x20...0x7E: return "'\(Character(UnicodeScalar(first)))'"
      default: return "'\\x" + (first < 0x10 ? "0" : "") + String(first, radix: 16) + "'"
      }
    }
    guard let sequence = validSequence(bytes) else {
      return (0x80...0xBF).contains(first) ? "not UTF-8 (continuation byte)" : "not UTF-8"
    }
    let text = String(decoding: sequence, as: UTF8.self)
    let scalar = text.unicodeScalars.first!
    let shown = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "'\(text)'"
    return "\(shown) (\(sequence.count) bytes)"
  }

  /// The valid multi-byte sequence at the start of `bytes`, if there is one.
  private static func validSequence(_ bytes: [UInt8]) -> [UInt8]? {
    guard let first = bytes.first, first >= 0xC2, first <= 0xF4 else { return nil }
    let count = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
    guard bytes.count >= count else { return nil }
    let sequence = Array(bytes.prefix(count))
    var decoder = UTF8()
    var iterator = sequence.makeIterator()
    guard case .scalarValue = decoder.decode(&iterator), iterator.next() == nil else { return nil }
    return sequence
  }
}
