// The viewer's search, measured through the editor model exactly as the terminal loop drives it:
// Ctrl-F, the pattern, Enter, then `idle()` until the cursor is on the match. The pattern sits
// near the end of a warm 4 GiB file of random bytes. In the same run:
// - `mmhex find` on the same file (the release binary from MMHEX_BINARY), as the baseline;
// - how the editor answers keys while a search runs: arrow keys sent every 2 ms, each timed from
//   `handle` to a finished frame (`render`), as the terminal loop would paint it.
//
// While a search runs the terminal loop polls for its result every 16 ms when no key arrives, so
// a person sees the match up to 16 ms after the times printed here.
//
// The file is created once as `mmhex-search-benchmark-4GiB.bin` in the temporary directory and
// reused by later runs; delete it to reclaim the space.
import BenchmarkSupport
import Foundation
import HexCore
import MemMap

let fileSize = 4 << 30
let needle: [UInt8] = [0xDE, 0xC0, 0xAD, 0x0B, 0x5E, 0xED, 0xFA, 0xCE]
let needleOffset = fileSize - 5000
let rounds = 5
let needleHex = needle.map { String(format: "%02x", $0) }.joined(separator: " ")

let path = try pseudoRandomTestFile(
  named: "mmhex-search-benchmark-4GiB.bin", size: fileSize, seed: 0x9E37_79B9_7F4A_7C15, needle: needle,
  at: needleOffset)

func makeEditor() throws -> Editor {
  let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: true)
  let editor = Editor(document: document, configuration: EditorConfiguration())
  _ = editor.render(size: TerminalSize(columns: 120, rows: 40))
  return editor
}

/// Runs one interactive search from the start of the file; returns its seconds.
func searchOnce(_ editor: Editor, whileWaiting: () -> Void = {}) throws -> Double {
  editor.perform(.fileStart)
  let clock = ContinuousClock()
  let start = clock.now
  _ = editor.handle(.control("f"))
  _ = editor.handle(.control("u"))  // the prompt offers the last pattern: clear it
  for character in needleHex {
    _ = editor.handle(.character(character))
  }
  _ = editor.handle(.enter)
  while editor.isSearching {
    whileWaiting()
    _ = editor.idle()
  }
  let elapsed = seconds(clock.now - start)
  // The match, not the cursor: keys sent during the search may move the cursor after the jump.
  guard editor.match?.lowerBound == needleOffset else {
    throw CocoaError(.featureUnsupported, userInfo: ["reason": "search ended at \(editor.viewport.cursor): \(String(describing: editor.message))"])
  }
  return elapsed
}

// Warm the page cache: two passes.
let warmer = try makeEditor()
for _ in 0..<2 { _ = try searchOnce(warmer) }

// `mmhex find` on the same file, whole process.
var findTimes: [Double] = []
if let binary = ProcessInfo.processInfo.environment["MMHEX_BINARY"] {
  for _ in 0..<rounds {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["find", "--hex", needleHex, path]
    process.standardOutput = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    process.waitUntilExit()
    findTimes.append(seconds(clock.now - start))
  }
}

// The interactive search, alone.
var searchTimes: [Double] = []
for _ in 0..<rounds { searchTimes.append(try searchOnce(try makeEditor())) }

// The interactive search while keys arrive every 2 ms.
var latencies: [Double] = []
let busyEditor = try makeEditor()
var lastKey = ContinuousClock.now
let clock = ContinuousClock()
let busySearch = try searchOnce(busyEditor) {
  guard clock.now - lastKey >= .milliseconds(2) else { return }
  lastKey = clock.now
  let start = clock.now
  _ = busyEditor.handle(latencies.count % 2 == 0 ? .down : .up)
  _ = busyEditor.render(size: TerminalSize(columns: 120, rows: 40))
  latencies.append(seconds(clock.now - start))
}

func milliseconds(_ value: Double) -> String { String(format: "%8.1f ms", value * 1000) }
func speed(_ value: Double) -> String { String(format: "%6.2f GB/s", Double(needleOffset) / value / 1e9) }

print("Interactive search: pattern at \(needleOffset) of a warm 4 GiB file (best of \(rounds))")
if let best = findTimes.min() {
  print("  mmhex find (whole process)      \(milliseconds(best))  \(speed(best))  baseline")
}
let bestSearch = searchTimes.min() ?? 0
let ratio = findTimes.min().map { String(format: "  %.2fx the time of mmhex find", bestSearch / $0) } ?? ""
print("  viewer: Ctrl-F … Enter → match  \(milliseconds(bestSearch))  \(speed(bestSearch))\(ratio)")
print("  viewer, keys every 2 ms         \(milliseconds(busySearch))  \(speed(busySearch))")
let sorted = latencies.sorted()
if !sorted.isEmpty {
  let median = sorted[sorted.count / 2]
  print(
    "  keys answered during that search: \(sorted.count), key → frame median \(milliseconds(median)), "
      + "max \(milliseconds(sorted.last!))")
}
