import Glibc

/// Bytes read in order with `read(2)`, a chunk at a time: standard input, a pipe, a FIFO, a device,
/// or a file that reports a size of 0 but has content (`/proc/self/maps`). Never holds more than
/// the chunk the caller asks for.
struct ByteStream: ~Copyable {
  /// Why reading failed, with the system's message.
  struct ReadError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
  }

  /// The name used in messages: the path, or `standard input`.
  let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  /// Bytes read so far.
  private(set) var position = 0

  /// Standard input (`-`).
  static func standardInput() -> ByteStream {
    ByteStream(name: "standard input", descriptor: STDIN_FILENO, ownsDescriptor: false)
  }

  /// Opens `path` for reading (a FIFO waits for a writer, as `cat` does).
  static func open(_ path: String) throws(ReadError) -> ByteStream {
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ReadError(reason: Self.systemMessage(errno)) }
    return ByteStream(name: path, descriptor: descriptor, ownsDescriptor: true)
  }

  private init(name: String, descriptor: Int32, ownsDescriptor: Bool) {
    self.name = name
    self.descriptor = descriptor
    self.ownsDescriptor = ownsDescriptor
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Reads at most `buffer.count` bytes into `buffer`, waiting for at least one; returns how many
  /// were read, 0 at the end of the stream.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
    while true {
      let count = Glibc.read(descriptor, base, buffer.count)
      if count >= 0 {
        position += count
        return count
      }
      if errno == EINTR { continue }
      throw ReadError(reason: Self.systemMessage(errno))
    }
  }

  /// Reads and drops `count` bytes (or up to the end); returns how many were dropped.
  mutating func skip(_ count: Int) throws(ReadError) -> Int {
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { scratch.deallocate() }
    var skipped = 0
    while skipped < count {
      let wanted = min(scratch.count, count - skipped)
      let read = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<wanted]))
      if read == 0 { break }
      skipped += read
    }
    return skipped
  }

  /// Calls `body` with each chunk of at most `chunkSize` bytes until the stream ends, `limit`
  /// bytes were passed, or `body` returns false. A chunk is what one read returned, so a slow
  /// writer's bytes are passed on as they come.
  mutating func forEachChunk<Failure: Error>(
    chunkSize: Int = 1 << 20, limit: Int = .max, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Bool
  ) throws(StreamFailure<Failure>) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(chunkSize, limit)), alignment: 16)
    defer { buffer.deallocate() }
    var passed = 0
    while passed < limit {
      let wanted = min(buffer.count, limit - passed)
      let count: Int
      do {
        count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
      } catch {
        throw .reading(error)
      }
      if count == 0 { return }
      passed += count
      let goOn: Bool
      do {
        goOn = try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      } catch {
        throw .body(error)
      }
      if !goOn { return }
    }
  }

  /// The system's message for `code`, worded for the user.
  static func systemMessage(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "it is a directory"
    default: String(cString: strerror(code))
    }
  }
}

/// A failure while streaming: reading the input, or what was done with a chunk.
enum StreamFailure<Failure: Error>: Error {
  case reading(ByteStream.ReadError)
  case body(Failure)
}
