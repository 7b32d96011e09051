import MemMap
import Testing

@testable import HexCore

@Suite("File times as people read them")
struct TimestampFormatTests {
  @Test(arguments: [
    (Int64(0), "1970-01-01 00:00:00 UTC"),
    (-1, "1969-12-31 23:59:59 UTC"),
    (951_782_400, "2000-02-29 00:00:00 UTC"),
    (1_000_000_000, "2001-09-09 01:46:40 UTC"),
    (4_102_444_799, "2099-12-31 23:59:59 UTC"),
    (-2_208_988_800, "1900-01-01 00:00:00 UTC"),
  ])
  func utc(seconds: Int64, text: String) {
    #expect(TimestampFormat.utc.string(FileTimestamp(seconds: seconds, nanoseconds: 999_999_999)) == text)
  }

  @Test func aLocalOffsetIsAddedAndNotMarked() {
    let berlinWinter = TimestampFormat { _ in 3600 }
    #expect(berlinWinter.string(FileTimestamp(seconds: 1_795_905_667)) == "2026-11-28 23:41:07")
    let newYork = TimestampFormat { _ in -5 * 3600 }
    #expect(newYork.string(FileTimestamp(seconds: 0)) == "1969-12-31 19:00:00")
  }
}
