import Foundation
import Testing

/// `--help`, the README's exit-status table and the behaviour agree on every status of `find`
/// and `patch`, in particular the status for a missing argument.
@Suite struct ExitStatusAgreementTests {
  /// The statuses a text mentions (every standalone number), in order of first mention.
  static func statuses(in text: String) -> [Int] {
    var seen: [Int] = []
    for word in text.split(whereSeparator: { !$0.isNumber }) {
      if let value = Int(word), !seen.contains(value) { seen.append(value) }
    }
    return seen
  }

  /// The status a text gives for `phrase`: the last number before it.
  static func status(for phrase: String, in text: String) -> Int? {
    guard let range = text.range(of: phrase) else { return nil }
    return text[..<range.lowerBound].split(whereSeparator: { !$0.isNumber }).last.flatMap { Int($0) }
  }

  /// The "Exit status: …" paragraph of `mmhex COMMAND --help`, on one line.
  static func helpStatusText(_ command: String) throws -> String {
    let help = try MMHexBinary.run([command, "--help"]).outputText
    let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard let start = flat.range(of: "Exit status:") else { return "" }
    let rest = flat[start.upperBound...]
    return String(rest[..<(rest.range(of: "USAGE:")?.lowerBound ?? rest.endIndex)])
  }

  /// The README's exit-status row for `command`.
  static func readmeStatusText(_ command: String) throws -> String {
    let readme = try String(contentsOf: InstallTests.root.appendingPathComponent("README.md"), encoding: .utf8)
    let section = readme.components(separatedBy: "### Exit status")[1]
    let row = section.split(separator: "\n").first { $0.hasPrefix("| `\(command)`") }
    return row.map { String($0.split(separator: "|")[1]) } ?? ""
  }

  @Test func findAgrees() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [1, 2, 3])
    let behaviour = [
      0: try MMHexBinary.run(["find", "02", path]).status,
      1: try MMHexBinary.run(["find", "ff", path]).status,
      2: try MMHexBinary.run(["find", "zz", path]).status,
    ]
    let missingArgument = try MMHexBinary.run(["find", "00"])
    #expect(missingArgument.standardError.contains("Missing expected argument"))
    let unknownOption = try MMHexBinary.run(["find", "--bogus", "00", path]).status
    let help = try Self.helpStatusText("find")
    let readme = try Self.readmeStatusText("find")
    for text in [help, readme] {
      #expect(Self.statuses(in: text) == [0, 1, 2], "\(text)")
      #expect(Self.status(for: "missing argument", in: text) == Int(missingArgument.status), "\(text)")
      #expect(Self.status(for: "unknown option", in: text) == Int(unknownOption), "\(text)")
      #expect(Self.status(for: "bad pattern", in: text) == Int(behaviour[2]!), "\(text)")
    }
    #expect(behaviour == [0: 0, 1: 1, 2: 2])
    #expect(missingArgument.status == 2)
  }

  @Test func patchAgrees() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [1, 2, 3])
    let patched = try PatchCommandTests.shell("printf '00000000: 09\\n' | \"$1\" patch \"$2\"", path).status
    let badLine = try PatchCommandTests.shell("printf 'nonsense\\n' | \"$1\" patch \"$2\"", path).status
    let missingArgument = try MMHexBinary.run(["patch"])
    let unknownOption = try MMHexBinary.run(["patch", "--bogus", path]).status
    for text in [try Self.helpStatusText("patch"), try Self.readmeStatusText("patch")] {
      #expect(Self.statuses(in: text) == [0, 1, 2], "\(text)")
      #expect(Self.status(for: "does not parse", in: text) == Int(badLine), "\(text)")
      #expect(Self.status(for: "command line", in: text) == Int(missingArgument.status), "\(text)")
      #expect(Self.status(for: "command line", in: text) == Int(unknownOption), "\(text)")
    }
    #expect([patched, badLine, missingArgument.status, unknownOption] == [0, 1, 2, 2])
  }
}
