import MemMap

/// Reads, writes and removes journal files, all through MemMap: writing with `.create(size:)`,
/// `flush()` (msync and fsync) and a sync of the directory, removal with
/// ``MemMap/removeFile(atPath:)``.
enum JournalFile {
  /// Writes `journal` to a new file at `path` (where nothing exists) and waits until the storage
  /// device has it. On failure nothing is left at `path`.
  ///
  /// - Returns: The number of bytes written.
  static func write(_ journal: SaveJournal, to path: String) throws(MemMapError) -> Int {
    let bytes = journal.encoded()
    var map: MemMap
    do throws(MemMapError) {
      map = try MemMap.open(path, mode: .create(size: bytes.count))
    } catch {
      // `.create` may have created the file before reserving its space failed.
      try? remove(at: path)
      throw error
    }
    do throws(MemMapError) {
      try map.write(bytes, at: 0)
    } catch {
      try? map.close()
      try? remove(at: path)
      throw error
    }
    // `close()` flushes (msync and fsync) before it unmaps; syncing the directory then makes
    // the journal's name durable too, so a power loss cannot lose the journal of a save that
    // went on to change the file.
    do throws(MemMapError) {
      try map.close()
      try MemMap.synchronizeDirectory(ofFile: path)
    } catch {
      try? remove(at: path)
      throw error
    }
    return bytes.count
  }

  /// Marks the journal at `path` complete (the file was fully written and flushed) and waits
  /// until the storage device has the mark: from then on, even a power loss before the journal
  /// is removed keeps the save.
  static func markComplete(at path: String) throws(MemMapError) {
    var map = try MemMap.open(path, mode: .readWrite, offset: SaveJournal.stateOffset, length: 8)
    do throws(MemMapError) {
      try map.write(SaveJournal.completeMarker, at: 0)
    } catch {
      try? map.close()
      throw error
    }
    try map.close()
  }

  /// The bytes of the journal at `path`, or `nil` if there is none.
  static func read(at path: String) throws(MemMapError) -> [UInt8]? {
    let map: MemMap
    do throws(MemMapError) {
      map = try MemMap.open(path, mode: .readOnly)
    } catch {
      if case .fileNotFound = error { return nil }
      throw error
    }
    let bytes: [UInt8]
    do throws(MemMapError) {
      bytes = try map.read(at: 0, count: map.count)
    } catch {
      try? map.close()
      throw error
    }
    try map.close()
    return bytes
  }

  /// Whether anything exists at `path`, including a dangling symbolic link (which `.create`
  /// would follow, creating or truncating a file elsewhere).
  static func exists(at path: String) -> Bool {
    MemMap.itemExists(atPath: path)
  }

  /// Removes the file at `path` (nothing there is not an error).
  static func remove(at path: String) throws(JournalRemovalError) {
    do {
      try MemMap.removeFile(atPath: path)
    } catch {
      throw JournalRemovalError(path: path, reason: Self.reason(error))
    }
  }

  private static func reason(_ error: MemMapError) -> String {
    switch error {
    case .systemError(_, _, let reason): reason
    case .isDirectory: "it is a directory"
    default: error.userDescription
    }
  }
}

/// A journal file could not be removed.
public struct JournalRemovalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The journal's path.
  public var path: String
  /// The system's explanation.
  public var reason: String

  /// One line: what failed and what to do.
  public var description: String {
    "cannot remove the save journal '\(path)': \(reason); remove it by hand once the file is known to be right"
  }
}
