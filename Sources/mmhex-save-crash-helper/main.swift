// Test helper for the crash-safety tests (not installed, not part of mmhex).
//
// Usage: mmhex-save-crash-helper FILE STRIDE STOP [kill|pause]
//
// Saves edits into FILE with the crash-safe Saver and kills itself with SIGKILL right after
// save step number STOP (0 = journal written, then one step per written page, file flushed,
// journal marked complete, journal removed), exactly as a crash at that point would. With a
// STOP past the last step the save completes and the helper exits 0. With `pause` it stops
// itself (SIGSTOP) after step STOP instead, in the middle of its save and holding the file's
// lock, and finishes the save once continued (SIGCONT): another process meeting a save that
// is still running.
//
// The edits invert every STRIDE-th byte starting at offset 17, plus the five bytes around the
// boundary between the third and fourth 4 KiB pages.
//
// Usage: mmhex-save-crash-helper FILE moved STOP
//
// Saves a document whose bytes moved instead (a size-changing save, rewriting the tail behind a
// roll-forward journal): `moved` overwrites byte 100 with 0x5a, inserts the bytes aa bb cc
// before offset 4097 and deletes the 10 bytes at offset 10000 (the file shrinks by 7 bytes).
// The steps are: journal written, journal marked complete, file written and synced, journal
// removed. A STOP of -1 never kills (the caller kills the helper at a moment of its choosing).
//
// Usage: mmhex-save-crash-helper FILE fill STOP
//
// The same for a fill, saved through the same journal: `fill` fills the bytes from offset 1000
// to 1000 before the end with the pattern de ad be ef 01 and overwrites byte 100 with 0x5a
// (nothing moves; the journal holds the fill as its pattern, the file gets every byte of it).
import HexCore
import MemMap
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
  let line = "mmhex-save-crash-helper: \(message)\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
  exit(2)
}

let arguments = CommandLine.arguments
if arguments.count == 4, ["moved", "fill"].contains(arguments[2]), let stop = Int(arguments[3]) {
  saveTable(arguments[1], filling: arguments[2] == "fill", stoppingAfter: stop)
}
guard arguments.count == 4 || (arguments.count == 5 && ["kill", "pause"].contains(arguments[4])),
  let stride = Int(arguments[2]), stride > 0, let stop = Int(arguments[3])
else {
  fail("usage: mmhex-save-crash-helper FILE STRIDE STOP [kill|pause]")
}
let signal = arguments.count == 5 && arguments[4] == "pause" ? SIGSTOP : SIGKILL
let path = arguments[1]

func makeEdits() throws -> PendingEdits {
  let map = try MemMap.open(path, mode: .readOnly)
  let original = try map.read(at: 0, count: map.count)
  try map.close()
  var offsets = Array(Swift.stride(from: 17, to: original.count, by: stride))
  offsets += Array((3 * 4096 - 2)..<(3 * 4096 + 3)).filter { $0 < original.count }
  var edits = PendingEdits()
  for offset in offsets {
    edits.setByte(at: offset, value: ~original[offset], original: original[offset])
  }
  return edits
}

let stepsSeen = Atomic<Int>(0)
var saver = Saver()
saver.stepObserver = { _ in
  if stepsSeen.add(1, ordering: .sequentiallyConsistent).oldValue == stop {
    kill(getpid(), signal)
  }
}

do {
  let edits = try makeEdits()
  let outcome = try saver.save(edits, to: path, expecting: try MemMap.status(ofFile: path))
  print(outcome.message)
} catch {
  fail("\(error)")
}

/// The `moved` and `fill` modes: a piece-table save of `path`, killed after step `stop`.
func saveTable(_ path: String, filling: Bool, stoppingAfter stop: Int) -> Never {
  let stepsSeen = Atomic<Int>(0)
  var saver = Saver()
  saver.stepObserver = { _ in
    if stepsSeen.add(1, ordering: .sequentiallyConsistent).oldValue == stop {
      kill(getpid(), SIGKILL)
    }
  }
  do {
    let status = try MemMap.status(ofFile: path)
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path, mode: .readOnly)))
    table.overwrite(at: 100, with: [0x5A])
    if filling {
      table.fill(1000..<(table.count - 1000), with: [0xDE, 0xAD, 0xBE, 0xEF, 0x01])
    } else {
      table.insert([0xAA, 0xBB, 0xCC], at: 4097)
      table.delete(10_000..<10_010)
    }
    let outcome = try saver.save(table, to: path, expecting: status)
    print(outcome.message)
    exit(0)
  } catch {
    fail("\(error)")
  }
}
