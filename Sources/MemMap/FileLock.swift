/// An exclusive lock on a file, shared by every process that asks for it through `FileLock`:
/// while one value holds it, no other value (in this process or another) can.
///
/// The lock belongs to this value alone: releasing it or letting it go out of scope unlocks,
/// and the system unlocks it when the process ends, however it ends, so a crashed holder never
/// leaves a stale lock. Opening and closing maps of the same file does not affect it.
///
/// The lock is advisory: it keeps out only those who ask for it, not readers or writers.
///
/// ```swift
/// guard let lock = try FileLock.acquire("data.bin", waitingUpTo: .seconds(2)) else {
///   // someone else holds it
/// }
/// // ... work on data.bin ...
/// lock.release()
/// ```
public struct FileLock: ~Copyable, Sendable {
  private let reference: Backend.LockReference

  /// The path the lock was taken on.
  public let path: String

  private init(reference: Backend.LockReference, path: String) {
    self.reference = reference
    self.path = path
  }

  /// Locks the file at `path`, waiting up to `timeout` for another holder to let go.
  ///
  /// - Parameters:
  ///   - path: The file to lock; every name of the file (links included) shares one lock.
  ///   - creatingIfMissing: Whether to create an empty file when none exists.
  ///   - timeout: How long to keep trying; `.zero` tries once.
  /// - Returns: The lock, or `nil` when someone else still held it after `timeout`.
  /// - Throws: ``MemMapError`` when the file cannot be opened (for example it does not exist).
  public static func acquire(
    _ path: String, creatingIfMissing: Bool = false, waitingUpTo timeout: Duration = .zero
  ) throws(MemMapError) -> FileLock? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      if let reference = try Backend.tryLock(path: path, creating: creatingIfMissing) {
        return FileLock(reference: reference, path: path)
      }
      guard clock.now < deadline else { return nil }
      Backend.pause(milliseconds: 10)
    }
  }

  /// Unlocks the file.
  public consuming func release() {}

  deinit {
    Backend.unlock(reference)
  }
}
