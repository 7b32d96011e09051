import Testing

@testable import HexCore

@Suite("Viewport")
struct ViewportTests {
  @Test("the cursor starts clamped into the file and on screen")
  func startClamped() {
    let past = Viewport(count: 100, bytesPerRow: 16, visibleRows: 3, cursor: 1000)
    #expect(past.cursor == 99)
    #expect(past.topRow == 4)
    #expect(past.rowCount == 7)
    let negative = Viewport(count: 100, bytesPerRow: 16, visibleRows: 3, cursor: -5)
    #expect(negative.cursor == 0)
    #expect(negative.topRow == 0)
  }

  @Test("moving clamps at both ends and scrolls minimally")
  func movement() {
    var view = Viewport(count: 100, bytesPerRow: 16, visibleRows: 3)
    view.moveCursor(by: -1)
    #expect(view.cursor == 0)
    view.moveCursor(rows: 2)
    #expect(view.cursor == 32)
    #expect(view.topRow == 0)
    view.moveCursor(rows: 1)
    #expect(view.cursor == 48)
    #expect(view.topRow == 1)
    view.moveCursor(rows: 10)
    #expect(view.cursor == 99)
    #expect(view.topRow == 4)
    view.moveCursor(by: Int.max)
    #expect(view.cursor == 99)
    view.moveCursor(by: Int.min)
    #expect(view.cursor == 0)
    #expect(view.topRow == 0)
    view.moveCursor(rows: Int.min)
    #expect(view.cursor == 0)
  }

  @Test("paging keeps the cursor's screen row; at the ends it goes to the first or last byte")
  func paging() {
    var view = Viewport(count: 16 * 20, bytesPerRow: 16, visibleRows: 5, cursor: 16 + 3)
    view.page(1)
    #expect(view.topRow == 5)
    #expect(view.cursor == 6 * 16 + 3)
    view.page(2)
    #expect(view.topRow == 15)
    #expect(view.cursor == 16 * 16 + 3)
    view.page(1)
    #expect(view.topRow == 15)
    #expect(view.cursor == 16 * 20 - 1)
    view.page(-1)
    #expect(view.topRow == 10)
    #expect(view.cursor == 14 * 16 + 15)
    view.page(-5)
    #expect(view.topRow == 0)
    #expect(view.cursor == 4 * 16 + 15)
    view.page(-1)
    #expect(view.cursor == 0)
  }

  @Test("the wheel scrolls the view and drags the cursor only to keep it visible")
  func wheel() {
    var view = Viewport(count: 16 * 20, bytesPerRow: 16, visibleRows: 5, cursor: 2 * 16 + 7)
    view.scroll(rows: 3)
    #expect(view.topRow == 3)
    #expect(view.cursor == 3 * 16 + 7)
    view.scroll(rows: 100)
    #expect(view.topRow == 15)
    #expect(view.cursor == 15 * 16 + 7)
    view.scroll(rows: -1)
    #expect(view.topRow == 14)
    #expect(view.cursor == 15 * 16 + 7)
    view.scroll(rows: Int.min)
    #expect(view.topRow == 0)
    #expect(view.cursor == 4 * 16 + 7)
  }

  @Test("resizing keeps the cursor on its byte and on screen")
  func resize() {
    var view = Viewport(count: 4096, bytesPerRow: 16, visibleRows: 10, cursor: 0x800)
    #expect(view.topRow == 119)
    view.resize(bytesPerRow: 32, visibleRows: 10)
    #expect(view.cursor == 0x800)
    #expect(view.cursorRow == 64)
    #expect(view.topRow >= 55 && view.topRow <= 64)
    view.resize(bytesPerRow: 8, visibleRows: 1)
    #expect(view.cursor == 0x800)
    #expect(view.topRow == 256)
    view.resize(bytesPerRow: 16, visibleRows: 1000)
    #expect(view.topRow == 0)
    #expect(view.occupiedRows == 256)
  }

  @Test("an empty file has cursor 0 and no rows")
  func emptyFile() {
    var view = Viewport(count: 0, bytesPerRow: 16, visibleRows: 10, cursor: 50)
    #expect(view.cursor == 0)
    #expect(view.rowCount == 0)
    #expect(view.occupiedRows == 0)
    #expect(view.visibleRange == 0..<0)
    view.moveCursor(rows: 3)
    view.page(1)
    view.scroll(rows: 3)
    #expect(view.cursor == 0)
    #expect(view.topRow == 0)
  }

  @Test("a file of Int.max bytes: end, paging and the visible range do not overflow")
  func huge() {
    var view = Viewport(count: Int.max, bytesPerRow: 16, visibleRows: 60)
    view.moveCursor(to: Int.max)
    #expect(view.cursor == Int.max - 1)
    #expect(view.rowCount == (Int.max - 1) / 16 + 1)
    #expect(view.topRow == view.rowCount - 60)
    #expect(view.visibleRange.upperBound == Int.max)
    view.page(1)
    #expect(view.cursor == Int.max - 1)
    view.page(-Int.max)
    #expect(view.topRow == 0)
    let tebibyte = Viewport(count: 1 << 40, bytesPerRow: 16, visibleRows: 10, cursor: (1 << 40) - 1)
    #expect(tebibyte.visibleRange == ((1 << 40) - 160)..<(1 << 40))
  }

  @Test("a last partial row: down from the row above goes to the last byte")
  func partialLastRow() {
    var view = Viewport(count: 40, bytesPerRow: 16, visibleRows: 5, cursor: 20)
    view.moveCursor(rows: 1)
    #expect(view.cursor == 36)
    view.moveCursor(rows: 1)
    #expect(view.cursor == 39)
    #expect(view.visibleRange == 0..<40)
  }

  @Test("a file that shrinks moves the cursor back inside")
  func shrink() {
    var view = Viewport(count: 400, bytesPerRow: 16, visibleRows: 5, cursor: 399)
    view.updateCount(100)
    #expect(view.cursor == 99)
    #expect(view.topRow == 2)
  }
}

@Suite("Viewport jumps")
struct ViewportJumpTests {
  @Test("a jump off screen puts the target row at the top; on screen it does not scroll")
  func jump() {
    var view = Viewport(count: 4096, bytesPerRow: 16, visibleRows: 10)
    view.jump(to: 0x805)
    #expect(view.topRow == 0x80)
    #expect(view.cursor == 0x805)
    view.jump(to: 0x835)
    #expect(view.topRow == 0x80)
    view.jump(to: 0xFFF)
    #expect(view.topRow == 246)
    view.jump(to: 0x10)
    #expect(view.topRow == 1)
  }
}

@Suite("Viewport invariants")
struct ViewportInvariantTests {
  @Test(
    "random operations keep the cursor in the file, on screen, and the top row in range",
    arguments: [0, 1, 15, 16, 17, 1000, 1 << 40, Int.max])
  func invariants(count: Int) {
    var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: count) &+ 3)
    var view = Viewport(count: count, bytesPerRow: 16, visibleRows: 10)
    func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
    let bigSteps = [1, -1, 100, -100, Int.max, Int.min, count, -count]
    for _ in 0..<5000 {
      switch random(8) {
      case 0: view.moveCursor(by: bigSteps[random(bigSteps.count)])
      case 1: view.moveCursor(rows: random(7) - 3)
      case 2: view.page(random(5) - 2)
      case 3: view.scroll(rows: random(13) - 6)
      case 4: view.resize(bytesPerRow: 1 + random(64), visibleRows: 1 + random(80))
      case 5: view.jump(to: count == 0 ? 0 : Int(generator.next() % UInt64(count)))
      case 6: view.moveCursor(to: [0, Int.max, -1, count / 2][random(4)])
      default: view.resize(bytesPerRow: view.bytesPerRow, visibleRows: view.visibleRows)
      }
      #expect(view.cursor >= 0 && view.cursor <= max(count - 1, 0))
      #expect(view.topRow >= 0 && view.topRow <= view.maximumTopRow)
      if count > 0 {
        #expect(view.cursorRow >= view.topRow && view.cursorRow < view.topRow + view.visibleRows)
      }
    }
  }
}
