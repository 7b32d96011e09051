import Glibc
import HexCore
import MemMap

/// The viewer's start: what the command line asked for (`mmhex [FILE]` and its options), and
/// the steps from there to the running editor.
///
/// `Edit` fills it from ArgumentParser; the plain `mmhex` and `mmhex FILE` build it directly,
/// which saves start-up time (see `MMHex.runAsMain()`).
struct ViewerLaunch {
  /// Default size of the scratch buffer: 64 KiB.
  static let defaultScratchSize = 64 * 1024

  /// The file to open, or `nil` for the scratch buffer.
  var file: String?
  /// The file to compare it with (`mmhex A B`), or `nil`.
  var secondFile: String?
  /// `-r`: refuse edits, write nothing.
  var readOnly = false
  /// `--offset`, as typed.
  var offset: String?
  /// `--width`, as typed.
  var width: String?
  /// `--color`.
  var color: ColorChoice = .auto
  /// `--scratch-size`, as typed.
  var scratchSize: String?

  /// Opens the file (or scratch buffer), starts the terminal, and runs the editor until it quits.
  func run() throws(CommandLineFailure) {
    let bytesPerRow = try width.map { text throws(CommandLineFailure) in
      try NumberOption.parse(text, option: "--width", minimum: 1)
    }
    var (document, openingMessage) = try openDocument(file)
    let second = try secondFile.map { path throws(CommandLineFailure) in try openDocument(path) }
    if let secondMessage = second?.1 {
      let text = [openingMessage?.text, secondMessage.text].compactMap { $0 }.joined(separator: "; ")
      openingMessage = EditorMessage(text, isError: openingMessage?.isError == true || secondMessage.isError)
    }
    let startOffset = try offset.map { text throws(CommandLineFailure) in
      try Self.resolveOffset(text, count: document.count)
    } ?? 0
    let screen: Screen
    do {
      screen = try Screen(usesColor: color.usesColor(outputIsTerminal: true))
    } catch {
      throw CommandLineFailure.terminal(error)
    }
    if let bytesPerRow, let width {
      try refuseWidthThatDoesNotFit(
        bytesPerRow, typed: width, columns: screen.size.columns, count: max(document.count, second?.0.count ?? 0)
      ) {
        screen.close()
      }
    }
    let configuration = EditorConfiguration(
      bytesPerRow: bytesPerRow, startOffset: startOffset, showsColor: screen.usesColor,
      homeDirectory: Self.homeDirectory, processID: Int(getpid()), timeFormat: Self.localTime)
    let editor = Editor(document: document, configuration: configuration, message: openingMessage)
    if let second { editor.compare(with: second.0) }
    EventLoop(screen: screen, editor: editor).run()
    screen.close()
    TerminalRestorer.endWithPendingSignal()
  }

  /// `$HOME`, or the home directory in the user database, for `~` in typed paths.
  private static var homeDirectory: String? {
    if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
    return String(cString: directory)
  }

  /// File times in messages in the local time zone (`TZ`, or the system's).
  private static let localTime = TimestampFormat { seconds in
    var time = time_t(seconds)
    var parts = tm()
    guard localtime_r(&time, &parts) != nil else { return 0 }
    return Int(parts.tm_gmtoff)
  }

  /// `--offset` reads the go-to grammar (`0x1f`, `50%`, `end`, `end-16`, `+16`), counted from the
  /// start of the file, and refuses what Ctrl-G refuses.
  static func resolveOffset(_ text: String, count: Int) throws(CommandLineFailure) -> Int {
    do {
      return try OffsetExpression.resolve(text, cursor: 0, count: count)
    } catch {
      throw CommandLineFailure(message: "invalid --offset: \(error)", exitCode: CommandLineFailure.usageExitCode)
    }
  }

  /// Refuses a `--width` wider than the terminal, naming the most that fits; `beforeThrowing`
  /// leaves curses mode first. A terminal too small for any row is left to the viewer's note.
  private func refuseWidthThatDoesNotFit(
    _ bytesPerRow: Int, typed: String, columns: Int, count: Int, beforeThrowing: () -> Void
  ) throws(CommandLineFailure) {
    let most = RowLayout.mostBytesPerRow(width: columns, fileSize: count)
    guard most >= 1, bytesPerRow > most else { return }
    beforeThrowing()
    throw .outOfRange(
      "--width", typed, expected: "does not fit this \(columns)-column terminal (the most that fits is \(most))")
  }

  /// Maps FILE read-only (edits stay pending until saved), or creates the scratch buffer.
  ///
  /// A journal left by an interrupted save is applied first, so the file shown is exactly its
  /// old or its new contents; the returned message says what happened. If the journal cannot
  /// be applied, or the session is read-only, the file opens read-only and the journal is kept.
  private func openDocument(_ file: String?) throws(CommandLineFailure) -> (Document, EditorMessage?) {
    guard let path = file else {
      let size = try scratchSize.map { text throws(CommandLineFailure) in
        try NumberOption.parse(text, option: "--scratch-size", minimum: 1)
      } ?? Self.defaultScratchSize
      do {
        return (Document(mapping: try MemMap.anonymous(size: size), path: nil, isReadOnly: readOnly), nil)
      } catch {
        throw .cannotCreateScratch(size: size, error)
      }
    }
    if let content = try InputFile.contentReportedAsEmpty(path) {
      let reason = "'\(path)' reports a size of 0 but holds \(content.count) bytes (as /proc files do): read into memory, read-only"
      return (Document(bytes: content, path: path, isReadOnly: true), EditorMessage(reason))
    }
    var isReadOnly = readOnly || access(path, W_OK) != 0
    var message: EditorMessage?
    if isReadOnly {
      if let journalPath = JournalRecovery.existingJournalPath(filePath: path) {
        message = EditorMessage(
          "an interrupted save left the journal '\(journalPath)'; open the file writable to recover it",
          isError: true)
      }
    } else {
      do {
        message = try JournalRecovery.recover(filePath: path).message.map { EditorMessage($0) }
      } catch {
        isReadOnly = true
        message = EditorMessage("\(error) (opened read-only)", isError: true)
      }
    }
    if let notice = UnsavedEditsMarker.openingNotice(filePath: path) {
      message = EditorMessage(
        [message?.text, notice].compactMap { $0 }.joined(separator: "; "), isError: message?.isError ?? false)
    }
    do {
      let mapping = try MemMap.open(path, mode: .readOnly)
      return (Document(mapping: mapping, path: path, isReadOnly: isReadOnly), message)
    } catch {
      throw .cannotOpen(path, error)
    }
  }
}
