import Foundation

/// Returns the path of a file of `size` pseudo-random bytes (xorshift64 from `seed`) with `needle`
/// planted once at `needleOffset`, in the temporary directory under `name`. The file is written
/// on the first run and reused while its size is right; delete it to reclaim the space.
///
/// Random bytes can contain the needle's first bytes, but in practice never a whole 8-byte
/// needle by chance; the benchmarks check that it occurs exactly once.
public func pseudoRandomTestFile(
  named name: String, size: Int, seed: UInt64, needle: [UInt8], at needleOffset: Int
) throws -> String {
  let path = NSTemporaryDirectory() + "/" + name
  let attributes = try? FileManager.default.attributesOfItem(atPath: path)
  if (attributes?[.size] as? NSNumber)?.intValue == size { return path }
  print("creating \(path) (\(size >> 20) MiB, once)…")
  _ = FileManager.default.createFile(atPath: path, contents: nil)
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  let blockSize = 64 << 20
  var state = seed
  var block = [UInt8](repeating: 0, count: blockSize)
  var written = 0
  while written < size {
    block.withUnsafeMutableBytes { raw in
      for index in 0..<(raw.count / 8) {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        raw.storeBytes(of: state, toByteOffset: index * 8, as: UInt64.self)
      }
    }
    if written <= needleOffset, needleOffset < written + blockSize {
      let local = needleOffset - written
      block.replaceSubrange(local..<(local + needle.count), with: needle)
    }
    try handle.write(contentsOf: Data(block[0..<min(blockSize, size - written)]))
    written += blockSize
  }
  return path
}

/// A duration in seconds.
public func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
