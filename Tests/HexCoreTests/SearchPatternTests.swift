import Testing

@testable import HexCore

@Suite("SearchPattern parsing")
struct SearchPatternTests {
  struct HexCase: Sendable, CustomTestStringConvertible {
    let source: String
    let values: [UInt8]
    let masks: [UInt8]
    var testDescription: String { "'\(source)'" }
  }

  static let validHex: [HexCase] = [
    HexCase(source: "de ad be ef", values: [0xDE, 0xAD, 0xBE, 0xEF], masks: [0xFF, 0xFF, 0xFF, 0xFF]),
    HexCase(source: "deadbeef", values: [0xDE, 0xAD, 0xBE, 0xEF], masks: [0xFF, 0xFF, 0xFF, 0xFF]),
    HexCase(source: "0xdeadbeef", values: [0xDE, 0xAD, 0xBE, 0xEF], masks: [0xFF, 0xFF, 0xFF, 0xFF]),
    HexCase(source: "0XDEAD", values: [0xDE, 0xAD], masks: [0xFF, 0xFF]),
    HexCase(source: "  DE\tad  BeEf ", values: [0xDE, 0xAD, 0xBE, 0xEF], masks: [0xFF, 0xFF, 0xFF, 0xFF]),
    HexCase(source: "0xde 0xad", values: [0xDE, 0xAD], masks: [0xFF, 0xFF]),
    HexCase(source: "dead beef00", values: [0xDE, 0xAD, 0xBE, 0xEF, 0x00], masks: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
    HexCase(source: "de ?? ef", values: [0xDE, 0x00, 0xEF], masks: [0xFF, 0x00, 0xFF]),
    HexCase(source: "de??ef", values: [0xDE, 0x00, 0xEF], masks: [0xFF, 0x00, 0xFF]),
    HexCase(source: "4? ?f", values: [0x40, 0x0F], masks: [0xF0, 0x0F]),
    HexCase(source: "00", values: [0x00], masks: [0xFF]),
  ]

  @Test(arguments: validHex)
  func parsesHex(_ example: HexCase) throws {
    let pattern = try SearchPattern(hex: example.source)
    #expect(pattern.values == example.values)
    #expect(pattern.masks == example.masks)
    #expect(pattern.count == example.values.count)
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    let source: String
    let error: SearchPatternError
    let message: String
    var testDescription: String { "'\(source)'" }
  }

  static let invalidHex: [BadCase] = [
    BadCase(source: "", error: .empty, message: "the pattern is empty"),
    BadCase(source: "   \t", error: .empty, message: "the pattern is empty"),
    BadCase(source: "xyz", error: .notHexDigit("x", position: 1), message: "'x' is not a hex digit at position 1"),
    BadCase(source: "de ag", error: .notHexDigit("g", position: 5), message: "'g' is not a hex digit at position 5"),
    BadCase(source: "de-ad", error: .notHexDigit("-", position: 3), message: "'-' is not a hex digit at position 3"),
    BadCase(source: "0xg1", error: .notHexDigit("g", position: 3), message: "'g' is not a hex digit at position 3"),
    BadCase(source: "de é", error: .notHexDigit("é", position: 4), message: "'é' is not a hex digit at position 4"),
    BadCase(
      source: "dea", error: .oddDigitCount(group: "dea", position: 1),
      message: "'dea' at position 1 has an odd number of hex digits; each byte takes two"),
    BadCase(
      source: "de a", error: .oddDigitCount(group: "a", position: 4),
      message: "'a' at position 4 has an odd number of hex digits; each byte takes two"),
    BadCase(
      source: "0xabc", error: .oddDigitCount(group: "0xabc", position: 1),
      message: "'0xabc' at position 1 has an odd number of hex digits; each byte takes two"),
    BadCase(
      source: "de 0x", error: .prefixWithoutDigits(position: 4),
      message: "'0x' at position 4 has no hex digits after it"),
    BadCase(
      source: "??", error: .onlyWildcards, message: "the pattern has only wildcards (??), so it would match everywhere"),
    BadCase(
      source: "?? ????", error: .onlyWildcards,
      message: "the pattern has only wildcards (??), so it would match everywhere"),
  ]

  @Test(arguments: invalidHex)
  func rejectsBadHex(_ example: BadCase) {
    #expect(throws: example.error) { try SearchPattern(hex: example.source) }
    #expect(example.error.description == example.message)
  }

  @Test func textIsItsUTF8Bytes() throws {
    #expect(try SearchPattern(text: "NEEDLE42").values == Array("NEEDLE42".utf8))
    #expect(try SearchPattern(text: "é ").values == [0xC3, 0xA9, 0x20])
    #expect(try SearchPattern(text: "??").masks == [0xFF, 0xFF])
    #expect(throws: SearchPatternError.empty) { try SearchPattern(text: "") }
  }

  @Test func ignoringCaseWidensOnlyLetters() throws {
    let pattern = try SearchPattern("Ab1-z", kind: .text, ignoringCase: true)
    #expect(pattern.values == [0x41, 0x42, 0x31, 0x2D, 0x5A])
    #expect(pattern.masks == [0xDF, 0xDF, 0xFF, 0xFF, 0xDF])
    let hex = try SearchPattern("61 ?? 40", kind: .hex, ignoringCase: true)
    #expect(hex.values == [0x41, 0x00, 0x40])
    #expect(hex.masks == [0xDF, 0x00, 0xFF])
  }

  @Test func windowMatching() throws {
    let pattern = try SearchPattern("4? ?? 0a", kind: .hex)
    #expect(pattern.matches([0x41, 0xFF, 0x0A]))
    #expect(pattern.matches([0x4F, 0x00, 0x0A]))
    #expect(!pattern.matches([0x51, 0x00, 0x0A]))
    #expect(!pattern.matches([0x41, 0x00]))
    let text = try SearchPattern("Hi", kind: .text, ignoringCase: true)
    #expect(text.matches(Array("hI".utf8)))
    #expect(!text.matches([0x48, 0x09]))  // 'H' then a tab: 0x49 ^ 0x40 differs
  }

  @Test func hexDescriptionShowsWildcards() throws {
    #expect(try SearchPattern(hex: "0xDEAD ?? 4? ?F").hexDescription == "de ad ?? 4? ?f")
    #expect(try SearchPattern("a1", kind: .text, ignoringCase: true).hexDescription == "41 31")
  }

  @Test func valueOutsideMaskIsIgnored() throws {
    let pattern = try SearchPattern(values: [0xFF, 0x12], masks: [0xF0, 0xFF])
    #expect(pattern.values == [0xF0, 0x12])
  }

  /// Random and malformed input always gives a pattern or a precise error, never a trap; a
  /// pattern has one position per two digits (or `?`) typed.
  @Test func randomInputNeverTraps() {
    let alphabet = Array("0123456789abcdefABCDEFxX? \t\ng-é😀")
    var random = SearchRandom(seed: 2024)
    for _ in 0..<5000 {
      let source = String(
        (0..<random.next(in: 0...12)).map { _ in alphabet[random.next(in: 0...(alphabet.count - 1))] })
      do {
        let pattern = try SearchPattern(hex: source)
        let groups = source.split(whereSeparator: \.isWhitespace).map { group in
          group.lowercased().hasPrefix("0x") ? group.dropFirst(2) : Substring(group)
        }
        #expect(pattern.count * 2 == groups.map(\.count).reduce(0, +), "'\(source)'")
        #expect(pattern.masks.contains { $0 != 0 })
      } catch {
        switch error {
        case .notHexDigit(let character, let position):
          #expect(Array(source)[position - 1] == character, "'\(source)'")
        case .oddDigitCount(let group, let position):
          #expect(String(Array(source)[(position - 1)...].prefix(group.count)) == group, "'\(source)'")
        case .prefixWithoutDigits(let position):
          #expect(Array(source)[position - 1] == "0", "'\(source)'")
        case .empty:
          let blank = source.allSatisfy { $0.isWhitespace }
          #expect(blank, "'\(source)'")
        case .onlyWildcards:
          #expect(source.contains("?"), "'\(source)'")
        }
      }
      do {
        let text = try SearchPattern(source, kind: .text, ignoringCase: true)
        #expect(text.count == source.utf8.count)
      } catch {
        #expect(error == .empty && source.isEmpty)
      }
    }
  }
}
