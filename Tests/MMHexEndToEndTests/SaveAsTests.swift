import Foundation
import Testing

/// Save-as as a person meets it in the terminal: a directory refused before any question, a copy
/// that keeps the file's permissions, and `~` for the home directory. Every test checks the
/// screen and what ends up on disk.
@Suite struct SaveAsTests {
  @Test func saveAsOntoADirectoryIsRefusedBeforeAskingAndACopyKeepsThePermissions() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("priv.bin", bytes: Array(repeating: 7, count: 100))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let directory = folder.path("dirt")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    let session = try EditingTests.open([path])

    try session.press("C-o")
    try session.waitForText("Save as: ")
    try session.press("C-u")
    try session.type(directory)
    try session.press("Enter")
    try session.waitForLine(
      29, "Save as: \(directory)  it is a directory; nothing was saved and no file changed, choose another path")

    try session.press("C-u")
    try session.type(folder.path("priv-copy.bin"))
    try session.press("Enter")
    try session.waitForLine(29, "saved 100 bytes to '\(folder.url.path)/priv-copy.bin'")
    let copy = folder.path("priv-copy.bin")
    #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
    #expect(try EditingTests.contents(copy) == Array(repeating: 7, count: 100))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aTildeInTheSaveAsPathIsTheHomeDirectory() throws {
    let home = try TemporaryDirectory()
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [1, 2, 3, 4])
    let session = try TmuxSession(
      mmhex: ["--width", "16", path], columns: EditingTests.columns, environment: ["HOME": home.url.path])
    try session.waitForText(EditingTests.keyHints)
    try session.type("ee")
    try session.press("C-o")
    try session.waitForText("Save as: ")
    try session.press("C-u")
    try session.type("~/copy.bin")
    try session.press("Enter")
    try session.waitForLine(29, "saved 4 bytes to '\(home.path("copy.bin"))'")
    #expect(try EditingTests.contents(home.path("copy.bin")) == [0xEE, 2, 3, 4])
    #expect(try EditingTests.contents(path) == [1, 2, 3, 4])
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
