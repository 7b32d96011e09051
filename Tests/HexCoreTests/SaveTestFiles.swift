import Foundation
import Synchronization

/// A fresh directory under the system's temporary directory, removed when released.
final class SaveTestDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "mmhex-save-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The path of `name` inside the directory.
  func file(_ name: String) -> String { path + "/" + name }

  /// Creates (or replaces) the file `name` holding `bytes`; returns its path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let target = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }
}

/// The bytes of the file at `path`.
func contents(of path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Whether a file exists at `path`.
func fileExists(_ path: String) -> Bool {
  FileManager.default.fileExists(atPath: path)
}

/// Deterministic, varied test bytes.
func patternBytes(count: Int, seed: UInt8 = 0) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &+ ($0 >> 8)) }
}

/// Sets the modification time of `path`, as another program touching the file would.
func setModificationDate(of path: String, to date: Date) throws {
  try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
}

/// Truncates or extends the file at `path` to `size` bytes, as another process would.
func resizeFile(_ path: String, to size: Int) throws {
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  try handle.truncate(atOffset: UInt64(size))
  try handle.close()
}

/// A thread-safe list, for collecting what a `@Sendable` observer saw.
final class SaveTestRecorder<Element: Sendable>: Sendable {
  private let storage = Mutex<[Element]>([])

  func append(_ element: Element) { storage.withLock { $0.append(element) } }

  var elements: [Element] { storage.withLock { $0 } }
}
