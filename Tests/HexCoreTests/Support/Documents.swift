import Foundation
import MemMap

@testable import HexCore

/// A document over an anonymous map holding `bytes`, named `path`.
func makeDocument(_ bytes: [UInt8], path: String? = "sample.bin", isReadOnly: Bool = false) throws -> Document {
  var map = try MemMap.anonymous(size: bytes.count)
  try map.write(bytes, at: 0)
  return Document(mapping: map, path: path, isReadOnly: isReadOnly)
}

/// A temporary directory removed when the value is deinitialised.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("hexcore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to a file named `name` and returns its path.
  func file(_ name: String, bytes: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Creates a sparse file of `size` bytes that a search for a pattern it lacks must read page by
  /// page: a byte 0x02 every mebibyte less a page, so the holes between are all narrower than the
  /// chunk a search would skip.
  func slowToSearchFile(_ name: String, size: Int) throws -> String {
    let path = url.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.truncate(atOffset: UInt64(size))
    for offset in stride(from: 0, to: size, by: (1 << 20) - 4096) {
      try handle.seek(toOffset: UInt64(offset))
      try handle.write(contentsOf: Data([0x02]))
    }
    return path
  }

  /// Creates a sparse file of `size` bytes with `tail` written at its very end.
  func sparseFile(_ name: String, size: Int, tail: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(size))
    try handle.seek(toOffset: UInt64(size - tail.count))
    try handle.write(contentsOf: Data(tail))
    try handle.close()
    return path
  }

  /// Shrinks the file at `path` to `size` bytes, as another process would.
  func truncate(_ path: String, to size: Int) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}

extension Frame {
  /// The frame with a `|` after every line, so trailing spaces show in expectations.
  var screen: String { lines.map { $0.text + "|" }.joined(separator: "\n") }
}

extension Editor {
  /// Sends `keys` in order; returns the outcome of the last.
  @discardableResult
  func press(_ keys: Key...) -> EditorOutcome {
    var outcome = EditorOutcome.continue
    for key in keys { outcome = handle(key) }
    return outcome
  }

  /// Types `text` as character keys.
  func type(_ text: String) {
    for character in text { _ = handle(.character(character)) }
  }
}
