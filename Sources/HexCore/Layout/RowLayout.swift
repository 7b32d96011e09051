/// Where everything sits on one row of the hex view.
///
/// A row reads, for 16 bytes per row:
/// ```
/// 00000010  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  hello, world!...
/// ```
/// the offset (hex, at least 8 digits, more when the file size needs them), two spaces,
/// the bytes as two hex digits separated by one space with one extra space after every
/// 8 bytes, two spaces, then the text column (printable ASCII, `.` for the rest).
public struct RowLayout: Hashable, Sendable {
  /// Bytes per row shown in a group before an extra separating space.
  public static let groupSize = 8
  /// The fewest bytes per row the automatic choice will use.
  public static let minimumAutomaticBytesPerRow = 8

  /// Bytes shown on each row.
  public let bytesPerRow: Int
  /// Hex digits in the offset column.
  public let offsetDigits: Int

  /// Creates the layout for `bytesPerRow` bytes per row in a file of `fileSize` bytes.
  ///
  /// - Parameters:
  ///   - bytesPerRow: At least 1.
  ///   - fileSize: Decides the width of the offset column.
  public init(bytesPerRow: Int, fileSize: Int) {
    self.bytesPerRow = max(1, bytesPerRow)
    self.offsetDigits = Self.offsetDigits(forFileSize: fileSize)
  }

  /// The layout for a terminal `width` columns wide, or `nil` when not even the
  /// smallest row fits.
  ///
  /// - Parameters:
  ///   - width: Terminal columns.
  ///   - fileSize: Decides the width of the offset column.
  ///   - requestedBytesPerRow: A fixed choice (`--width`); used when it fits, otherwise
  ///     the automatic choice is capped by it.
  /// - Returns: The widest layout that fits: automatic choices are multiples of 8.
  public static func fitting(width: Int, fileSize: Int, requestedBytesPerRow: Int? = nil) -> RowLayout? {
    let digits = offsetDigits(forFileSize: fileSize)
    if let requested = requestedBytesPerRow, requested >= 1,
      rowWidth(bytesPerRow: requested, offsetDigits: digits) <= width
    {
      return RowLayout(bytesPerRow: requested, fileSize: fileSize)
    }
    // Each 8 more bytes cost 33 columns: 8 x (3 hex + 1 text) + 1 group space.
    let spare = width - rowWidth(bytesPerRow: minimumAutomaticBytesPerRow, offsetDigits: digits)
    guard spare >= 0 else { return nil }
    var bytes = minimumAutomaticBytesPerRow + spare / 33 * groupSize
    if let requested = requestedBytesPerRow, requested >= minimumAutomaticBytesPerRow {
      bytes = min(bytes, requested / groupSize * groupSize)
    }
    return RowLayout(bytesPerRow: bytes, fileSize: fileSize)
  }

  /// The narrowest terminal that can show one row of a file of `fileSize` bytes.
  public static func minimumWidth(fileSize: Int) -> Int {
    rowWidth(bytesPerRow: minimumAutomaticBytesPerRow, offsetDigits: offsetDigits(forFileSize: fileSize))
  }

  /// Hex digits needed to write `fileSize` (at least 8), so every offset in the file fits.
  public static func offsetDigits(forFileSize fileSize: Int) -> Int {
    var digits = 1
    var rest = UInt(max(fileSize, 0)) >> 4
    while rest > 0 {
      digits += 1
      rest >>= 4
    }
    return max(8, digits)
  }

  /// Columns used by a full row.
  public static func rowWidth(bytesPerRow: Int, offsetDigits: Int) -> Int {
    offsetDigits + 2 + hexWidth(bytesPerRow: bytesPerRow) + 2 + bytesPerRow
  }

  /// Columns used by the hex column of a full row.
  static func hexWidth(bytesPerRow: Int) -> Int {
    bytesPerRow * 3 - 1 + (bytesPerRow - 1) / groupSize
  }

  /// Columns used by a full row.
  public var width: Int { Self.rowWidth(bytesPerRow: bytesPerRow, offsetDigits: offsetDigits) }

  /// The column of the first hex digit of the byte at `index` within the row.
  public func hexColumn(ofByteAt index: Int) -> Int {
    offsetDigits + 2 + index * 3 + index / Self.groupSize
  }

  /// The column of the text cell of the byte at `index` within the row.
  public func textColumn(ofByteAt index: Int) -> Int {
    textStart + index
  }

  /// The column where the text column starts.
  public var textStart: Int {
    offsetDigits + 2 + Self.hexWidth(bytesPerRow: bytesPerRow) + 2
  }
}
