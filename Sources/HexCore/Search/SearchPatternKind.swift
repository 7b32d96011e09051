/// How the characters of a typed search pattern are read.
public enum SearchPatternKind: String, Sendable, CaseIterable {
  /// Hex bytes: `de ad be ef`, `deadbeef`, `0xdeadbeef`; `??` matches any byte, and a single `?`
  /// in a pair matches any nibble (`4?`).
  case hex
  /// Literal text, searched as its UTF-8 bytes.
  case text
}
