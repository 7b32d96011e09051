import MemMap

/// Shows a file time as people read it, to the second: `2026-11-28 23:41:07` in local time, or
/// `2026-11-28 22:41:07 UTC` when no local offset is known.
///
/// HexCore knows no time zones; the terminal layer passes the offset from UTC the system uses
/// at a given moment (it changes with daylight saving time).
public struct TimestampFormat: Sendable {
  /// Seconds east of UTC in force at a moment given in seconds since 1970 UTC, or `nil` for UTC.
  public var offsetFromUTC: (@Sendable (_ secondsSince1970: Int64) -> Int)?

  /// A format with the local offset `offsetFromUTC` (`nil`: UTC).
  public init(offsetFromUTC: (@Sendable (_ secondsSince1970: Int64) -> Int)?) {
    self.offsetFromUTC = offsetFromUTC
  }

  /// UTC, marked ` UTC`.
  public static let utc = TimestampFormat(offsetFromUTC: nil)

  /// `time` as `YYYY-MM-DD hh:mm:ss` (local), or with ` UTC` appended.
  public func string(_ time: FileTimestamp) -> String {
    let local = time.seconds + Int64(offsetFromUTC?(time.seconds) ?? 0)
    let days = local.floorDivided(by: 86_400)
    let secondOfDay = local - days * 86_400
    let (year, month, day) = Self.civilDate(daysSince1970: days)
    let clock = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60].map { Self.twoDigits($0) }
    let date = "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day)) \(clock.joined(separator: ":"))"
    return offsetFromUTC == nil ? date + " UTC" : date
  }

  /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
  /// `civil_from_days`: count in 400-year eras of 146,097 days, years starting in March).
  static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = shifted.floorDivided(by: 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func twoDigits(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}

extension Int64 {
  /// The quotient rounded towards minus infinity (times before 1970 count back correctly).
  fileprivate func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return self % divisor < 0 ? quotient - 1 : quotient
  }
}
