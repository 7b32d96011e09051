import Testing

@testable import HexCore

@Suite("Data inspector: reading and writing every type in both byte orders")
struct InspectorFieldTests {
  @Test("integers in both byte orders, and `-` where the file ends early", arguments: [
    (InspectorField.int8, [0xFF] as [UInt8], "-1", "-1"),
    (.uint8, [0xFF], "255", "255"),
    (.int16, [0xFE, 0xFF], "-2", "-257"),
    (.uint16, [0x34, 0x12], "4660", "13330"),
    (.int32, [0x00, 0x00, 0x00, 0x80], "-2147483648", "128"),
    (.uint32, [0x78, 0x56, 0x34, 0x12], "305419896", "2018915346"),
    (.int64, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], "9223372036854775807", "-129"),
    (.uint64, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "18446744073709551615", "18446744073709551615"),
    (.uint32, [0x01, 0x02, 0x03], "-", "-"),
    (.int64, [], "-", "-"),
  ])
  func integers(field: InspectorField, bytes: [UInt8], little: String, big: String) {
    #expect(field.value(of: bytes, bigEndian: false) == little)
    #expect(field.value(of: bytes, bigEndian: true) == big)
  }

  @Test("floats print in the shortest form that reads back exactly", arguments: [
    (InspectorField.float16, [0x00, 0x3C] as [UInt8], "1.0"),
    (.float16, [0x00, 0x80], "-0.0"),
    (.float16, [0x00, 0x7C], "inf"),
    (.float16, [0x00, 0xFC], "-inf"),
    (.float16, [0x00, 0x7E], "nan"),
    (.float16, [0x01, 0x00], "6e-08"),
    (.float16, [0xFF, 0x7B], "65504.0"),
    (.float16, [0xFF, 0x03], "6.1e-05"),
    (.float32, [0xC3, 0xF5, 0x48, 0x40], "3.14"),
    (.float32, [0x00, 0x00, 0x00, 0x80], "-0.0"),
    (.float32, [0x01, 0x00, 0x00, 0x00], "1e-45"),
    (.float32, [0x00, 0x00, 0xC0, 0x7F], "nan"),
    (.float64, [0x1F, 0x85, 0xEB, 0x51, 0xB8, 0x1E, 0x09, 0x40], "3.14"),
    (.float64, [0x01, 0, 0, 0, 0, 0, 0, 0], "5e-324"),
    (.float64, [0, 0, 0, 0, 0, 0, 0xF0, 0x7F], "inf"),
    (.float64, [0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F], "0.1"),
  ])
  func floats(field: InspectorField, littleEndianBytes: [UInt8], text: String) throws {
    #expect(field.value(of: littleEndianBytes, bigEndian: false) == text)
    #expect(field.value(of: littleEndianBytes.reversed(), bigEndian: true) == text)
    if text != "nan" {
      #expect(try field.bytes(for: text, bigEndian: false) == littleEndianBytes, "\(text) reads back exactly")
      #expect(try field.bytes(for: text, bigEndian: true) == littleEndianBytes.reversed())
    }
  }

  @Test("binary, characters, LEB128 and Unix times")
  func others() {
    #expect(InspectorField.binary.value(of: [0x45], bigEndian: false) == "0b01000101")
    #expect(InspectorField.character.value(of: [0x41], bigEndian: false) == "'A'")
    #expect(InspectorField.character.value(of: [0x0A], bigEndian: false) == #"'\n'"#)
    #expect(InspectorField.character.value(of: [0x1B], bigEndian: false) == #"'\x1b'"#)
    #expect(InspectorField.character.value(of: [0xC3, 0xA9, 0x00], bigEndian: false) == "'é' (2 bytes)")
    #expect(InspectorField.character.width(of: [0xC3, 0xA9, 0x00]) == 2)
    #expect(InspectorField.character.value(of: [0xF0, 0x9F, 0x98, 0x80], bigEndian: false) == "'😀' (4 bytes)")
    #expect(InspectorField.character.value(of: [0xC3], bigEndian: false) == "not UTF-8")
    #expect(InspectorField.character.value(of: [0xA9], bigEndian: false) == "not UTF-8 (continuation byte)")
    #expect(InspectorField.uleb128.value(of: [0xE5, 0x8E, 0x26, 0xFF], bigEndian: false) == "624485 (3 bytes)")
    #expect(InspectorField.uleb128.width(of: [0xE5, 0x8E, 0x26]) == 3)
    #expect(InspectorField.uleb128.value(of: [0xE5, 0x8E], bigEndian: false) == "-", "the file ends inside it")
    #expect(InspectorField.uleb128.value(of: Array(repeating: 0xFF, count: 10), bigEndian: false) == "over 64 bits")
    #expect(LEB128.encode(624_485) == [0xE5, 0x8E, 0x26])
    #expect(LEB128.decode(LEB128.encode(UInt64.max))?.value == UInt64.max)
    // 2024-02-29T12:34:56Z is 1709210096.
    let leap: [UInt8] = [0xF0, 0x79, 0xE0, 0x65]
    #expect(InspectorField.unixTime32.value(of: leap, bigEndian: false) == "2024-02-29T12:34:56Z")
    #expect(InspectorField.unixTime32.value(of: [0, 0, 0, 0], bigEndian: false) == "1970-01-01T00:00:00Z")
    #expect(InspectorField.unixTime64.value(of: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], bigEndian: false) == "out of range")
    #expect(InspectorField.unixTime64.value(of: leap + [0, 0, 0, 0], bigEndian: false) == "2024-02-29T12:34:56Z")
    #expect(InspectorField.unixTime32.value(of: [0xFF, 0xFF, 0xFF, 0xFF], bigEndian: false) == "2106-02-07T06:28:15Z")
  }

  @Test("values typed for writing: bytes in the chosen order, or why not")
  func writing() throws {
    #expect(try InspectorField.uint32.bytes(for: "0x12345678", bigEndian: false) == [0x78, 0x56, 0x34, 0x12])
    #expect(try InspectorField.uint32.bytes(for: "305419896", bigEndian: true) == [0x12, 0x34, 0x56, 0x78])
    #expect(try InspectorField.int8.bytes(for: "-128", bigEndian: false) == [0x80])
    #expect(try InspectorField.int16.bytes(for: " -2 ", bigEndian: true) == [0xFF, 0xFE])
    #expect(try InspectorField.int64.bytes(for: "-9223372036854775808", bigEndian: false) == [0, 0, 0, 0, 0, 0, 0, 0x80])
    #expect(try InspectorField.uint64.bytes(for: "18446744073709551615", bigEndian: false) == Array(repeating: 0xFF, count: 8))
    #expect(try InspectorField.binary.bytes(for: "0b01000101", bigEndian: false) == [0x45])
    #expect(try InspectorField.character.bytes(for: "é", bigEndian: false) == [0xC3, 0xA9])
    #expect(try InspectorField.uleb128.bytes(for: "624485", bigEndian: false) == [0xE5, 0x8E, 0x26])
    #expect(try InspectorField.float32.bytes(for: "-0.0", bigEndian: false) == [0, 0, 0, 0x80])
    #expect(try InspectorField.float16.bytes(for: "inf", bigEndian: false) == [0x00, 0x7C])

    let refusals: [(InspectorField, String, String)] = [
      (.uint8, "300", "300 does not fit in uint8 (0…255)"),
      (.uint8, "-1", "-1 does not fit in uint8 (0…255)"),
      (.int8, "128", "128 does not fit in int8 (-128…127)"),
      (.int8, "-129", "-129 does not fit in int8 (-128…127)"),
      (.uint64, "18446744073709551616", "18446744073709551616 does not fit in uint64 (it has more than 64 bits)"),
      (.uint16, "12a", "'12a' is not a whole number (decimal like 300, or hex like 0x12c)"),
      (.uint16, "", "type a value"),
      (.float16, "70000", "70000 does not fit in float16 (largest 65504)"),
      (.float32, "1e39", "1e39 does not fit in float32 (largest 3.4028235e+38)"),
      (.float64, "pi", "'pi' is not a number (e.g. 3.14, -0.0, 1e-5, nan, inf)"),
      (.binary, "0b102", "'0b102' is not a byte in binary (up to 8 digits 0 and 1, e.g. 0b01000101)"),
      (.unixTime32, "0", "times are shown, not edited: edit the uint32 row instead"),
    ]
    for (field, text, reason) in refusals {
      #expect(throws: InspectorValueError(reason)) { try field.bytes(for: text, bigEndian: false) }
    }
  }
}
