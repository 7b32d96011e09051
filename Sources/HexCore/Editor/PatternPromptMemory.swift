/// What a prompt that reads hex bytes or text (find, fill) keeps between its uses: the kind it
/// reads now, and the text last typed of each kind.
struct PatternPromptMemory {
  /// How the prompt reads its text now.
  private(set) var kind: SearchPatternKind = .hex
  private var texts: [SearchPatternKind: String] = [:]

  /// Opens the prompt in `pane`: hex in the hex pane, text in the text pane.
  ///
  /// - Returns: The text last typed of that kind, to start the prompt with.
  mutating func open(in pane: Pane) -> String {
    kind = pane == .hex ? .hex : .text
    return texts[kind] ?? ""
  }

  /// Tab: keeps `text` for the kind read so far and switches to the other.
  ///
  /// - Returns: The text last typed of the other kind.
  mutating func switchKind(keeping text: String) -> String {
    texts[kind] = text
    kind = kind == .hex ? .text : .hex
    return texts[kind] ?? ""
  }

  /// Keeps `text`, just submitted, as the last typed of the current kind.
  mutating func remember(_ text: String) {
    texts[kind] = text
  }
}
