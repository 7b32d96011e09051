import Foundation
import Testing

/// `mmhex find` and `mmhex cmp` on 1 TiB sparse files: the holes are skipped, so even a debug
/// build answers at once, and matches and differences at the edges of holes are still found.
@Suite struct SparseFileSearchTests {
  static let size = 1 << 40

  @Test func findSkipsTheHolesOfATebibyteFile() throws {
    let folder = try TemporaryDirectory()
    let middle = 1 << 39
    let path = try folder.sparseFile(
      "disk.img", size: Self.size, patches: [(middle, Array("AB".utf8)), (Self.size - 1, [0x43])])
    // "00 41" begins in the hole before "AB"; "42 00" ends in the hole after it.
    let across = try MMHexBinary.run(["find", "00 41", path])
    #expect(across.outputText == "0x\(String(middle - 1, radix: 16))\n")
    let after = try MMHexBinary.run(["find", "42 00 00", path])
    #expect(after.outputText == "0x\(String(middle + 1, radix: 16))\n")
    let absent = try MMHexBinary.run(["find", "--text", "NEEDLE42", path])
    #expect(absent.status == 1)
    #expect(absent.outputText == "")
    let last = try MMHexBinary.run(["find", "--count", "43", path])
    #expect(last.outputText == "1\n")
    // An all-zero pattern matches inside the holes: the first match is the first byte.
    let zeros = try MMHexBinary.run(["find", "--max", "2", "00 00", path])
    #expect(zeros.outputText == "0x0\n0x1\n")
  }

  @Test func cmpSkipsTheHolesBothFilesShare() throws {
    let folder = try TemporaryDirectory()
    let middle = 1 << 39
    let first = try folder.sparseFile("a.img", size: Self.size, patches: [(middle, [1, 2, 3])])
    let second = try folder.sparseFile("b.img", size: Self.size, patches: [(middle, [1, 9, 3]), (Self.size - 2, [7, 7])])
    let result = try MMHexBinary.run(["cmp", first, second])
    #expect(result.outputText == "0x\(String(middle + 1, radix: 16)) 1\n0x\(String(Self.size - 2, radix: 16)) 2\n")
    #expect(result.status == 1)
    let counted = try MMHexBinary.run(["cmp", "--count", first, second])
    #expect(counted.status == 1)
    #expect(counted.outputText == "3\n")
  }
}
