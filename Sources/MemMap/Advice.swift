extension MemMap {
  /// A hint about how the mapped bytes will be accessed. Hints never change results; where the
  /// platform has no equivalent they are accepted and ignored.
  public enum Advice: Sendable, Equatable, Hashable {
    /// No special treatment (the default).
    case normal
    /// Bytes will be read in increasing order: read ahead aggressively, drop pages behind.
    case sequential
    /// Bytes will be read in no particular order: do not read ahead.
    case random
    /// The bytes will be needed soon: start reading them in now.
    case willNeed
    /// The bytes will not be needed soon: the system may drop the pages (file maps re-read them
    /// from the file; anonymous and copy-on-write pages may lose unsaved content on some systems).
    case dontNeed
    /// Back the range with huge pages (2 MiB on x86-64) where the system supports it for this kind
    /// of map (Linux transparent huge pages: anonymous maps, and files on tmpfs where enabled):
    /// fewer TLB misses for large random-access maps.
    case hugePages
  }
}
