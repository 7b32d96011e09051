/// What the terminal loop should do after a key.
public enum EditorOutcome: Sendable {
  /// Keep running: draw the next frame and wait for the next key.
  case `continue`
  /// Leave the editor.
  case quit
}
