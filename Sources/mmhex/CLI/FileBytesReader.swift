import Glibc

/// Reads a file's current bytes at any offset with `pread(2)`; bytes past its end read as zero
/// (what `patch --grow` extends it with).
final class FileBytesReader {
  private let descriptor: Int32

  /// Opens `path` for reading.
  init(path: String) throws(ByteStream.ReadError) {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ByteStream.ReadError(reason: ByteStream.systemMessage(errno)) }
  }

  deinit { close(descriptor) }

  /// The `count` bytes at `offset`.
  func read(at offset: Int, count: Int) throws(ByteStream.ReadError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let result = bytes.withUnsafeMutableBytes { buffer in
        pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
      }
      if result > 0 {
        filled += result
      } else if result == 0 {
        break
      } else if errno != EINTR {
        throw ByteStream.ReadError(reason: ByteStream.systemMessage(errno))
      }
    }
    return bytes
  }
}
