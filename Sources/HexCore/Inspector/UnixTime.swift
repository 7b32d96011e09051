/// Seconds since 1970-01-01 in UTC, written in ISO 8601.
enum UnixTime {
  /// The times shown: 1970-01-01 up to (not including) 2200-01-01; others are unlikely to be times.
  static let saneRange: Range<Int64> = 0..<7_258_118_400

  /// `seconds` as `2024-02-29T12:34:56Z`, or `nil` outside ``saneRange``.
  static func iso8601(_ seconds: Int64) -> String? {
    guard saneRange.contains(seconds) else { return nil }
    let secondOfDay = seconds % 86_400
    let (year, month, day) = TimestampFormat.civilDate(daysSince1970: seconds / 86_400)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }
}
