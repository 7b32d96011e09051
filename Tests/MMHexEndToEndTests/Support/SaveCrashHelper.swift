import Foundation

/// The `mmhex-save-crash-helper` executable, which runs a save and kills itself with SIGKILL
/// after a chosen step. It is built into the same folder as `mmhex` (another test target
/// depends on it), so it is looked up next to ``MMHexBinary/path``.
enum SaveCrashHelper {
  /// The helper's path, or `nil` when it was not built next to `mmhex`.
  static let path: String? = {
    let folder = URL(fileURLWithPath: MMHexBinary.path).deletingLastPathComponent()
    let helper = folder.appendingPathComponent("mmhex-save-crash-helper").path
    return FileManager.default.isExecutableFile(atPath: helper) ? helper : nil
  }()

  /// Runs the helper on `file`: it inverts every `stride`-th byte from offset 17 and the five
  /// bytes around the boundary between the third and fourth 4 KiB pages, saving with the
  /// crash-safe saver, and kills itself after save step `stop` (0: journal written, then one
  /// step per page written).
  ///
  /// - Returns: How the helper ended (128 + 9 when it killed itself).
  static func run(_ helper: String, file: String, stride: Int, stop: Int) throws -> MMHexBinary.Result {
    try MMHexBinary.runProgram(helper, [file, String(stride), String(stop)])
  }
}
