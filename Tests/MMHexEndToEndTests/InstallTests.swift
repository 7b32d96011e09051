import Foundation
import Testing

/// `Scripts/install.sh`: installs into a temporary prefix (with the debug build already made, so
/// the test does not build a release), then checks the manual page, the bash completion and
/// that `--uninstall` removes exactly what was installed.
@Suite(.serialized) struct InstallTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let script = root.appendingPathComponent("Scripts/install.sh").path

  static let installedFiles = [
    "bin/mmhex",
    "share/man/man1/mmhex.1",
    "share/bash-completion/completions/mmhex",
    "share/zsh/site-functions/_mmhex",
    "share/fish/vendor_completions.d/mmhex.fish",
    "share/mmhex/install-manifest",
  ]

  /// Every file under `path`, relative to it, sorted.
  static func files(under path: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: path)
    var found: [String] = []
    while let item = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(atPath: path + "/" + item, isDirectory: &isDirectory)
      if !isDirectory.boolValue { found.append(item) }
    }
    return found.sorted()
  }

  @Test func installsManualAndCompletionsThenUninstallsExactlyThat() throws {
    let folder = try TemporaryDirectory()
    let prefix = folder.path("prefix")
    // Something of the user's already in the prefix must survive the uninstall.
    try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: prefix + "/bin/other-tool"))

    let install = try MMHexBinary.runProgram(Self.script, ["--binary", MMHexBinary.path, prefix])
    #expect(install.status == 0, "\(install.standardError)")
    #expect(Self.files(under: prefix) == (Self.installedFiles + ["bin/other-tool", "share/mmhex/install-manifest.dirs"]).sorted())
    #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/mmhex"))
    let version = try MMHexBinary.runProgram(prefix + "/bin/mmhex", ["--version"])
    #expect(version.outputText == "mmhex 0.1.0\n")

    try checkManualPage(prefix + "/share/man/man1/mmhex.1")
    try checkBashCompletion(prefix + "/share/bash-completion/completions/mmhex")

    let uninstall = try MMHexBinary.runProgram(Self.script, ["--uninstall", prefix])
    #expect(uninstall.status == 0, "\(uninstall.standardError)")
    #expect(Self.files(under: prefix) == ["bin/other-tool"])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: prefix)
    #expect(leftovers == ["bin"])
    let again = try MMHexBinary.runProgram(Self.script, ["--uninstall", prefix])
    #expect(again.status == 1)
    #expect(again.standardError == "install.sh: nothing to uninstall: '\(prefix)/share/mmhex/install-manifest' does not exist\n")
  }

  /// `man -l` renders the page without a warning, and it names every command, every option
  /// ArgumentParser knows, every key of the README's table (generated from the same key table)
  /// and the exit statuses.
  func checkManualPage(_ page: String) throws {
    let rendered = try MMHexBinary.runProgram("man", ["--warnings", "-l", page], environment: ["MANWIDTH": "250"])
    #expect(rendered.status == 0)
    #expect(rendered.standardError == "")
    let text = rendered.outputText
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "KEYS", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
      #expect(text.contains("\n\(heading)\n"), "section \(heading)")
    }
    let description = try MMHexBinary.run(["--experimental-dump-help"])
    let tool = try JSONSerialization.jsonObject(with: description.standardOutput) as? [String: Any]
    let command = tool?["command"] as? [String: Any] ?? [:]
    let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter {
      ($0["shouldDisplay"] as? Bool ?? true) && $0["commandName"] as? String != "help"
    }
    #expect(subcommands.count == 5)
    for subcommand in subcommands {
      let name = subcommand["commandName"] as? String ?? ""
      #expect(text.contains("mmhex \(name)\n"), "command \(name)")
      for argument in subcommand["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool ?? true {
        for spelling in argument["names"] as? [[String: String]] ?? [] {
          let option = (spelling["kind"] == "long" ? "--" : "-") + (spelling["name"] ?? "")
          #expect(text.contains(option), "\(name) \(option)")
        }
      }
    }
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let keysTable = readme.components(separatedBy: "## Keys")[1].components(separatedBy: "\n\n")[2]
    let keyRows = keysTable.split(separator: "\n").dropFirst(2)
    #expect(keyRows.count > 20)
    for row in keyRows {
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(text.contains("\(cells[0])\n") || text.contains("\(cells[0]) "), "key \(cells[0])")
      #expect(text.contains(cells[1]), "key summary \(cells[1])")
    }
    for status in ["mmhex find", "mmhex patch", "0 something matched; 1 nothing matched; 2 any error"] {
      #expect(text.contains(status))
    }
  }

  /// The bash completion, loaded into a plain bash, completes subcommands and options.
  func checkBashCompletion(_ completion: String) throws {
    let driver = #"""
      source "$1"
      complete_line() {
        COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<< "$COMP_LINE"
        [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMPREPLY=()
        local function; function=$(complete -p mmhex | sed -E 's/.*-F ([^ ]+).*/\1/')
        "$function" mmhex "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        echo "$1=> ${COMPREPLY[*]}"
      }
      complete_line "mmhex "
      complete_line "mmhex dump --li"
      complete_line "mmhex find --j"
      complete_line "mmhex patch --g"
      complete_line "mmhex dump --color "
      """#
    let result = try MMHexBinary.runProgram("bash", ["-c", driver, "-", completion])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.outputText.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    let subcommands = Set((lines.first ?? "").split(separator: " ").map(String.init))
    #expect(subcommands.isSuperset(of: ["edit", "dump", "find", "patch", "--help", "--version"]))
    #expect(!subcommands.contains("generate-manual"))
    #expect(lines.dropFirst().first == "mmhex dump --li=> --little-endian")
    #expect(lines.dropFirst(2).first == "mmhex find --j=> --json")
    #expect(lines.dropFirst(3).first == "mmhex patch --g=> --grow")
    #expect(lines.dropFirst(4).first == "mmhex dump --color => auto always never")
  }
}
