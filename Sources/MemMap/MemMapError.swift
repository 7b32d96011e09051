/// Why a MemMap operation failed. Every case carries what is needed to act on it, and
/// `description` is one line: what failed, on which path, and what to do.
public enum MemMapError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
  /// No file exists at `path` (and the mode does not create one).
  case fileNotFound(path: String)
  /// The file at `path` cannot be created because its directory does not exist.
  case directoryNotFound(path: String)
  /// `path` names a directory.
  case isDirectory(path: String)
  /// `path` is not a regular file (`kind` is e.g. "FIFO", "socket", "character device").
  case notRegularFile(path: String, kind: String)
  /// The process may not open `path` the way `mode` needs.
  case permissionDenied(path: String, mode: MemMap.Mode)
  /// The requested window `offset..<offset+length` reaches past the end of a file of `fileSize` bytes.
  case windowBeyondEndOfFile(path: String, offset: Int, length: Int, fileSize: Int, mode: MemMap.Mode)
  /// An access of `count` bytes at `offset` does not fit in a map of `mapCount` bytes
  /// (also negative values and integer overflow).
  case outOfBounds(path: String?, offset: Int, count: Int, mapCount: Int)
  /// A typed view at byte `offset` is not aligned to its element type's `alignment`.
  case misaligned(path: String?, offset: Int, alignment: Int)
  /// `operation` needs a writable map but the map was opened with `mode`.
  case notWritable(path: String?, operation: String, mode: MemMap.Mode)
  /// `operation` needs a writable map, but `setWritable(false)` made the map read-only.
  case writeProtected(path: String?, operation: String)
  /// A size or count argument is invalid (negative, or too large to represent).
  case invalidSize(path: String?, size: Int, reason: String)
  /// `operation` is not available for this kind of map; `reason` says why.
  case unsupported(path: String?, operation: String, reason: String)
  /// The file system holding `path` is full (or over quota).
  case noSpace(path: String)
  /// The process ran out of address space (or memory) mapping `requested` bytes.
  case addressSpaceExhausted(path: String?, requested: Int)
  /// Another process truncated the file to `fileSize` bytes while it was mapped, so the access at
  /// `offset` (relative to the start of the map) no longer has backing bytes.
  case fileTruncated(path: String, offset: Int, fileSize: Int)
  /// The system could not read or write the mapped page at `offset` (relative to the start of the
  /// map), e.g. a disk error or a vanished network file system.
  case ioError(path: String?, offset: Int)
  /// Any other failure of the system call `operation`; `reason` is the system's message.
  case systemError(path: String?, operation: String, reason: String)

  /// The path the failure concerns, or nil for anonymous maps.
  public var path: String? {
    switch self {
    case .fileNotFound(let path), .directoryNotFound(let path), .isDirectory(let path), .notRegularFile(let path, _),
      .permissionDenied(let path, _), .windowBeyondEndOfFile(let path, _, _, _, _),
      .noSpace(let path), .fileTruncated(let path, _, _):
      path
    case .outOfBounds(let path, _, _, _), .misaligned(let path, _, _), .notWritable(let path, _, _),
      .writeProtected(let path, _),
      .invalidSize(let path, _, _), .unsupported(let path, _, _),
      .addressSpaceExhausted(let path, _), .ioError(let path, _), .systemError(let path, _, _):
      path
    }
  }

  /// One line: what failed, on which path, and what to do about it.
  public var description: String {
    let subject = Self.subject(path)
    switch self {
    case .fileNotFound(let path):
      return "cannot map '\(path)': no such file; check the path, or open with .create(size:) to create it"
    case .directoryNotFound(let path):
      return "cannot create '\(path)': its directory does not exist; create the directory first, or choose another path"
    case .isDirectory(let path):
      return "cannot map '\(path)': it is a directory; pass the path of a regular file"
    case .notRegularFile(let path, let kind):
      return "cannot map '\(path)': it is a \(kind), not a regular file; copy its content to a regular file first"
    case .permissionDenied(let path, let mode):
      let need = mode.isWritable && mode != .copyOnWrite ? "read and write" : "read"
      return "cannot map '\(path)' with \(mode): permission denied; make sure you may \(need) the file"
    case .windowBeyondEndOfFile(let path, let offset, let length, let fileSize, let mode):
      let window =
        length == 0
        ? "offset \(offset) is past the end of the \(fileSize)-byte file"
        : "bytes \(offset)..<\(Self.end(offset, length)) reach past the end of the \(fileSize)-byte file"
      return "cannot map '\(path)' with \(mode): \(window); request a smaller window, or open with .readWrite (r+) "
        + "or .create(size:) to extend the file"
    case .outOfBounds(_, let offset, let count, let mapCount):
      return "access to \(MemMap.byteCount(count)) at offset \(offset) of \(subject) is out of bounds: the map holds "
        + "\(MemMap.byteCount(mapCount)); offset and count must not be negative, and offset + count must not exceed \(mapCount)"
    case .misaligned(_, let offset, let alignment):
      return "typed view at byte offset \(offset) of \(subject) is misaligned: the element type needs \(alignment)-byte "
        + "alignment; use an aligned offset, or read(at:count:)/load(as:at:) which accept any offset"
    case .notWritable(_, let operation, let mode):
      return "\(operation) on \(subject) failed: the map is \(mode); open it with .readWrite, .create(size:) or .copyOnWrite to modify it"
    case .writeProtected(_, let operation):
      return "\(operation) on \(subject) failed: the map was made read-only with setWritable(false); call setWritable(true) first"
    case .invalidSize(_, let size, let reason):
      return "invalid size \(size) for \(subject): \(reason)"
    case .unsupported(_, let operation, let reason):
      return "\(operation) is not supported for \(subject): \(reason)"
    case .noSpace(let path):
      return "no space left on the device holding '\(path)'; free some disk space or choose a smaller size"
    case .addressSpaceExhausted(let path, let requested):
      let remedy = path == nil ? "choose a smaller size" : "map a smaller window (offset:length:)"
      return "cannot map \(MemMap.byteCount(requested)) for \(subject): out of address space or memory; \(remedy)"
    case .fileTruncated(let path, let offset, let fileSize):
      return "accessing '\(path)' at map offset \(offset) failed: file was truncated to \(MemMap.byteCount(fileSize)) "
        + "by another process; close the map and open the file again"
    case .ioError(_, let offset):
      return "I/O error accessing \(subject) at map offset \(offset): the storage could not supply the page; "
        + "check the device or network file system, then open the file again"
    case .systemError(_, let operation, let reason):
      return "\(operation) failed for \(subject): \(reason)"
    }
  }

  private static func subject(_ path: String?) -> String {
    path.map { "'\($0)'" } ?? "an anonymous map"
  }

  private static func end(_ offset: Int, _ length: Int) -> String {
    let (sum, overflow) = offset.addingReportingOverflow(length)
    return overflow ? "(overflow)" : String(sum)
  }
}

extension MemMap {
  /// A byte count in words: "1 byte", "4096 bytes".
  static func byteCount(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(count) bytes"
  }
}
