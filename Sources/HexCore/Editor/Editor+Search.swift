// Ctrl-F, Ctrl-N and Ctrl-P: searches run in the background on the document as the user sees
// it (pending edits included), so the screen keeps responding and Esc can stop them.

/// A search the user submitted: what Ctrl-N and Ctrl-P repeat.
struct SubmittedSearch {
  var search: ByteSearch
  /// How the pattern is shown in messages: hex pairs, or the text in quotes.
  var description: String
}

/// A search running in the background.
struct RunningSearch {
  var job: SearchJob
  var direction: SearchDirection
  /// What it looks for.
  var submitted: SubmittedSearch
}

extension Editor {
  /// How long a search may take before the editor shows its progress instead of waiting for
  /// it: small files answer within the same frame.
  static let searchWaitMilliseconds = 30

  /// Opens the find prompt: hex in the hex pane, text in the text pane, holding the text last
  /// searched for of that kind.
  func openFindPrompt() {
    let text = findPrompt.open(in: activePane)
    prompt = Prompt(label: findLabel, text: text)
    mode = .prompting(.find)
  }

  /// The find prompt's own keys: Tab switches hex/text, Ctrl-T toggles case-insensitive text.
  ///
  /// - Returns: `true` when the key was one of them.
  func handleFindPromptOption(_ key: Key) -> Bool {
    switch key {
    case .tab, .backTab:
      let text = findPrompt.switchKind(keeping: prompt.text)
      prompt = Prompt(label: findLabel, text: text)
      return true
    case .control("t"):
      guard findKind == .text else {
        prompt.error = "case applies to text: Tab switches to text"
        return true
      }
      findIgnoresCase.toggle()
      prompt.label = findLabel
      return true
    default:
      return false
    }
  }

  /// The find prompt's label, naming the kind of pattern and the keys that change it.
  var findLabel: String {
    switch (findKind, findIgnoresCase) {
    case (.hex, _): "Find hex [Tab: text]: "
    case (.text, false): "Find text [Tab: hex, Ctrl-T: any case]: "
    case (.text, true): "Find text, any case [Tab: hex, Ctrl-T: exact case]: "
    }
  }

  /// Parses the typed pattern and starts the search at the cursor (past it when the cursor is
  /// on a match of this very pattern, so submitting it again goes to the next match); a bad
  /// pattern keeps the prompt open with the reason.
  func submitFind(_ text: String) {
    let pattern: SearchPattern
    do {
      pattern = try SearchPattern(text, kind: findKind, ignoringCase: findKind == .text && findIgnoresCase)
    } catch {
      prompt.error = error.description
      return
    }
    findPrompt.remember(text)
    mode = .browsing
    let description = findKind == .hex ? pattern.hexDescription : "\"\(text)\""
    let isOnItsMatch = match?.lowerBound == viewport.cursor && lastSearch?.search.pattern == pattern
    lastSearch = SubmittedSearch(search: ByteSearch(pattern: pattern), description: description)
    startSearch(.forward, from: isOnItsMatch ? viewport.cursor + 1 : viewport.cursor)
  }

  /// Ctrl-N (forward, past the cursor) and Ctrl-P (backward, before the cursor).
  func repeatSearch(_ direction: SearchDirection) {
    guard lastSearch != nil else {
      message = EditorMessage("nothing to repeat yet: Ctrl-F finds bytes or text", isError: true)
      return
    }
    startSearch(direction, from: direction == .forward ? viewport.cursor + 1 : viewport.cursor)
  }

  /// Starts the last submitted search from `origin`, replacing any running one.
  private func startSearch(_ direction: SearchDirection, from origin: Int) {
    guard let submitted = lastSearch else { return }
    stopSearch()
    document.checkFile()
    if let truncated = document.truncatedCount {
      message = EditorMessage(
        "cannot search: another process truncated the file to \(truncated) bytes; reopen it to search", isError: true)
      return
    }
    let job =
      if let table = session.table {
        // A copy of the table is a snapshot: editing goes on while the search scans it.
        SearchJob.find(submitted.search, direction, from: origin, in: table)
      } else {
        document.startSearch(submitted.search, direction, from: origin, seeing: session.edits)
      }
    runningSearch = RunningSearch(job: job, direction: direction, submitted: submitted)
    job.wait(milliseconds: Self.searchWaitMilliseconds)
    pollSearch()
  }

  /// Collects the result of a finished search: moves to the match, or says why there is none.
  ///
  /// - Returns: `true` when the screen should be redrawn (a result arrived, or the search is
  ///   still running and its progress should be shown).
  @discardableResult
  func pollSearch() -> Bool {
    guard let search = runningSearch else { return false }
    let state = search.job.state
    if state == .running { return true }
    runningSearch = nil
    switch state {
    case .running:
      break
    case .found(let hit):
      match = hit.offset..<min(hit.offset + search.submitted.search.pattern.count, contentCount)
      viewport.jump(to: hit.offset)
      endTypingRun()
      let place = "match at " + Self.hex(hit.offset)
      if hit.wrapped {
        let end = search.direction == .forward ? "end" : "start"
        message = EditorMessage("search wrapped past the \(end) of the file: \(place)")
      } else {
        message = EditorMessage("\(place)  (Ctrl-N next, Ctrl-P previous)")
      }
    case .notFound:
      message = EditorMessage("not found: \(search.submitted.description)", isError: true)
    case .failed(.cancelled):
      message = EditorMessage("search cancelled")
    case .failed(let error):
      message = EditorMessage(error.description, isError: true)
    }
    return true
  }

  /// Cancels the running search, if any; its thread stops at its next chunk.
  func stopSearch() {
    runningSearch?.job.cancel()
    runningSearch = nil
  }

  /// The bottom line while a search runs: what, how far, how fast, and how to stop it.
  var searchProgressText: String? {
    guard let search = runningSearch else { return nil }
    let progress = search.job.progress
    let percent = Int(progress.fractionCompleted * 100)
    return "searching for \(search.submitted.description): \(percent)% at \(Self.speed(progress.bytesPerSecond))  "
      + "Esc cancels"
  }

  /// `0x` and lowercase hex digits.
  static func hex(_ offset: Int) -> String {
    "0x" + String(offset, radix: 16)
  }

  /// A speed such as `9.8 GB/s` or `120.5 MB/s`, with one decimal.
  static func speed(_ bytesPerSecond: Double) -> String {
    let (value, unit) = bytesPerSecond >= 1e9 ? (bytesPerSecond / 1e9, "GB/s") : (bytesPerSecond / 1e6, "MB/s")
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(unit)"
  }
}
