import ArgumentParser
import FoundationEssentials
import HexCore

/// The manual page `mmhex.1`, generated from the command definitions (ArgumentParser's
/// description of every command and option), the key table and the exit-status constants, so it
/// cannot drift from what the program does.
enum ManPage {
  /// The page in `man(7)` format.
  static func render() -> String {
    let root = command(MMHex.self)
    let visible = (root.subcommands ?? []).filter { $0.shouldDisplay && $0.commandName != "help" }
    var page = Roff()
    page.line(".TH MMHEX 1 \"\" \"\(MMHex.configuration.version)\" \"User Commands\"")
    page.section("NAME")
    page.text("mmhex \\- \(Roff.escape(root.abstract ?? ""))")
    page.section("SYNOPSIS")
    for usage in MMHex.configuration.usage?.split(separator: "\n") ?? [] {
      page.line(".br")
      page.text(Roff.escape(String(usage)))
    }
    page.section("DESCRIPTION")
    page.paragraphs(Self.description(of: root.discussion ?? ""))
    page.paragraph(
      "Commands: " + visible.map { "\\fB\($0.commandName)\\fR" }.joined(separator: ", ")
        + ". Without a command, mmhex runs \\fBedit\\fR (the viewer).")
    page.section("COMMANDS")
    for subcommand in visible {
      page.line(".SS \"mmhex \(subcommand.commandName)\"")
      if let abstract = subcommand.abstract { page.paragraph(Roff.escape(abstract)) }
      page.paragraphs(Roff.escape(subcommand.discussion ?? ""))
      page.options(subcommand.arguments ?? [])
    }
    page.section("GLOBAL OPTIONS")
    page.options(root.arguments ?? [])
    page.section("KEYS")
    page.paragraph("In the viewer (F1 shows the same list). \"(hex)\" and \"(text)\" mark keys that work only in that pane.")
    for entry in HelpScreen.entries {
      page.line(".TP")
      page.text("\\fB\(Roff.escape(entry.keys))\\fR")
      page.text(Roff.escape(entry.summary))
    }
    page.section("EXIT STATUS")
    page.exitStatuses()
    page.section("ENVIRONMENT")
    page.line(".TP")
    page.text("\\fBNO_COLOR\\fR")
    page.text("When set to a non-empty value, \\fB\\-\\-color auto\\fR does not colour.")
    page.section("FILES")
    page.line(".TP")
    page.text("\\fI.NAME.HASH.mmhex-journal\\fR")
    page.text(
      "Next to a file being saved or patched (its real path, links followed; NAME is cut short and HASH "
        + "keys it to the full path): the journal that makes the write crash-safe. It is removed when the "
        + "write is complete; if one is left after a crash, the next \\fBmmhex FILE\\fR or "
        + "\\fBmmhex patch FILE\\fR restores exactly the old or the new bytes.")
    page.line(".TP")
    page.text("\\fI.NAME.HASH.mmhex-editing\\fR")
    page.text(
      "Next to a file while an mmhex has unsaved edits to it: holds that process's ID, so that another "
        + "mmhex opening the file can say so. Removed when the edits are saved or undone, or mmhex quits.")
    page.section("SEE ALSO")
    page.text("\\fBxxd\\fR(1), \\fBgrep\\fR(1)")
    return page.text
  }

  /// The root discussion without its own list of the viewer's options (the page lists them
  /// from the command definitions under \fBedit\fR).
  private static func description(of discussion: String) -> String {
    let prose = discussion.components(separatedBy: "\n\n").filter { !$0.hasPrefix("VIEWER OPTIONS:") }
    return Roff.escape(prose.joined(separator: "\n\n"))
  }

  /// ArgumentParser's description of `command` and its subcommands.
  private static func command(_ command: any ParsableCommand.Type) -> CommandInfo {
    let json = command._dumpHelp()
    do {
      return try JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8)).command
    } catch {
      fatalError("ArgumentParser's command description did not decode: \(error)")
    }
  }

  // MARK: - ArgumentParser's description (the parts the page uses)

  private struct ToolInfo: Decodable {
    var command: CommandInfo
  }

  fileprivate struct CommandInfo: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool
    var arguments: [ArgumentInfo]?
    var subcommands: [CommandInfo]?
  }

  fileprivate struct ArgumentInfo: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var kind: String
    var names: [Name]?
    var valueName: String?
    var abstract: String?
    var defaultValue: String?
    var isRepeating: Bool
    var isOptional: Bool
    var shouldDisplay: Bool
  }
}

/// A `man(7)` page being written: escaping and the few macros the page uses.
private struct Roff {
  var text = ""

  mutating func line(_ line: String) { text += line + "\n" }

  /// A line of running text (never starting with a control character).
  mutating func text(_ content: String) {
    for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
      let starts = line.first == "." || line.first == "'"
      self.line((starts ? "\\&" : "") + line)
    }
  }

  mutating func section(_ title: String) { line(".SH \(title)") }

  mutating func paragraph(_ content: String) {
    line(".PP")
    text(content)
  }

  /// Paragraphs separated by blank lines; an indented line keeps its own line.
  mutating func paragraphs(_ content: String) {
    for paragraph in content.components(separatedBy: "\n\n") where !paragraph.isEmpty {
      self.paragraph(paragraph.replacing("\n", with: "\n.br\n"))
    }
  }

  /// Each displayed option or argument: its names and value, then what it does.
  fileprivate mutating func options(_ arguments: [ManPage.ArgumentInfo]) {
    for argument in arguments where argument.shouldDisplay {
      line(".TP")
      let value = argument.valueName.map { "\\fI\(Self.escape($0.uppercased()))\\fR" } ?? ""
      switch argument.kind {
      case "positional":
        text(value + (argument.isRepeating ? " ..." : "") + (argument.isOptional ? " (optional)" : ""))
      default:
        let names = (argument.names ?? []).map { name in
          "\\fB" + (name.kind == "long" ? "\\-\\-" : "\\-") + Self.escape(name.name) + "\\fR"
        }
        text(names.joined(separator: ", ") + (argument.kind == "option" ? " " + value : ""))
      }
      var help = Self.escape(argument.abstract ?? "")
      if let defaultValue = argument.defaultValue, argument.kind == "option" {
        help += " (default: \(Self.escape(defaultValue)))"
      }
      text(help)
    }
  }

  /// Exit statuses, from the constants the commands exit with.
  mutating func exitStatuses() {
    let entries = [
      (
        "mmhex, mmhex edit, mmhex dump",
        "0 success; \(CommandLineFailure.usageExitCode) the command line cannot be acted on (unknown option, "
          + "missing or invalid value, bad number, an offset past the end, a width the terminal cannot show); "
          + "\(CommandLineFailure.failureExitCode) anything else (file cannot be opened or mapped, no terminal or one "
          + "that cannot move the cursor, output cannot be written)."
      ),
      (
        "mmhex find",
        "0 something matched; \(Find.notFoundExitCode) nothing matched; \(Find.errorExitCode) any error: bad "
          + "pattern, bad number, unreadable file, output that cannot be written, or a command line that cannot be parsed (missing argument, "
          + "unknown option)."
      ),
      (
        "mmhex patch",
        "0 patched (or nothing to change); \(Patch.badInputExitCode) bad input: a dump line that does not parse, "
          + "or a write past the end without \\-\\-grow (nothing was written); \(Patch.errorExitCode) any other "
          + "error (the file cannot be opened or written, a bad command line)."
      ),
      (
        "mmhex cmp",
        "0 the compared bytes are identical; \(Cmp.differentExitCode) they differ; \(Cmp.errorExitCode) any error: "
          + "a file that cannot be read (missing, a directory, a FIFO), bad number, output that cannot be written, "
          + "or a command line that cannot be parsed."
      ),
    ]
    for (command, meaning) in entries {
      line(".TP")
      text("\\fB\(command)\\fR")
      text(meaning)
    }
  }

  /// `text` with roff's special characters escaped.
  static func escape(_ text: String) -> String {
    text.replacing("\\", with: "\\e").replacing("-", with: "\\-")
  }
}
