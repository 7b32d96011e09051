import Glibc
import HexCore

/// The dump on its way to standard output: formats each chunk with a ``HexDumpWriter`` and writes
/// it out at once, so memory stays at one chunk whatever the input's size.
struct DumpOutput: ~Copyable {
  /// Why the dump stopped early.
  enum Failure: Error {
    /// The reader went away (EPIPE): for `mmhex dump … | head` the normal end, not a failure.
    case readerClosed
    /// Reading or writing failed; the message for the user.
    case failed(String)
  }

  private var writer: HexDumpWriter
  private var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 0)
  private var text: [UInt8] = []

  /// Input bytes per chunk: about 1 MiB, whole rows.
  var chunkSize: Int {
    if case .rows(let dump, _) = writer.format { return dump.chunkSize }
    return 1 << 20
  }

  init(format: HexDumpWriter.Format) {
    writer = HexDumpWriter(format: format)
  }

  /// Sets the offset of the first byte (`-s`).
  mutating func start(at offset: Int) {
    writer = HexDumpWriter(format: writer.format, offset: offset)
  }

  /// Formats and writes the next bytes.
  mutating func append(_ bytes: [UInt8]) throws(Failure) {
    text.removeAll(keepingCapacity: true)
    writer.append(bytes, to: &text)
    try flush()
  }

  /// Formats and writes the next bytes.
  mutating func append(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
    text.removeAll(keepingCapacity: true)
    writer.append(bytes, to: &text)
    try flush()
  }

  /// Writes what ends the dump.
  mutating func finish() throws(Failure) {
    text.removeAll(keepingCapacity: true)
    writer.finish(to: &text)
    try flush()
  }

  private mutating func flush() throws(Failure) {
    guard !text.isEmpty else { return }
    do {
      try output.write(text)
    } catch {
      switch error {
      case .readerClosed: throw .readerClosed
      case .failed(let reason): throw .failed("cannot write the dump: \(reason)")
      }
    }
  }
}
