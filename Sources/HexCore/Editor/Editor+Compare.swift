// The compare view (`mmhex A B`): two files at the same offset, scrolling together, the bytes
// that differ highlighted in both; F8 (Enter in the hex pane) and F7 go to the next and
// previous run of differences, found in the background. Everything else works on the active
// file exactly as with one file: the other one waits in `Comparison.aside`, and Ctrl-W swaps
// the two.

/// The compare view's state.
struct Comparison {
  /// The file that is not active.
  var aside: ComparedFile
  /// Whether the active file is the first one (shown on the left, or on top).
  var activeIsFirst = true
  /// The search for the next or previous difference, while it runs.
  var differenceSearch: RunningDifferenceSearch?
  /// The background count of every difference, while it runs.
  var counting: DiffCountJob?
  /// The sessions (first file's, second file's) the count ran or runs over.
  var countedSessions: [EditSession]?
  /// The last finished count.
  var count: DiffCount?
  /// Whether quitting already asked about the file that is not active (see ``Editor/confirmQuitOfAside(_:)``).
  var askedAboutAside = false
  /// Tells other mmhex processes that the file not active has unsaved edits (the editor's own
  /// marker follows the active file).
  var asideMarker: UnsavedEditsMarker?
}

/// A search for a run of differences running in the background.
struct RunningDifferenceSearch {
  var job: SearchJob
  var direction: SearchDirection
  /// Where it started: the cursor.
  var origin: Int
}

extension Editor {
  /// Opens the compare view: the editor's document is the first file, `other` the second.
  public func compare(with other: Document) {
    comparison = Comparison(aside: ComparedFile(document: other, session: EditSession(), match: nil))
    comparison?.asideMarker = configuration.processID.map(UnsavedEditsMarker.init(processID:))
    startCountingDifferences()
  }

  /// Whether the compare view is open.
  public var isComparing: Bool { comparison != nil }

  /// The compare view's files in order (first, second) with their edits, or `nil` outside it.
  var comparedFiles: (first: ComparedFile, second: ComparedFile)? {
    guard let comparison else { return nil }
    let active = ComparedFile(document: document, session: session, match: match)
    return comparison.activeIsFirst ? (active, comparison.aside) : (comparison.aside, active)
  }

  /// The last count of differences (bytes and runs), or `nil` while none has finished.
  public var differenceCount: DiffCount? { comparison?.count }

  /// Whether a difference search or count runs in the background.
  public var isScanningDifferences: Bool {
    comparison?.differenceSearch != nil || comparison?.counting != nil
  }

  // MARK: - Switching files

  /// Ctrl-W: makes the other file active, at the same offset (clamped to its end).
  func switchFile() {
    guard var comparison else {
      message = EditorMessage(
        "Ctrl-W switches files in the compare view: open two files with 'mmhex A B'", isError: true)
      return
    }
    stopSearch()
    endTypingRun()
    let current = ComparedFile(document: document, session: session, match: match)
    document = comparison.aside.document
    session = comparison.aside.session
    match = comparison.aside.match
    comparison.aside = current
    comparison.activeIsFirst.toggle()
    self.comparison = comparison
    viewport.updateCount(contentCount)
  }

  /// What F8, F7 and Enter in the hex pane say with one file open.
  static let noComparisonNote =
    "F8, F7 and Enter (hex pane) find differences in the compare view: open two files with 'mmhex A B'"

  // MARK: - Next and previous difference

  /// F8 and F7: starts looking for the next run of differences after the cursor (forward) or
  /// the last one starting before it (backward), in the background.
  func seekDifference(_ direction: SearchDirection) {
    guard comparison != nil else {
      message = EditorMessage(Self.noComparisonNote, isError: true)
      return
    }
    stopDifferenceSearch()
    guard let scanner = makeScanner() else { return }
    let origin = viewport.cursor
    let job = SearchJob.start { progress throws(SearchError) in
      let run =
        direction == .forward
        ? try scanner.nextRun(after: origin, progress: progress)
        : try scanner.previousRun(before: origin, progress: progress)
      return run.map { SearchHit(offset: $0.offset, wrapped: false) }
    }
    comparison?.differenceSearch = RunningDifferenceSearch(job: job, direction: direction, origin: origin)
    job.wait(milliseconds: Self.searchWaitMilliseconds)
    pollComparison()
  }

  /// A scanner over both files as they are now (pending edits included), or `nil` with the
  /// reason on the bottom line.
  private func makeScanner() -> DiffScanner? {
    guard let files = comparedFiles else { return nil }
    for file in [files.first, files.second] {
      file.document.checkFile()
      if let truncated = file.document.truncatedCount {
        message = EditorMessage(
          "cannot compare: another process truncated '\(file.document.displayName)' to \(truncated) bytes; reopen it",
          isError: true)
        return nil
      }
    }
    guard let first = files.first.diffSide, let second = files.second.diffSide else {
      message = EditorMessage("cannot compare these files in the background", isError: true)
      return nil
    }
    return DiffScanner(first, second)
  }

  /// Collects a finished difference search (moving to the run it found, in the file that has
  /// it) and a finished count; recounts when the edits changed.
  ///
  /// - Returns: `true` when the screen should be redrawn.
  @discardableResult
  func pollComparison() -> Bool {
    guard var comparison else { return false }
    comparison.asideMarker?.update(
      filePath: comparison.aside.document.path, hasUnsavedEdits: comparison.aside.session.hasChanges)
    var changed = false
    if let outcome = comparison.counting?.outcome {
      comparison.counting = nil
      if case .success(let count) = outcome { comparison.count = count }
      changed = true
    }
    self.comparison = comparison
    if let files = comparedFiles, comparison.countedSessions != [files.first.session, files.second.session] {
      startCountingDifferences()
      changed = true
    }
    // A running count redraws so its percentage moves.
    return pollDifferenceSearch() || changed || self.comparison?.counting != nil
  }

  private func pollDifferenceSearch() -> Bool {
    guard let search = comparison?.differenceSearch else { return false }
    let state = search.job.state
    if state == .running { return true }
    comparison?.differenceSearch = nil
    switch state {
    case .running:
      break
    case .found(let hit):
      var note = ""
      if hit.offset >= contentCount {
        switchFile()
        note = "; only '\(document.displayName)' has bytes here"
      }
      viewport.jump(to: hit.offset)
      endTypingRun()
      message = EditorMessage("difference at \(Self.hex(hit.offset))\(note)  (F8 next, F7 previous)")
    case .notFound:
      let side = search.direction == .forward ? "after" : "before"
      message = EditorMessage("no more differences \(side) \(Self.hex(search.origin))")
    case .failed(.cancelled):
      message = EditorMessage("search cancelled")
    case .failed(let error):
      message = EditorMessage(error.description, isError: true)
    }
    return true
  }

  /// Stops the difference search, if one runs; returns whether one did.
  @discardableResult
  func stopDifferenceSearch() -> Bool {
    guard let search = comparison?.differenceSearch else { return false }
    search.job.cancel()
    comparison?.differenceSearch = nil
    return true
  }

  /// Stops every background job of the compare view and takes back the other file's
  /// unsaved-edits mark (the editor is going away).
  func stopComparisonJobs() {
    stopDifferenceSearch()
    comparison?.counting?.cancel()
    comparison?.counting = nil
    comparison?.asideMarker?.unmark()
  }

  // MARK: - Counting

  /// Starts counting every difference as the files are now, replacing a count under way.
  private func startCountingDifferences() {
    comparison?.counting?.cancel()
    guard let files = comparedFiles else { return }
    comparison?.countedSessions = [files.first.session, files.second.session]
    comparison?.count = nil
    guard let first = files.first.diffSide, let second = files.second.diffSide else { return }
    comparison?.counting = DiffCountJob(DiffScanner(first, second))
  }

  // MARK: - Quitting

  /// Makes sure quitting never drops the other file's unsaved edits: when the editor is about
  /// to quit and the file that is not active has some, it becomes active and the usual
  /// question is asked about it, once per Ctrl-Q.
  func confirmQuitOfAside(_ outcome: EditorOutcome) -> EditorOutcome {
    guard outcome == .quit, let comparison, !comparison.askedAboutAside, comparison.aside.session.hasChanges
    else { return outcome }
    self.comparison?.askedAboutAside = true
    switchFile()
    ask(
      .saveBeforeQuit,
      "'\(document.displayName)': \(session.changeTally.notSaved). "
        + "Save before quitting? y: save and quit, n: quit without saving, Esc: stay")
    return .continue
  }

  /// A new Ctrl-Q asks about both files again.
  func beginQuit() {
    comparison?.askedAboutAside = false
  }

  // MARK: - Bottom line

  /// The bottom line while a difference search runs.
  var differenceProgressText: String? {
    guard let search = comparison?.differenceSearch else { return nil }
    let progress = search.job.progress
    let percent = Int(progress.fractionCompleted * 100)
    let which = search.direction == .forward ? "next" : "previous"
    return "looking for the \(which) difference: \(percent)% at \(Self.speed(progress.bytesPerSecond))  Esc cancels"
  }

  /// The bottom line of the compare view when there is nothing else to say.
  var comparisonHints: String? {
    guard let comparison else { return nil }
    let keys = "F8 next  F7 previous  Ctrl-W other file  F1 help"
    guard let count = comparison.count else {
      let percent = Int((comparison.counting?.progress.fractionCompleted ?? 0) * 100)
      return "counting differences: \(percent)%  " + keys
    }
    if count.bytes == 0 { return "no differences  " + keys }
    let bytes = count.bytes == 1 ? "1 differing byte" : "\(count.bytes) differing bytes"
    let runs = count.runs == 1 ? "1 run" : "\(count.runs) runs"
    return "\(bytes) in \(runs)  " + keys
  }
}
