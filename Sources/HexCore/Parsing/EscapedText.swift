/// Text with byte escapes, as `mmhex find --text --escapes` reads it: `\xHH` is the byte 0xHH,
/// `\n` a newline, `\t` a tab, `\r` a carriage return, `\0` a NUL and `\\` a backslash; every
/// other character stands for its UTF-8 bytes.
public enum EscapedText {
  /// Why escaped text could not be read. Positions are 1-based characters of the text as typed.
  public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A backslash followed by a character that is not an escape.
    case unknownEscape(Character, position: Int)
    /// A backslash at the very end.
    case trailingBackslash(position: Int)
    /// `\x` not followed by two hex digits.
    case badHexEscape(position: Int)

    public var description: String {
      switch self {
      case .unknownEscape(let character, let position):
        "'\\\(character)' at position \(position) is not an escape (use \\xHH, \\n, \\t, \\r, \\0 or \\\\)"
      case .trailingBackslash(let position):
        "the backslash at position \(position) ends the text; write \\\\ for a backslash"
      case .badHexEscape(let position):
        "'\\x' at position \(position) needs two hex digits after it (e.g. \\x02)"
      }
    }
  }

  /// The bytes `text` stands for.
  public static func bytes(of text: String) throws(ParseError) -> [UInt8] {
    var result: [UInt8] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      guard character == "\\" else {
        result.append(contentsOf: character.utf8)
        index += 1
        continue
      }
      guard index + 1 < characters.count else { throw .trailingBackslash(position: index + 1) }
      switch characters[index + 1] {
      case "n": result.append(0x0A)
      case "t": result.append(0x09)
      case "r": result.append(0x0D)
      case "0": result.append(0x00)
      case "\\": result.append(UInt8(ascii: "\\"))
      case "x":
        guard index + 3 < characters.count, let high = characters[index + 2].hexDigitValue,
          let low = characters[index + 3].hexDigitValue, characters[index + 2].isASCII, characters[index + 3].isASCII
        else { throw .badHexEscape(position: index + 1) }
        result.append(UInt8(high << 4 | low))
        index += 2
      case let other: throw .unknownEscape(other, position: index + 1)
      }
      index += 2
    }
    return result
  }
}
