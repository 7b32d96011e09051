/// Where `dump -s` starts: a byte offset, or a distance before the end (`-s -N`, as in `xxd`).
enum DumpStart {
  /// This many bytes after the start.
  case fromStart(Int)
  /// This many bytes before the end (a regular file only).
  case fromEnd(Int)

  /// Parses `-s`: `N`, `+N` or `-N`; absent means the start.
  init(_ text: String?) throws(CommandLineFailure) {
    guard let text else {
      self = .fromStart(0)
      return
    }
    if text.hasPrefix("-") {
      self = .fromEnd(try NumberOption.parse(String(text.dropFirst()), option: "-s"))
    } else {
      let unsigned = text.hasPrefix("+") ? String(text.dropFirst()) : text
      self = .fromStart(try NumberOption.parse(unsigned, option: "-s"))
    }
  }
}
