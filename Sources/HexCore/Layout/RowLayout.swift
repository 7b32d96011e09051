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

  /// The layout for a terminal `width` columns wide, or `nil` when not even one byte per row fits.
  ///
  /// The automatic choice is the most bytes that fit, rounded down to a multiple of 8; a terminal
  /// too narrow for 8 gets 4, 2 or 1 byte per row, so that row offsets stay round.
  ///
  /// - Parameters:
  ///   - width: Terminal columns.
  ///   - fileSize: Decides the width of the offset column.
  ///   - requestedBytesPerRow: A fixed choice (`--width`); used when it fits, otherwise
  ///     the automatic choice is capped by it.
  public static func fitting(width: Int, fileSize: Int, requestedBytesPerRow: Int? = nil) -> RowLayout? {
    let most = mostBytesPerRow(width: width, fileSize: fileSize)
    guard most >= 1 else { return nil }
    if let requested = requestedBytesPerRow, requested >= 1, requested <= most {
      return RowLayout(bytesPerRow: requested, fileSize: fileSize)
    }
    var bytes = automaticBytesPerRow(most: most)
    if let requested = requestedBytesPerRow, requested >= 1 {
      bytes = min(bytes, automaticBytesPerRow(most: requested))
    }
    return RowLayout(bytesPerRow: bytes, fileSize: fileSize)
  }

  /// The most bytes per row whose row fits in `width` columns (0 when not even one does).
  public static func mostBytesPerRow(width: Int, fileSize: Int) -> Int {
    // A row of n bytes takes offset + 3 + 4n + (n - 1) / 8 columns: each byte costs 3 hex
    // columns and 1 text column, each full group of 8 one more.
    let room = width - offsetDigits(forFileSize: fileSize) - 3
    guard room >= 4 else { return 0 }
    let costOfBytes = { (count: Int) in 4 * count + (count - 1) / groupSize }
    // 33 columns hold 8 bytes; the estimate is at most one short.
    var count = room / 33 * groupSize + room % 33 * groupSize / 33
    while costOfBytes(count + 1) <= room { count += 1 }
    return count
  }

  /// The automatic bytes per row when at most `most` fit: a multiple of 8, else 4, 2 or 1.
  static func automaticBytesPerRow(most: Int) -> Int {
    if most >= groupSize { return most / groupSize * groupSize }
    var bytes = 1
    while bytes * 2 <= most { bytes *= 2 }
    return bytes
  }

  /// The narrowest terminal that can show one row of a file of `fileSize` bytes (one byte per row).
  public static func minimumWidth(fileSize: Int) -> Int {
    rowWidth(bytesPerRow: 1, offsetDigits: offsetDigits(forFileSize: fileSize))
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

  /// Columns used by a full row (`Int.max` for rows too wide to count).
  public static func rowWidth(bytesPerRow: Int, offsetDigits: Int) -> Int {
    guard bytesPerRow <= uncountableBytesPerRow else { return Int.max }
    return offsetDigits + 2 + hexWidth(bytesPerRow: bytesPerRow) + 2 + bytesPerRow
  }

  /// Columns used by the hex column of a full row (`Int.max` for rows too wide to count).
  static func hexWidth(bytesPerRow: Int) -> Int {
    guard bytesPerRow <= uncountableBytesPerRow else { return Int.max }
    return bytesPerRow * 3 - 1 + (bytesPerRow - 1) / groupSize
  }

  /// Beyond this many bytes per row the column arithmetic could overflow; no terminal is that wide.
  private static let uncountableBytesPerRow = Int.max / 8

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
