import Foundation
import MemMap
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh temporary directory, removed (with everything in it) when the value goes away.
final class TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("\(NSTemporaryDirectory())/memmap-tests-XXXXXX".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    path = String(cString: try #require(created))
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Full path of `name` inside the directory.
  func file(_ name: String) -> String { "\(path)/\(name)" }

  /// Writes `bytes` to `name` and returns its full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}

/// The bytes currently stored in the file at `path`, read with ordinary I/O.
func contentsOnDisk(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Sets the size of the file at `path` through a separate descriptor (as another process would).
func truncateFile(_ path: String, to size: Int) throws {
  let descriptor = open(path, O_RDWR)
  try #require(descriptor >= 0)
  defer { close(descriptor) }
  try #require(ftruncate(descriptor, off_t(size)) == 0)
}

/// Writes `bytes` at `offset` of the file at `path` through a separate descriptor.
func writeThroughDescriptor(_ path: String, _ bytes: [UInt8], at offset: Int) throws {
  let descriptor = open(path, O_RDWR)
  try #require(descriptor >= 0)
  defer { close(descriptor) }
  let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
  try #require(written == bytes.count)
}

/// Deterministic, non-repeating-looking test content.
func pattern(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &+ ($0 >> 8)) }
}

/// Runs `body` expecting it to throw exactly `expected`.
func expectError(_ expected: MemMapError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(MemMapError) -> Void) {
  do {
    try body()
    Issue.record("expected \(expected), but nothing was thrown", sourceLocation: sourceLocation)
  } catch {
    #expect(error == expected, sourceLocation: sourceLocation)
  }
}

/// Runs `body` expecting it to throw, and returns the error.
func caughtError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(MemMapError) -> Void) -> MemMapError? {
  do {
    try body()
    Issue.record("expected an error, but nothing was thrown", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}

/// Runs `body` (whose errors are untyped, like a view's) expecting it to throw exactly `expected`.
func expectError(_ expected: MemMapError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
  #expect(caughtError(sourceLocation: sourceLocation, body) == expected, sourceLocation: sourceLocation)
}

/// Runs `body` (whose errors are untyped, like a view's) expecting it to throw a `MemMapError`,
/// and returns the error.
func caughtError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> MemMapError? {
  do {
    try body()
    Issue.record("expected an error, but nothing was thrown", sourceLocation: sourceLocation)
    return nil
  } catch let error as MemMapError {
    return error
  } catch {
    Issue.record("expected a MemMapError, but \(error) was thrown", sourceLocation: sourceLocation)
    return nil
  }
}

let isRoot = geteuid() == 0
