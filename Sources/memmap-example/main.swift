// A tiny tour of MemMap: map a file read-only, copy four bytes out of it and read them as an integer.
//
// Usage: memmap-example [FILE]
// Without FILE, a 256-byte demo file is created in the system's temporary directory first.

import Foundation
import MemMap

/// Creates a 256-byte file whose byte i is i (so bytes 128...131 are 80 81 82 83 in hex).
func makeDemoFile(at path: String) throws(MemMapError) {
  var map = try MemMap.open(path, mode: .create(size: 256))
  try map.write((0...255).map { UInt8($0) }, at: 0)
  try map.close()  // close() flushes the bytes to the file
}

let arguments = CommandLine.arguments.dropFirst()
let path: String
if let given = arguments.first {
  path = given
} else {
  path = FileManager.default.temporaryDirectory.appendingPathComponent("memmap-example.bin").path
  do {
    try makeDemoFile(at: path)
  } catch {
    FileHandle.standardError.write(Data("memmap-example: \(error)\n".utf8))
    exit(1)
  }
  // Print only the file name: the temporary directory differs from machine to machine.
  print("created demo file \((path as NSString).lastPathComponent) (256 bytes)")
}

do {
  // The seed example: map the file, copy 4 bytes starting at offset 128, close the map.
  let mm = try MemMap.open(path, mode: .readOnly)
  let value: [UInt8] = try mm.read(at: 128, count: 4)
  // The same 4 bytes read as one integer, in little-endian byte order.
  let number = try mm.load(as: UInt32.self, at: 128, endianness: .little)
  print("count: \(mm.count) bytes")
  try mm.close()

  print("bytes at 128: \(value.map { hex($0, width: 2) }.joined(separator: " "))")
  print("load(as: UInt32.self, at: 128), little-endian: 0x\(hex(number, width: 8))")
} catch {
  // Every MemMapError describes itself in one line: what failed, on which path, what to do.
  FileHandle.standardError.write(Data("memmap-example: \(error)\n".utf8))
  exit(1)
}

/// `value` in lowercase hexadecimal, padded with zeros to `width` digits.
func hex(_ value: some BinaryInteger, width: Int) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
