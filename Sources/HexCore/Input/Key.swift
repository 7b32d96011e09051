/// A key press or terminal event, independent of any terminal library.
///
/// The terminal layer decodes what the terminal sends into a `Key`; the model
/// maps keys to ``Command``s in one table. Nothing below the terminal layer
/// ever sees a raw key code.
public enum Key: Hashable, Sendable {
  /// A printable character typed as text (letters, digits, punctuation, space).
  case character(Character)
  /// A control chord such as Ctrl-G, named by its lowercase letter: `.control("g")`;
  /// Ctrl-Space is `.control(" ")`.
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown
  case home, end
  case controlHome, controlEnd
  case tab, backTab
  case enter, escape
  case backspace, delete, insert
  /// A function key: `.function(1)` is F1.
  case function(Int)
  /// A navigation or editing key held with modifiers: Shift-Right is `.modified(.right, .shift)`.
  /// Ctrl-Home and Ctrl-End are ``controlHome`` and ``controlEnd``; build keys with
  /// ``with(_:)`` to get those.
  indirect case modified(Key, KeyModifiers)
  /// The terminal changed size; the new size is read when the next frame is drawn.
  case resize
  case wheelUp, wheelDown
  /// Text the terminal pasted (bracketed paste): one event for the whole paste, never a stream
  /// of keys. Line breaks arrive as the terminal sent them (usually `"\r"`).
  case paste(String)
  /// A key the terminal layer could not name; carries its raw code for messages only.
  case unknown(Int)

  /// This key held with `modifiers`, in its one canonical form (`Key.home.with(.control)` is
  /// ``controlHome``).
  public func with(_ modifiers: KeyModifiers) -> Key {
    switch (self, modifiers) {
    case (_, []): self
    case (.home, .control): .controlHome
    case (.end, .control): .controlEnd
    case (.tab, .shift): .backTab
    default: .modified(self, modifiers)
    }
  }
}

/// The modifier keys held with another key.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8

  /// Creates a set from its bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Shift.
  public static let shift = KeyModifiers(rawValue: 1)
  /// Alt (Meta, Option).
  public static let alt = KeyModifiers(rawValue: 2)
  /// Ctrl.
  public static let control = KeyModifiers(rawValue: 4)

  /// The modifiers an xterm-style parameter encodes (`2` Shift, `3` Alt, `5` Ctrl, … `8` all
  /// three), as in the `kLFT3` (Alt-Left) terminal capabilities.
  public init(xtermParameter: Int) {
    self.init(rawValue: UInt8(truncatingIfNeeded: max(xtermParameter - 1, 0) & 0b111))
  }
}
