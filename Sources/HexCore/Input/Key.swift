/// A key press or terminal event, independent of any terminal library.
///
/// The terminal layer decodes what the terminal sends into a `Key`; the model
/// maps keys to ``Command``s in one table. Nothing below the terminal layer
/// ever sees a raw key code.
public enum Key: Hashable, Sendable {
  /// A printable character typed as text (letters, digits, punctuation, space).
  case character(Character)
  /// A control chord such as Ctrl-G, named by its lowercase letter: `.control("g")`.
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown
  case home, end
  case controlHome, controlEnd
  case tab, backTab
  case enter, escape
  case backspace, delete
  /// A function key: `.function(1)` is F1.
  case function(Int)
  /// The terminal changed size; the new size is read when the next frame is drawn.
  case resize
  case wheelUp, wheelDown
  /// Text the terminal pasted (bracketed paste): one event for the whole paste, never a stream
  /// of keys. Line breaks arrive as the terminal sent them (usually `"\r"`).
  case paste(String)
  /// A key the terminal layer could not name; carries its raw code for messages only.
  case unknown(Int)
}
