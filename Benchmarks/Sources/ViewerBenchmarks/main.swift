// Viewer benchmarks: how long one screen of rows takes to format, how fast `HexDump` formats,
// each next to a baseline measured in the same run. Prints figures; asserts nothing.
//
//   Scripts/benchmark.sh ViewerBenchmarks
import HexCore

// MARK: - Measuring

/// Runs `body` `runs` times (after a few warm-up runs) and returns the median duration in nanoseconds.
func medianNanoseconds(runs: Int, _ body: () -> Void) -> Double {
  for _ in 0..<max(runs / 20, 3) { body() }
  let clock = ContinuousClock()
  var samples: [Double] = []
  samples.reserveCapacity(runs)
  for _ in 0..<runs {
    let elapsed = clock.measure(body)
    samples.append(Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9)
  }
  samples.sort()
  return samples[samples.count / 2]
}

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

/// Deterministic pseudo-random bytes.
func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
  var state = seed
  var bytes = [UInt8](repeating: 0, count: count)
  for index in 0..<count {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    bytes[index] = UInt8(truncatingIfNeeded: z ^ (z >> 31))
  }
  return bytes
}

func format(_ value: Double, _ digits: Int = 1) -> String {
  var scaled = value
  for _ in 0..<digits { scaled *= 10 }
  let rounded = (scaled.rounded() as Double)
  let whole = Int(rounded)
  var divisor = 1
  for _ in 0..<digits { divisor *= 10 }
  let fraction = String(abs(whole % divisor))
  return digits == 0
    ? String(whole)
    : "\(whole / divisor).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}

// MARK: - A naive baseline: one String and one run per cell, hex through String(radix:)

func naiveRow(rowOffset: Int, bytes: ArraySlice<UInt8>, bytesPerRow: Int, cursor: Int) -> StyledLine {
  var runs: [StyledRun] = []
  var offsetText = String(rowOffset, radix: 16)
  while offsetText.count < 8 { offsetText = "0" + offsetText }
  runs.append(StyledRun(offsetText, .offset))
  runs.append(StyledRun("  "))
  for (index, byte) in bytes.enumerated() {
    var hex = String(byte, radix: 16)
    if hex.count < 2 { hex = "0" + hex }
    let style: Style = rowOffset + index == cursor ? .cursor : .byte(ByteClass(byte))
    runs.append(StyledRun(hex, style))
    runs.append(StyledRun(index % 8 == 7 ? "  " : " "))
  }
  runs.append(StyledRun(String(repeating: " ", count: (bytesPerRow - bytes.count) * 3)))
  runs.append(StyledRun(" "))
  for (index, byte) in bytes.enumerated() {
    let character = (0x20...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "."
    let style: Style = rowOffset + index == cursor ? .cursorShadow : .byte(ByteClass(byte))
    runs.append(StyledRun(character, style))
  }
  return StyledLine(runs)
}

// MARK: - Screen formatting

let columns = 200
let rows = 60
let screenLayout = RowLayout.fitting(width: columns, fileSize: 1 << 40) ?? RowLayout(bytesPerRow: 40, fileSize: 1 << 40)
let bytesPerRow = screenLayout.bytesPerRow
let screenBytes = randomBytes(bytesPerRow * rows, seed: 1)
let formatter = RowFormatter(layout: screenLayout, showsColor: true)
let highlights = RowHighlights(cursor: 0x1234_5678 + 77, activePane: .hex)
let topOffset = 0x1234_5678 / bytesPerRow * bytesPerRow

print("Viewer: format a full \(columns)x\(rows) screen (\(bytesPerRow) bytes x \(rows) rows, colour on)")
let formatted = medianNanoseconds(runs: 2000) {
  for row in 0..<rows {
    let start = row * bytesPerRow
    let line = formatter.format(
      rowOffset: topOffset + start, bytes: screenBytes[start..<(start + bytesPerRow)], highlights: highlights)
    sink &+= line.runs.count
  }
}
let naive = medianNanoseconds(runs: 500) {
  for row in 0..<rows {
    let start = row * bytesPerRow
    let line = naiveRow(
      rowOffset: topOffset + start, bytes: screenBytes[start..<(start + bytesPerRow)], bytesPerRow: bytesPerRow,
      cursor: 0x1234_5678 + 77)
    sink &+= line.runs.count
  }
}
print("  random bytes (worst case: the colour changes at almost every byte)")
print("    RowFormatter           median \(format(formatted / 1000, 1)) us per screen")
print("    naive String baseline  median \(format(naive / 1000, 1)) us per screen")
print("    ratio                  \(format(naive / formatted, 1))x faster than the baseline")

// Text (long runs of one colour), the common case in real files.
let sentence = Array("The quick brown fox jumps over the lazy dog. ".utf8)
let textBytes = (0..<(bytesPerRow * rows)).map { sentence[$0 % sentence.count] }
let formattedText = medianNanoseconds(runs: 2000) {
  for row in 0..<rows {
    let start = row * bytesPerRow
    let line = formatter.format(
      rowOffset: topOffset + start, bytes: textBytes[start..<(start + bytesPerRow)], highlights: highlights)
    sink &+= line.runs.count
  }
}
let naiveText = medianNanoseconds(runs: 500) {
  for row in 0..<rows {
    let start = row * bytesPerRow
    let line = naiveRow(
      rowOffset: topOffset + start, bytes: textBytes[start..<(start + bytesPerRow)], bytesPerRow: bytesPerRow,
      cursor: 0x1234_5678 + 77)
    sink &+= line.runs.count
  }
}
print("  ASCII text")
print("    RowFormatter           median \(format(formattedText / 1000, 1)) us per screen")
print("    naive String baseline  median \(format(naiveText / 1000, 1)) us per screen")
print("    ratio                  \(format(naiveText / formattedText, 1))x faster than the baseline")

// The whole frame as the terminal layer asks for it: read the rows, format them, status line.
let document = Document(bytes: randomBytes(1 << 20, seed: 2), path: "bench.bin", isReadOnly: true)
let editor = Editor(document: document, configuration: EditorConfiguration())
_ = editor.handle(.control("g"))
for character in "50%" { _ = editor.handle(.character(character)) }
_ = editor.handle(.enter)
let size = TerminalSize(columns: columns, rows: rows)
let frameTime = medianNanoseconds(runs: 2000) {
  sink &+= editor.render(size: size).lines.count
}
print("  Editor.render (whole \(columns)x\(rows) frame)  median \(format(frameTime / 1000, 1)) us")
let pageDown = medianNanoseconds(runs: 2000) {
  _ = editor.handle(.pageDown)
  _ = editor.handle(.pageUp)
  sink &+= editor.render(size: size).lines.count
}
print("  PgDn+PgUp+render       median \(format(pageDown / 1000, 1)) us")

// MARK: - HexDump throughput

let dumpSize = 64 << 20
let dumpInput = randomBytes(dumpSize, seed: 3)
let mebibytes = Double(dumpSize) / Double(1 << 20)

/// Formats all of `dumpInput` in streaming chunks into a reused buffer; returns MiB/s.
func dumpThroughput(_ dump: HexDump, runs: Int) -> Double {
  var output: [UInt8] = []
  output.reserveCapacity(dump.chunkSize * 6)
  let nanoseconds = medianNanoseconds(runs: runs) {
    dumpInput.withUnsafeBytes { all in
      var offset = 0
      while offset < all.count {
        let end = min(offset + dump.chunkSize, all.count)
        output.removeAll(keepingCapacity: true)
        dump.append(UnsafeRawBufferPointer(rebasing: all[offset..<end]), offset: offset, to: &output)
        sink &+= output.count
        offset = end
      }
    }
  }
  return mebibytes / (nanoseconds / 1e9)
}

/// A naive baseline in the same run: one String per row built with String(radix:), over the
/// first 8 MiB (it is slow).
func naiveDumpThroughput() -> Double {
  let naiveSize = 8 << 20
  let nanoseconds = medianNanoseconds(runs: 3) {
    var total = 0
    var offset = 0
    while offset < naiveSize {
      var line = String(offset, radix: 16)
      while line.count < 8 { line = "0" + line }
      line += ":"
      for index in 0..<16 {
        if index % 2 == 0 { line += " " }
        let hex = String(dumpInput[offset + index], radix: 16)
        line += hex.count < 2 ? "0" + hex : hex
      }
      line += "  "
      for index in 0..<16 {
        let byte = dumpInput[offset + index]
        line += (0x20...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "."
      }
      total &+= line.utf8.count + 1
      offset += 16
    }
    sink &+= total
  }
  return Double(naiveSize >> 20) / (nanoseconds / 1e9)
}

print("")
print("HexDump: format \(format(mebibytes, 0)) MiB of random bytes in memory (xxd layout, 16 columns)")
if let plain = try? HexDump(columns: 16), let colored = try? HexDump(columns: 16, usesColor: true) {
  let plainRate = dumpThroughput(plain, runs: 7)
  let coloredRate = dumpThroughput(colored, runs: 3)
  let naiveRate = naiveDumpThroughput()
  print("  HexDump plain          \(format(plainRate, 0)) MiB/s")
  print("  HexDump coloured       \(format(coloredRate, 0)) MiB/s")
  print("  naive String baseline  \(format(naiveRate, 0)) MiB/s")
  print("  ratio plain/naive      \(format(plainRate / naiveRate, 1))x")
}

// MARK: - mmhex dump vs xxd on a file

// The command-line comparison (`mmhex dump FILE > /dev/null` against `xxd FILE > /dev/null` on the
// same 64 MiB file, in one run) belongs here; MMHEX_BINARY names the release binary
// (Scripts/benchmark.sh sets it).

if sink == 42 { print("") }
