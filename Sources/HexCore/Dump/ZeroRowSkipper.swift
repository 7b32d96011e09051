/// `xxd -a` ("autoskip"): runs of all-zero rows collapse to a single `*` line.
///
/// The rule, exactly as `xxd` applies it: the first zero row of a run is printed; a run of two
/// prints both; a longer run prints its first row and `*`, and, when the dump ends inside the run,
/// its last row as well (a run of three at the very end prints all three). A short final row is
/// always printed.
struct ZeroRowSkipper: Sendable {
  /// A line to print.
  enum Line: Equatable {
    /// The row just passed in.
    case current
    /// An earlier all-zero row, at this offset.
    case zeroRow(offset: Int)
    /// A `*` line.
    case star
  }

  /// Zero rows seen in the current run.
  private var zeroRun = 0
  /// The second row of the current run: printed when the run turns out to be two rows long.
  private var secondZeroRow = 0
  /// The last full row passed in.
  private var lastRow = 0

  /// Passes a full row at `offset`; `emit` receives what to print now, in order.
  mutating func fullRow(offset: Int, isZero: Bool, _ emit: (Line) -> Void) {
    lastRow = offset
    guard isZero else {
      endRun(emit)
      emit(.current)
      return
    }
    zeroRun += 1
    if zeroRun == 1 { emit(.current) }
    if zeroRun == 2 { secondZeroRow = offset }
  }

  /// Passes the short final row: always printed, after what the run before it owes.
  mutating func finalPartialRow(_ emit: (Line) -> Void) {
    endRun(emit)
    emit(.current)
  }

  /// Ends the dump after a full row: prints what a trailing run of zero rows still owes.
  mutating func finish(_ emit: (Line) -> Void) {
    guard zeroRun > 1 else { return }
    zeroRun -= 1
    endRun(emit)
    emit(.zeroRow(offset: lastRow))
  }

  private mutating func endRun(_ emit: (Line) -> Void) {
    if zeroRun == 2 { emit(.zeroRow(offset: secondZeroRow)) }
    if zeroRun > 2 { emit(.star) }
    zeroRun = 0
  }
}
