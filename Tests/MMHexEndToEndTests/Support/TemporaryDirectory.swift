import Foundation

/// A fresh directory for one test, removed when the value goes away.
final class TemporaryDirectory {
  /// The directory's URL.
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("mmhex-e2e-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `bytes` to a new file `name` and returns its path.
  @discardableResult
  func file(_ name: String, bytes: [UInt8]) throws -> String {
    let path = path(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Creates a sparse file `name` of `size` bytes holding `patches` (offset → bytes) and returns its path.
  @discardableResult
  func sparseFile(_ name: String, size: Int, patches: [(offset: Int, bytes: [UInt8])] = []) throws -> String {
    let path = path(name)
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.truncate(atOffset: UInt64(size))
    for patch in patches {
      try handle.seek(toOffset: UInt64(patch.offset))
      try handle.write(contentsOf: Data(patch.bytes))
    }
    return path
  }

  /// Creates a sparse file `name` of `size` bytes that a search for a pattern it lacks must read
  /// page by page: a byte 0x02 every mebibyte less a page, so the holes between are all narrower
  /// than the chunk a search would skip.
  @discardableResult
  func slowToSearchFile(_ name: String, size: Int) throws -> String {
    try sparseFile(name, size: size, patches: stride(from: 0, to: size, by: (1 << 20) - 4096).map { ($0, [0x02]) })
  }
}
