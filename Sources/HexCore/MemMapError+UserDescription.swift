import MemMap

extension MemMapError {
  /// One line for a person using mmhex: what went wrong with which file, and what to do, in
  /// the words of files and disks. ``description`` speaks to programmers using the library
  /// (`open with .create(size:)`, `map a smaller window (offset:length:)`); mmhex shows this instead.
  public var userDescription: String {
    let subject = path.map { "'\($0)'" } ?? "the scratch buffer"
    switch self {
    case .fileNotFound(let path):
      return "'\(path)' does not exist"
    case .directoryNotFound(let path):
      return "the directory for '\(path)' does not exist"
    case .isDirectory(let path):
      return "'\(path)' is a directory"
    case .notRegularFile(let path, let kind):
      return "'\(path)' is a \(kind), not a regular file"
    case .permissionDenied(let path, let mode):
      let need = mode.isWritable && mode != .copyOnWrite ? "write" : "read"
      return "permission denied: you may not \(need) '\(path)'"
    case .windowBeyondEndOfFile(let path, _, _, let fileSize, _):
      return "'\(path)' is shorter than expected (\(fileSize) bytes); another process may have truncated it"
    case .outOfBounds(_, let offset, _, let mapCount):
      return "byte \(offset) is outside the \(mapCount) bytes of \(subject)"
    case .misaligned(_, let offset, _):
      return "cannot read \(subject) at byte \(offset) (misaligned)"
    case .notWritable:
      return "\(subject) is open read-only"
    case .writeProtected:
      return "\(subject) is protected from writing right now"
    case .invalidSize(_, let size, let reason):
      return "\(size) bytes is not a size \(subject) can have: \(reason)"
    case .unsupported(let path, _, let reason):
      // Without a path it is the scratch buffer, whose only limit is having no file.
      return path.map { "not possible for '\($0)': \(reason)" } ?? "the scratch buffer has no file on disk"
    case .noSpace(let path):
      return "no space left on the device holding '\(path)'; free some space"
    case .addressSpaceExhausted(let path, let requested):
      return path.map { "not enough memory to map \(requested) bytes of '\($0)'" } ?? "not enough memory for \(requested) bytes"
    case .fileTruncated(let path, _, let fileSize):
      return "another process truncated '\(path)' to \(fileSize) bytes while it was being read"
    case .ioError(_, let offset):
      return "the storage could not read \(subject) at byte \(offset) (an I/O error); check the disk or network file system"
    case .systemError(_, let operation, let reason):
      return "\(subject): \(reason) (\(operation) failed)"
    }
  }
}
