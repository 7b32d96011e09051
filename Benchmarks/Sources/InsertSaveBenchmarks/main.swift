// Insert and delete benchmarks: a size-changing save against cp, and the editor after 100,000
// scattered inserts.
//
// - one byte inserted at offset 0 of a 1 GiB file and saved (the whole tail rewritten behind a
//   roll-forward journal: written twice, synced twice) against `cp` of the same file on the same
//   disk in the same run, with and without a sync of the copy (target: within 2.5x of cp); and
//   the same document saved as a new file (save-as: written once, synced once)
// - 100,000 scattered one-byte inserts through the editor, then a key press and its frame, and
//   a search through the edited document
// - a fill of the whole 1 GiB file (one pattern run: applied with `PieceTable.fill`, saved through
//   the roll-forward journal, which holds the pattern, not the bytes) against `dd` writing the same
//   bytes into the same file with `conv=notrunc,fdatasync`
import HexCore
import BenchmarkSupport
import MemMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func line(_ label: String, _ value: String) {
  print(label + String(repeating: " ", count: max(1, 64 - label.count)) + value)
}

func milliseconds(_ seconds: Double) -> String {
  String(Double(Int(seconds * 10_000)) / 10) + " ms"
}

/// Runs a shell command; returns its wall time in seconds.
func timed(_ command: String) -> Double {
  let start = now()
  guard system(command) == 0 else { fail("'\(command)' failed") }
  return now() - start
}

let directory = "/var/tmp/mmhex-insert-benchmarks-\(getpid())"
mkdir(directory, 0o700)
defer { _ = system("rm -rf '\(directory)'") }
let path = directory + "/big.bin"
let size = 1 << 30
_ = timed("head -c \(size) /dev/urandom > '\(path)' && sync '\(path)'")
_ = timed("cat '\(path)' > /dev/null")

// MARK: Insert one byte at 0 and save, against cp

var saves: [Double] = []
var savesAs: [Double] = []
var copies: [Double] = []
var syncedCopies: [Double] = []
// Five rounds, each measurement starting with nothing left to write back (other work on the
// same disk makes single figures noisy); medians.
for round in 0..<5 {
  _ = timed("sync")
  copies.append(timed("cp '\(path)' '\(directory)/copy.bin'"))
  _ = timed("rm -f '\(directory)/copy.bin' && sync")
  syncedCopies.append(timed("cp '\(path)' '\(directory)/copy.bin' && sync '\(directory)/copy.bin'"))
  _ = timed("rm -f '\(directory)/copy.bin' && sync")
  do {
    let status = try MemMap.status(ofFile: path)
    let start = now()
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path, mode: .readOnly)))
    table.insert([UInt8(round)], at: 0)
    guard case .saved = try Saver().save(table, to: path, expecting: status) else { fail("the save asked") }
    saves.append(now() - start)
  } catch {
    fail("\(error)")
  }
  _ = timed("sync")
  do {
    let copyPath = directory + "/saved-as.bin"
    let start = now()
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path, mode: .readOnly)))
    table.insert([UInt8(round)], at: 0)
    guard case .saved = try Saver().saveAs(table, sourcePath: path, to: copyPath) else { fail("the save-as asked") }
    savesAs.append(now() - start)
    _ = timed("rm -f '\(copyPath)' && sync")
  } catch {
    fail("\(error)")
  }
}
let save = saves.sorted()[2]
let copy = copies.sorted()[2]
let syncedCopy = syncedCopies.sorted()[2]
line("insert 1 byte at 0 of 1 GiB, save (median of 5)", milliseconds(save))
line("cp of the same file (median of 5)", milliseconds(copy) + "  ratio \(Double(Int(save / copy * 100)) / 100)")
line("cp and sync of the copy (median of 5)", milliseconds(syncedCopy) + "  ratio \(Double(Int(save / syncedCopy * 100)) / 100)")
let saveAs = savesAs.sorted()[2]
line(
  "the same insert saved as a new file (median of 5)",
  milliseconds(saveAs) + "  ratio \(Double(Int(saveAs / syncedCopy * 100)) / 100) to cp and sync")

// MARK: 100,000 scattered inserts, then a key press and its frame, and a search

do {
  let document = Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: false)
  let editor = Editor(document: document, configuration: EditorConfiguration())
  _ = editor.render(size: TerminalSize(columns: 200, rows: 60))
  var state: UInt64 = 42
  var inserted = 0
  let start = now()
  while inserted < 100_000 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    editor.perform(.goToPrompt)
    let offset = Int(state >> 33) % editor.contentCount
    for character in String(offset) { _ = editor.handle(.character(character)) }
    _ = editor.handle(.enter)
    if inserted == 0 { editor.perform(.toggleInsertMode) }
    editor.insertAtCursor([0xEE])
    inserted += 1
  }
  line("100,000 scattered inserts through the editor (go to, insert)", milliseconds(now() - start))
  var frames: [Double] = []
  for _ in 0..<200 {
    let frameStart = now()
    _ = editor.handle(.character("7"))
    _ = editor.render(size: TerminalSize(columns: 200, rows: 60))
    frames.append(now() - frameStart)
  }
  frames.sort()
  line("then a typed digit and its 200x60 frame (median of 200)", String(Int(frames[100] * 1e6 * 10) / 10) + " µs")
  guard let table = editor.session.table else { fail("no piece table after inserts") }
  let pattern = table.bytes(in: (table.count - 100)..<(table.count - 92))
  let search = ByteSearch(pattern: try SearchPattern(bytes: pattern))
  let searchStart = now()
  let result = SearchJob.find(search, .forward, from: 0, in: table).wait()
  line("then a full search for 8 bytes near the end", milliseconds(now() - searchStart) + "  (\(result))")
} catch {
  fail("\(error)")
}

// MARK: A 1 GiB fill applied and saved, against dd writing the same bytes

do {
  let fillSize = try MemMap.status(ofFile: path).size
  let pattern = Array("mmhex fill\n".utf8)
  let patternPath = directory + "/pattern.bin"
  _ = timed("yes 'mmhex fill' | head -c \(fillSize) > '\(patternPath)' && cat '\(patternPath)' > /dev/null")
  var applies: [Double] = []
  var fillSaves: [Double] = []
  var copies: [Double] = []
  var pieces = 0
  for _ in 0..<5 {
    _ = timed("sync")
    copies.append(timed("dd if='\(patternPath)' of='\(path)' bs=1M conv=notrunc,fdatasync status=none"))
    // Something else in the file again, so that the save changes every byte.
    _ = timed("dd if=/dev/zero of='\(path)' bs=1M count=16 conv=notrunc status=none && sync")
    let status = try MemMap.status(ofFile: path)
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path, mode: .readOnly)))
    let start = now()
    table.fill(0..<fillSize, with: pattern)
    applies.append(now() - start)
    pieces = table.pieceCount
    let saveStart = now()
    guard case .saved = try Saver().save(table, to: path, expecting: status) else { fail("the save asked") }
    fillSaves.append(now() - saveStart)
    guard system("cmp -s '\(patternPath)' '\(path)'") == 0 else { fail("the saved fill differs from the pattern file") }
  }
  let fillSave = fillSaves.sorted()[2]
  let dd = copies.sorted()[2]
  line("fill all of 1 GiB (11-byte pattern): apply (median of 5)", String(Int(applies.sorted()[2] * 1e6 * 10) / 10) + " µs, \(pieces) piece")
  line("then save it (median of 5)", milliseconds(fillSave))
  line("dd of the same bytes, conv=notrunc,fdatasync (median of 5)", milliseconds(dd) + "  ratio \(Double(Int(fillSave / dd * 100)) / 100)")
  _ = timed("rm -f '\(patternPath)'")
} catch {
  fail("\(error)")
}
