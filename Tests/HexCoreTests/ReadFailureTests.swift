import Foundation
import MemMap
import Testing

@testable import HexCore

/// A tmpfs of 64 KiB, full, holding a 1 MiB sparse file: reading a hole of that file needs a page
/// the file system cannot give, so the read fails although the file is not shorter. Needs root
/// and permission to mount; the tests are skipped otherwise.
private final class FullTmpfsWithSparseFile {
  let directory: TemporaryDirectory
  let mountPoint: String
  let path: String
  static let fileSize = 1 << 20
  /// Bytes written at the start of the file (before the file system was filled).
  static let head = countingBytes(4096)

  init() throws {
    directory = try TemporaryDirectory()
    mountPoint = directory.url.appendingPathComponent("disk").path
    try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
    try #require(Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]))
    path = mountPoint + "/sparse.bin"
    try Data(Self.head).write(to: URL(fileURLWithPath: path))
    let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try file.truncate(atOffset: UInt64(Self.fileSize))
    try file.close()
    // Fill what is left of the file system.
    FileManager.default.createFile(atPath: mountPoint + "/filler", contents: nil)
    let filler = try FileHandle(forWritingTo: URL(fileURLWithPath: mountPoint + "/filler"))
    while (try? filler.write(contentsOf: Data(count: 4096))) != nil {}
    try? filler.close()
  }

  deinit {
    // Lazily: a map of the file may outlive this object by a moment.
    Self.run("/usr/bin/umount", ["-l", mountPoint])
  }

  static let isAvailable: Bool = {
    guard getuid() == 0, let probe = try? TemporaryDirectory() else { return false }
    guard run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.url.path]) else { return false }
    _ = run("/usr/bin/umount", [probe.url.path])
    return true
  }()

  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

@Suite("A read that fails is not a truncation", .serialized)
struct ReadFailureTests {
  @Test(.enabled(if: FullTmpfsWithSparseFile.isAvailable, "needs root and permission to mount a small tmpfs"))
  func holeOnAFullDiskIsAReadFailure() throws {
    let disk = try FullTmpfsWithSparseFile()
    let document = Document(mapping: try MemMap.open(disk.path, mode: .readOnly), path: disk.path, isReadOnly: false)
    let window = document.window(at: 0x80000, length: 32)
    #expect(window.readableCount == 0)
    #expect(document.readFailure == 0x80000)
    #expect(document.truncatedCount == nil, "the file is still 1 MiB")
    #expect(document.readableCount == FullTmpfsWithSparseFile.fileSize)
    // The bytes written before the disk filled are still read.
    #expect(document.window(at: 0, length: 16).bytes == countingBytes(16))
    document.checkFile()
    #expect(document.truncatedCount == nil)
    withExtendedLifetime(disk) {}
  }

  @Test(.enabled(if: FullTmpfsWithSparseFile.isAvailable, "needs root and permission to mount a small tmpfs"))
  func theEditorSaysTheBytesCouldNotBeReadAndKeepsRunning() throws {
    let disk = try FullTmpfsWithSparseFile()
    let editor = Editor(
      document: Document(mapping: try MemMap.open(disk.path, mode: .readOnly), path: disk.path, isReadOnly: false),
      configuration: EditorConfiguration(bytesPerRow: 16))
    let size = TerminalSize(columns: 160, rows: 6)
    editor.press(.control("g"))
    editor.type("0x80000")
    editor.press(.enter)
    var frame = editor.render(size: size)
    #expect(frame.lines[0].text.hasPrefix("00080000  __ __ __ __"))
    #expect(
      frame.lines[5].text
        == "cannot read from 0x80000 on (I/O error, or no space for a sparse file's hole); not truncated")
    #expect(!frame.lines[4].text.contains("truncated"))
    editor.type("ab")
    #expect(
      editor.message
        == EditorMessage(
          "cannot edit 0x80000: it cannot be read (I/O error, or no space for a sparse file's hole)", isError: true))
    #expect(!editor.hasUnsavedChanges)
    // Back at the start everything reads again, and the note is gone.
    editor.press(.controlHome)
    frame = editor.render(size: size)
    #expect(frame.lines[0].text.hasPrefix("00000000  00 01 02 03"))
    #expect(frame.lines[5].text.hasPrefix("F1 help"))
    withExtendedLifetime(disk) {}
  }
}
