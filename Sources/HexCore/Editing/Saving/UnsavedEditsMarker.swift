import MemMap

/// Tells other mmhex processes that this one has unsaved edits to a file, and finds out whether
/// another one has.
///
/// While edits are pending, a small hidden file next to the edited file,
/// `.NAME.HASH.mmhex-editing` (named like the journal, ``SaveJournal/path(for:)``), holds this
/// process's ID and stays locked (``FileLock``) by it. The marker is removed when the edits are saved or undone
/// and when the editor quits. A process that dies leaves the file behind but not the lock, so a
/// marker nobody holds is stale: it is ignored and removed.
public final class UnsavedEditsMarker {
  private let processID: Int
  /// The file whose marker this process holds, the marker, and the lock that says so.
  private var markedFile: String?
  private var markerPath: String?
  private var lock: FileLock?

  /// Creates a marker keeper for the process `processID`; it marks nothing yet.
  public init(processID: Int) {
    self.processID = processID
  }

  deinit {
    unmark()
  }

  /// Marks `filePath` as having unsaved edits when `hasUnsavedEdits`, and removes the mark
  /// otherwise (or from a file no longer edited). Cheap when nothing changed.
  ///
  /// A marker held by another live process is left alone (that process is named to whoever
  /// opens the file next); this process takes it over once that one lets go.
  public func update(filePath: String?, hasUnsavedEdits: Bool) {
    let wanted = hasUnsavedEdits ? filePath : nil
    guard wanted != markedFile else { return }
    unmark()
    guard let wanted else { return }
    let path = CompanionFile.editingMarker.path(for: wanted)
    guard let acquired = try? FileLock.acquire(path, creatingIfMissing: true) else { return }
    lock = consume acquired
    markedFile = wanted
    markerPath = path
    let text = Array("\(processID)\n".utf8)
    // Not flushed: the marker only matters while this process lives.
    if var map = try? MemMap.open(path, mode: .create(size: text.count)) {
      try? map.write(text, at: 0)
      _ = consume map
    }
  }

  /// Removes this process's marker, if it holds one.
  public func unmark() {
    markedFile = nil
    if let markerPath {
      try? MemMap.removeFile(atPath: markerPath)
    }
    markerPath = nil
    lock = nil
  }

  /// The ID of another live process that has unsaved edits to the file at `filePath`, or `nil`
  /// (`0` when its marker is held but unreadable). A stale marker is removed on the way.
  public static func otherEditor(of filePath: String) -> Int? {
    let path = CompanionFile.editingMarker.path(for: filePath)
    guard MemMap.itemExists(atPath: path) else { return nil }
    let acquired: FileLock?
    do {
      acquired = try FileLock.acquire(path)
    } catch {
      return nil
    }
    if let stale = consume acquired {
      // Nobody held it: its process ended without removing it.
      try? MemMap.removeFile(atPath: path)
      stale.release()
      return nil
    }
    guard let bytes = try? JournalFile.read(at: path) else { return 0 }
    return Int(String(decoding: bytes, as: UTF8.self).filter(\.isWholeNumber)) ?? 0
  }

  /// What to tell someone opening `filePath` when another mmhex has unsaved edits to it, e.g.
  /// `another mmhex (process 4242) has unsaved edits to 'data.bin'`, or `nil`.
  public static func openingNotice(filePath: String) -> String? {
    guard let process = otherEditor(of: filePath) else { return nil }
    let who = process > 0 ? "another mmhex (process \(process))" : "another mmhex"
    return "\(who) has unsaved edits to '\(filePath)'; whoever saves second is asked first"
  }
}
