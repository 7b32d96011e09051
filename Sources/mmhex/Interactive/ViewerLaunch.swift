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
    let startOffset = try offset.map { text throws(CommandLineFailure) in
      try NumberOption.parse(text, option: "--offset")
    } ?? 0
    let bytesPerRow = try width.map { text throws(CommandLineFailure) in
      try NumberOption.parse(text, option: "--width", minimum: 1)
    }
    let (document, openingMessage) = try openDocument()
    let screen: Screen
    do {
      screen = try Screen(usesColor: color.usesColor(outputIsTerminal: true))
    } catch {
      throw CommandLineFailure.terminal(error)
    }
    let configuration = EditorConfiguration(
      bytesPerRow: bytesPerRow, startOffset: startOffset, showsColor: screen.usesColor)
    let editor = Editor(document: document, configuration: configuration, message: openingMessage)
    EventLoop(screen: screen, editor: editor).run()
    screen.close()
    TerminalRestorer.endWithPendingSignal()
  }

  /// Maps FILE read-only (edits stay pending until saved), or creates the scratch buffer.
  ///
  /// A journal left by an interrupted save is applied first, so the file shown is exactly its
  /// old or its new contents; the returned message says what happened. If the journal cannot
  /// be applied, or the session is read-only, the file opens read-only and the journal is kept.
  private func openDocument() throws(CommandLineFailure) -> (Document, EditorMessage?) {
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
      if JournalRecovery.hasJournal(filePath: path) {
        message = EditorMessage(
          "an interrupted save left the journal '\(SaveJournal.path(for: path))'; open the file writable to recover it",
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
    do {
      let mapping = try MemMap.open(path, mode: .readOnly)
      return (Document(mapping: mapping, path: path, isReadOnly: isReadOnly), message)
    } catch {
      throw .cannotOpen(path, error)
    }
  }
}
