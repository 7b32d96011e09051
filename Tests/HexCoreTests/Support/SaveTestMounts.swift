import Foundation
import Testing

/// Runs `executable arguments…` quietly; whether it exited with status 0.
func runTool(_ executable: String, _ arguments: [String]) throws -> Bool {
  guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.standardError = FileHandle.nullDevice
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus == 0
}

/// Small file systems mounted for one test and unmounted (newest first) when released.
/// Root ignores permission bits, so a read-only mount is the honest way to get a directory
/// nobody can create a file in, and a tiny tmpfs the honest way to get a full disk.
final class SaveTestMounts {
  private var mountPoints: [String] = []

  /// Mounts with `mount arguments… target`; throws if that fails.
  func mount(_ arguments: [String], at target: String) throws {
    try #require(try runTool("/usr/bin/mount", arguments + [target]), "mount \(arguments) \(target)")
    mountPoints.append(target)
  }

  /// Mounts an empty ext4 file system of `megabytes` MiB at `target`, through a loop device
  /// over an image file that lives beside `target`.
  func mountExt4(megabytes: Int, at target: String) throws {
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    let image = target + ".img"
    try #require(FileManager.default.createFile(atPath: image, contents: nil))
    try resizeFile(image, to: megabytes << 20)
    try #require(try runTool("/usr/sbin/mkfs.ext4", ["-q", "-F", "-m", "0", image]), "mkfs.ext4 \(image)")
    try mount(["-o", "loop", image], at: target)
  }

  /// Mounts an empty tmpfs of `size` bytes at `target`.
  func mountTmpfs(size: Int, at target: String) throws {
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs"], at: target)
  }

  deinit {
    for target in mountPoints.reversed() {
      _ = try? runTool("/usr/bin/umount", [target])
    }
  }

  /// Whether this process may mount file systems (root on a system that allows it).
  static let isAvailable: Bool = {
    guard let directory = try? SaveTestDirectory() else { return false }
    let probe = directory.file("probe")
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    guard (try? runTool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) == true else {
      return false
    }
    _ = try? runTool("/usr/bin/umount", [probe])
    return true
  }()
}
