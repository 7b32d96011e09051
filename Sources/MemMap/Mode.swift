extension MemMap {
  /// How a file is mapped; the equivalents of numpy's `r`, `r+`, `c` and `w+`.
  public enum Mode: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Read-only, shared view of the file (numpy `r`). Writes throw `MemMapError.notWritable`.
    case readOnly
    /// Read-write, shared: writes reach the file and other mappings of it (numpy `r+`).
    /// A `length` past the end of the file extends the file.
    case readWrite
    /// Private copy-on-write: writes are visible only to this map and never reach the file (numpy `c`).
    ///
    /// As POSIX specifies, a page this map has not written to yet still shows what other processes
    /// write to the file afterwards; the first write to a page makes it this map's own copy, which
    /// no longer changes with the file.
    case copyOnWrite
    /// Creates the file (or truncates an existing one) to `size` bytes, reserves the disk space so a
    /// full disk is an error at open rather than a crash later, and maps it read-write (numpy `w+`).
    case create(size: Int)

    /// Whether maps in this mode accept writes.
    public var isWritable: Bool {
      switch self {
      case .readOnly: false
      case .readWrite, .copyOnWrite, .create: true
      }
    }

    /// Whether writes in this mode reach the underlying file.
    var writesReachFile: Bool {
      switch self {
      case .readWrite, .create: true
      case .readOnly, .copyOnWrite: false
      }
    }

    /// The mode's name as written in Swift, e.g. `.create(size: 4096)`.
    public var description: String {
      switch self {
      case .readOnly: ".readOnly"
      case .readWrite: ".readWrite"
      case .copyOnWrite: ".copyOnWrite"
      case .create(let size): ".create(size: \(size))"
      }
    }
  }
}
