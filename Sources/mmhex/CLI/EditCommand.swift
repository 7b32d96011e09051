import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex [FILE]`: the interactive viewer and editor (the default command).
struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Open FILE in the interactive viewer.",
    discussion: """
      Without FILE, an empty scratch buffer in memory is opened. A file you may not write \
      opens read-only. Press F1 inside for the keys.
      """
  )

  /// Default size of the scratch buffer: 64 KiB.
  static let defaultScratchSize = 64 * 1024

  @Argument(help: "The file to open; without it, an empty scratch buffer.")
  var file: String?

  @Flag(name: [.customShort("r"), .customLong("readonly")], help: "Open read-only: edits are refused, nothing is written.")
  var readOnly = false

  @Option(parsing: .unconditional, help: ArgumentHelp("Start with the cursor on byte N.", valueName: "N"))
  var offset: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Bytes per row (default: the most that fit, a multiple of 8).", valueName: "N"))
  var width: String?

  @Option(help: ArgumentHelp("When to colour bytes by class (auto: on a terminal, unless NO_COLOR is set).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Option(name: .customLong("scratch-size"), parsing: .unconditional, help: ArgumentHelp("Size of the scratch buffer (default: 65536).", valueName: "N"))
  var scratchSize: String?

  func run() throws {
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
