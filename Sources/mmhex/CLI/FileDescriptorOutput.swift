import Glibc

/// Buffered output written straight to a file descriptor with `write(2)`, in large blocks
/// (no stdio, no Foundation).
struct FileDescriptorOutput: ~Copyable {
  /// Why output stopped.
  enum WriteError: Error {
    /// The reader went away (EPIPE): for `mmhex dump … | head` that is the normal end, not a failure.
    case readerClosed
    /// Any other write failure, with the system's message.
    case failed(reason: String)
  }

  private let descriptor: Int32
  private let storage: UnsafeMutableBufferPointer<UInt8>
  private var count = 0

  /// Creates a writer to `descriptor` holding up to `capacity` bytes between writes.
  init(descriptor: Int32, capacity: Int) {
    self.descriptor = descriptor
    storage = .allocate(capacity: max(capacity, 1))
  }

  deinit { storage.deallocate() }

  /// Room left before the buffer must be written.
  var freeCount: Int { storage.count - count }

  /// Appends the UTF-8 bytes of `text`, writing the buffer out first if it is too full.
  mutating func append(_ text: String) throws(WriteError) {
    for byte in text.utf8 {
      if count == storage.count { try flush() }
      storage[count] = byte
      count += 1
    }
  }

  /// Appends `bytes`, writing the buffer out first whenever it is full.
  mutating func append(bytes: [UInt8]) throws(WriteError) {
    for byte in bytes {
      if count == storage.count { try flush() }
      storage[count] = byte
      count += 1
    }
  }

  /// Lets `fill` write at most `maximumCount` bytes at the end of the buffer (writing the buffer
  /// out first if there is not enough room); `fill` returns how many bytes it wrote.
  mutating func append(
    atMost maximumCount: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Int
  ) throws(WriteError) {
    precondition(maximumCount <= storage.count, "record larger than the output buffer")
    if freeCount < maximumCount { try flush() }
    let free = UnsafeMutableBufferPointer(rebasing: storage[count..<(count + maximumCount)])
    count += fill(free)
  }

  /// Writes everything pending.
  mutating func flush() throws(WriteError) {
    defer { count = 0 }
    try Self.write(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: storage[0..<count])), to: descriptor)
  }

  /// Writes what is pending, then all of `bytes` directly (without copying them into the buffer).
  mutating func write(_ bytes: [UInt8]) throws(WriteError) {
    try flush()
    let failure = bytes.withUnsafeBytes { buffer -> WriteError? in
      do throws(WriteError) {
        try Self.write(buffer, to: descriptor)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes.
  private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(WriteError) {
    guard let base = bytes.baseAddress else { return }
    var written = 0
    while written < bytes.count {
      let result = Glibc.write(descriptor, base + written, bytes.count - written)
      if result >= 0 {
        written += result
        continue
      }
      let code = errno
      if code == EINTR { continue }
      if code == EPIPE { throw .readerClosed }
      throw .failed(reason: String(cString: strerror(code)))
    }
  }
}
