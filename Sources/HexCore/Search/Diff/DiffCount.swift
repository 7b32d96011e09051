/// How much two files differ: the number of differing bytes and of runs they form.
public struct DiffCount: Hashable, Sendable {
  /// Differing bytes, the bytes past the shorter file's end included.
  public var bytes: Int
  /// Runs of differing bytes (see ``DiffRun``).
  public var runs: Int

  /// A count of `bytes` differing bytes in `runs` runs.
  public init(bytes: Int = 0, runs: Int = 0) {
    self.bytes = bytes
    self.runs = runs
  }
}
