/// Byte order of a multi-byte integer stored in a map.
public enum Endianness: Sendable, Equatable, Hashable {
  /// Least significant byte first (x86, ARM in its usual configuration).
  case little
  /// Most significant byte first ("network order").
  case big

  /// The byte order of the machine running the code.
  public static var host: Endianness {
    #if _endian(little)
    .little
    #else
    .big
    #endif
  }
}
