/// A one-line message on the bottom line, shown until the next key.
public struct EditorMessage: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Whether it reports a problem (drawn as ``Style/error``) rather than information.
  public var isError: Bool

  /// Creates a message.
  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}
