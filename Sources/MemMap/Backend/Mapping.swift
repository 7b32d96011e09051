/// The raw resources behind one `MemMap`: the OS mapping, the open file, and where the caller's
/// window sits inside the mapping. Only trivially destroyed fields, so `close()` can `discard` it.
///
/// Layout: the OS maps `mappedLength` bytes at `base`, starting at a granularity-aligned file
/// offset; the caller's window is `count` bytes starting `delta` bytes into that mapping, which is
/// file offset `fileOffset`.
struct Mapping: ~Copyable, @unchecked Sendable {
  // @unchecked: the pointer is owned uniquely by this value; MemMap's API decides who may write.
  var base: UnsafeMutableRawPointer?
  var mappedLength: Int
  var delta: Int
  var count: Int
  var fileOffset: Int
  var file: Backend.FileReference
  var kind: Kind
  /// Where the fault handler watches this mapping for faults inside views, or `Backend.unwatched`.
  var viewRegion: Backend.ViewRegion

  enum Kind {
    case file(sharedWritable: Bool)
    case anonymous
  }

  init(
    base: UnsafeMutableRawPointer?, mappedLength: Int, delta: Int, count: Int, fileOffset: Int,
    file: Backend.FileReference, kind: Kind, viewRegion: Backend.ViewRegion = Backend.unwatched
  ) {
    self.base = base
    self.mappedLength = mappedLength
    self.delta = delta
    self.count = count
    self.fileOffset = fileOffset
    self.file = file
    self.kind = kind
    self.viewRegion = viewRegion
  }

  /// The first byte of the caller's window, or nil when the window is empty.
  var start: UnsafeMutableRawPointer? {
    guard let base, count > 0 else { return nil }
    return base + delta
  }

  var isAnonymous: Bool {
    if case .anonymous = kind { return true }
    return false
  }

  var writesReachFile: Bool {
    if case .file(let sharedWritable) = kind { return sharedWritable }
    return false
  }

  /// Unmaps and closes, reporting the first failure. Consumes the handle either way.
  consuming func release(path: String?) throws(MemMapError) {
    let base = self.base
    let mappedLength = self.mappedLength
    let file = self.file
    let viewRegion = self.viewRegion
    discard self
    try Backend.release(base: base, mappedLength: mappedLength, file: file, viewRegion: viewRegion, path: path)
  }

  deinit {
    // Best effort: nobody can receive an error from a deinit.
    try? Backend.release(base: base, mappedLength: mappedLength, file: file, viewRegion: viewRegion, path: nil)
  }
}
