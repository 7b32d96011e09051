/// Seconds since 1970-01-01 in UTC, written in ISO 8601.
enum UnixTime {
  /// The times shown: 1970-01-01 up to (not including) 2200-01-01; others are unlikely to be times.
  static let saneRange: Range<Int64> = 0..<7_258_118_400

  /// `seconds` as `2024-02-29T12:34:56Z`, or `nil` outside ``saneRange``.
  static func iso8601(_ seconds: Int64) -> String? {
    guard saneRange.contains(seconds) else { return nil }
    let days = seconds / 86_400
    let secondOfDay = seconds % 86_400
    let (year, month, day) = civilDate(daysSince1970: days)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }

  /// The proleptic Gregorian date `days` after 1970-01-01, counted in 400-year eras of
  /// 146097 days that start on March 1st (so the leap day is the last day of its year).
  private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468  // days from 0000-03-01 to 1970-01-01
    let era = shifted / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
