import MemMap

/// The hidden files mmhex keeps next to an edited file: the save journal and the marker that
/// says another mmhex has unsaved edits.
///
/// They are keyed by the file itself, not by the name it was opened with: they live in the
/// directory of the file's resolved path (every symbolic link followed), so opening the file
/// through a link or by its real name finds the same ones. Their names are
/// `.NAME.HASH.SUFFIX`, where NAME is the file's name cut to at most 40 bytes and HASH a 64-bit
/// hash of the whole name in hex, so they fit even when the file's own name has the longest
/// length a file system allows.
enum CompanionFile: String {
  /// The save journal (``SaveJournal``).
  case journal = "mmhex-journal"
  /// The unsaved-edits marker (``UnsavedEditsMarker``).
  case editingMarker = "mmhex-editing"

  /// The longest part of the file's name kept in a companion's name, in UTF-8 bytes.
  static let nameLimit = 40

  /// The companion of this kind for the file at `filePath`.
  func path(for filePath: String) -> String {
    let (directory, name) = Self.split(Self.resolved(filePath))
    let hash = String(Self.hash(name), radix: 16)
    let paddedHash = String(repeating: "0", count: 16 - hash.count) + hash
    return "\(directory).\(name.prefixFittingUTF8(Self.nameLimit)).\(paddedHash).\(rawValue)"
  }

  /// `filePath` with every symbolic link resolved, or as given when it cannot be resolved.
  static func resolved(_ filePath: String) -> String {
    (try? MemMap.resolvedPath(of: filePath)) ?? filePath
  }

  /// The directory part (empty or ending in `/`) and the name.
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
  }

  /// FNV-1a, 64 bits: stable across runs and versions (unlike `Hasher`), which a name on disk needs.
  static func hash(_ name: String) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return value
  }
}
