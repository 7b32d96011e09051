/// What the editor is doing, which decides how keys are read.
public enum EditorMode: Hashable, Sendable {
  /// Moving around the file; keys go through ``KeyBinding``.
  case browsing
  /// A prompt is open on the bottom line; keys edit it.
  case prompting(PromptPurpose)
  /// A yes/no question is open on the bottom line: `y`, `n` or Esc answer it.
  case confirming(EditorQuestion)
  /// The help screen is shown; keys scroll or close it.
  case help
}

/// What an open prompt is asking for.
public enum PromptPurpose: Hashable, Sendable {
  /// An offset to move the cursor to.
  case goTo
  /// A byte pattern (hex pane) or text (text pane) to find.
  case find
  /// A path to save the scratch buffer to; with `thenQuit`, the editor quits after saving.
  case saveAs(thenQuit: Bool)
  /// A path to export these bytes to.
  case exportPath(Range<Int>)
  /// A new value for the highlighted data-inspector field.
  case inspectorValue
  /// A pattern (hex bytes or text) to fill these bytes with.
  case fill(Range<Int>)
}
