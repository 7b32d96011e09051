import Glibc
import MemMap

/// How `dump`, `find` and the viewer read a path: regular files with a size are mapped; `-`
/// (standard input), pipes, FIFOs, devices and files that report a size of 0 (which may still
/// have content, as `/proc/self/maps` does) are read as a stream.
enum InputFile {
  /// The way to read one input.
  enum Kind: Equatable {
    /// Map it: a regular file with a size.
    case mapped
    /// Read it in order with `read(2)`.
    case streamed
  }

  /// The name `-` stands for standard input.
  static let standardInputName = "-"

  /// How `path` is read. A path that cannot be examined is `.mapped`, so that opening it reports
  /// the mapping library's error (no such file, permission denied, a directory).
  static func kind(of path: String) -> Kind {
    if path == standardInputName { return .streamed }
    var status = stat()
    guard stat(path, &status) == 0 else { return .mapped }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return status.st_size > 0 ? .mapped : .streamed
    case S_IFDIR: return .mapped
    default: return .streamed
    }
  }

  /// Opens `path` (or standard input for `-`) as a stream; a failure exits with `exitCode`.
  static func openStream(_ path: String, exitCode: Int32) throws(CommandLineFailure) -> ByteStream {
    if path == standardInputName { return .standardInput() }
    do {
      return try ByteStream.open(path)
    } catch {
      throw CommandLineFailure(message: "cannot open '\(path)': \(error)", exitCode: exitCode)
    }
  }

  /// The name of `path` in messages: `standard input` for `-`.
  static func displayName(_ path: String) -> String {
    path == standardInputName ? "standard input" : path
  }

  /// The most read into memory from a file that reports a size of 0 (`/proc` files are small).
  static let zeroSizeReadLimit = 64 << 20

  /// The content of `path` when it is a regular file that reports a size of 0 but has content
  /// (as `/proc/self/maps` does); `nil` for any other file, or one that is really empty.
  ///
  /// - Throws: ``CommandLineFailure`` when it cannot be read or holds more than
  ///   ``zeroSizeReadLimit`` bytes.
  static func contentReportedAsEmpty(_ path: String) throws(CommandLineFailure) -> [UInt8]? {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == 0 else { return nil }
    var stream: ByteStream
    do {
      stream = try ByteStream.open(path)
    } catch {
      throw CommandLineFailure(message: "cannot open '\(path)': \(error)", exitCode: CommandLineFailure.failureExitCode)
    }
    var content: [UInt8] = []
    do {
      try stream.forEachChunk(chunkSize: 1 << 16, limit: zeroSizeReadLimit + 1) { (bytes: UnsafeRawBufferPointer) throws(Never) in
        content.append(contentsOf: bytes)
        return true
      }
    } catch {
      if case .reading(let failure) = error {
        throw CommandLineFailure(message: "cannot read '\(path)': \(failure)", exitCode: CommandLineFailure.failureExitCode)
      }
    }
    guard content.count <= zeroSizeReadLimit else {
      throw CommandLineFailure(
        message: "cannot open '\(path)': it reports a size of 0 but holds more than \(zeroSizeReadLimit) bytes; "
          + "use 'mmhex dump' or 'mmhex find', which stream it",
        exitCode: CommandLineFailure.failureExitCode)
    }
    return content.isEmpty ? nil : content
  }
}
