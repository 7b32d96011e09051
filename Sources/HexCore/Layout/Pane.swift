/// The two columns a cursor can be active in.
public enum Pane: Hashable, Sendable, CaseIterable {
  /// The hex column: typing hex digits edits nibbles.
  case hex
  /// The text column: typing printable characters edits bytes.
  case text

  /// The other pane.
  public var other: Pane { self == .hex ? .text : .hex }
}
