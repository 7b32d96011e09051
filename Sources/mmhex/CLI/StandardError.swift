import Glibc

/// Writes messages for the user to standard error.
enum StandardError {
  /// Writes `line` and a newline in one write, so it is not interleaved with other output.
  static func writeLine(_ line: String) {
    let text = line + "\n"
    var output = FileDescriptorOutput(descriptor: STDERR_FILENO, capacity: text.utf8.count)
    try? output.append(text)
    try? output.flush()
  }
}
