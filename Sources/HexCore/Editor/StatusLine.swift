/// The status bar: file name, markers, cursor offset (hex and decimal), size and position.
///
/// ```
///  data.bin [read-only]                      0x0000001f  31 / 4096 bytes  0%
/// ```
public struct StatusLine: Hashable, Sendable {
  /// File name, or `"[scratch]"`; control characters in it are shown escaped (`\n`).
  public var displayName: String
  /// File size in bytes.
  public var count: Int
  /// Cursor offset.
  public var cursor: Int
  /// Hex digits for the offset (the offset column's width).
  public var offsetDigits: Int
  /// Whether the session cannot write the file.
  public var isReadOnly: Bool
  /// How far the document differs from the file (``ChangeTally/marker``).
  public var changes: ChangeTally
  /// Bytes still readable when the file was truncated by another process, else `nil`.
  public var truncatedCount: Int?
  /// Whether another process changed the file on disk since it was opened or saved.
  public var isChangedOnDisk: Bool
  /// Whether the file's path was deleted or now names another file.
  public var pathChange: PathChange?
  /// The selected bytes, if any: shown as their first offset and their length.
  public var selection: Range<Int>?
  /// Whether typing inserts (`INS`) or overwrites (`OVR`); `nil` shows neither.
  public var isInserting: Bool?

  /// Creates a status line.
  public init(
    displayName: String,
    count: Int,
    cursor: Int,
    offsetDigits: Int = 8,
    isReadOnly: Bool = false,
    changes: ChangeTally = .none,
    truncatedCount: Int? = nil,
    isChangedOnDisk: Bool = false,
    pathChange: PathChange? = nil,
    selection: Range<Int>? = nil,
    isInserting: Bool? = nil
  ) {
    self.selection = selection
    self.isInserting = isInserting
    self.displayName = displayName
    self.count = count
    self.cursor = cursor
    self.offsetDigits = offsetDigits
    self.isReadOnly = isReadOnly
    self.changes = changes
    self.truncatedCount = truncatedCount
    self.isChangedOnDisk = isChangedOnDisk
    self.pathChange = pathChange
  }

  /// How far through the file the cursor is, 0 to 100 (100 on the last byte, and past it at
  /// the append position).
  public var percent: Int {
    count <= 1 || cursor >= count - 1 ? 100 : Int(Double(cursor) / Double(count - 1) * 100)
  }

  /// The hex cursor offset, `0x` and zero-padded to ``offsetDigits``.
  public var hexCursor: String { paddedHex(cursor) }

  /// `offset` as `0x` and hex digits, zero-padded to ``offsetDigits``.
  private func paddedHex(_ offset: Int) -> String {
    let digits = String(offset, radix: 16)
    return "0x" + String(repeating: "0", count: max(offsetDigits - digits.count, 0)) + digits
  }

  /// The selection's first offset and length (`selected 0x00000010  32 bytes`), or `""`.
  public var selectionText: String {
    guard let selection else { return "" }
    return "selected \(paddedHex(selection.lowerBound))  \(selection.count) byte\(selection.count == 1 ? "" : "s")"
  }

  /// The markers after the name.
  public var markers: String {
    var text = ""
    if isReadOnly { text += " [read-only]" }
    if changes.hasChanges { text += " " + changes.marker }
    switch pathChange {
    case .deleted: text += " [deleted on disk]"
    case .replaced: text += " [replaced on disk]"
    case nil: break
    }
    if let truncatedCount {
      text += " [truncated to \(truncatedCount) bytes]"
    } else if isChangedOnDisk {
      text += " [changed on disk]"
    }
    return text
  }

  /// The line, exactly `width` cells wide, in ``Style/statusBar``. When space is short
  /// the name is shortened from the left (marked `<`), then the right side is shortened.
  public func render(width: Int) -> StyledLine {
    guard width > 0 else { return StyledLine() }
    let mode = isInserting.map { $0 ? "INS " : "OVR " } ?? ""
    let cursorPosition = "\(hexCursor)  \(cursor) / \(count) bytes  \(percent)% "
    let position =
      count == 0
      ? "empty file " + mode
      : (selection == nil ? cursorPosition : "\(selectionText)   \(cursorPosition)") + mode
    let shortPosition = (count == 0 ? "empty " : selection == nil ? "\(hexCursor) \(percent)% " : "\(selectionText) ") + mode
    let named = displayName.escapingControlCharacters + markers
    let left = " " + named
    var text: String
    if left.count + 1 + position.count <= width {
      text = left + String(repeating: " ", count: width - left.count - position.count) + position
    } else {
      let right = position.count + 8 <= width ? position : shortPosition
      let room = width - right.count - 1
      if room >= 4 {
        let shortened = named.count <= room - 1 ? named : "<" + String(named.suffix(room - 2))
        let shownLeft = " " + shortened
        text = shownLeft + String(repeating: " ", count: max(width - shownLeft.count - right.count, 0)) + right
      } else {
        text = String(right.prefix(width))
        text += String(repeating: " ", count: width - text.count)
      }
    }
    return StyledLine([StyledRun(text, .statusBar)])
  }
}
