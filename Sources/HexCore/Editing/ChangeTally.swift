/// How far a document differs from its file, in the words the editor uses for it: the status
/// line's `[modified: …]` marker, and the questions before quitting or reloading.
public struct ChangeTally: Hashable, Sendable {
  /// Bytes that are not the file's: overwritten, inserted, pasted or filled.
  public var changedByteCount: Int
  /// How many bytes shorter than the file the document is: with no changed byte, exactly the
  /// bytes deleted (with changed bytes, which ones replaced deleted ones is not told).
  public var missingByteCount: Int
  /// Whether the document differs from the file at all, which a save would write. Also `true`
  /// when both counts are 0 but bytes of the file moved.
  public var hasChanges: Bool

  /// No change.
  public static let none = ChangeTally(changedByteCount: 0)

  /// Creates a tally; `hasChanges` is `true` when either count is not 0, unless given.
  public init(changedByteCount: Int, missingByteCount: Int = 0, hasChanges: Bool? = nil) {
    self.changedByteCount = changedByteCount
    self.missingByteCount = missingByteCount
    self.hasChanges = hasChanges ?? (changedByteCount > 0 || missingByteCount > 0)
  }

  /// The status line's marker: `[modified: 3 bytes]` (changed), `[modified: 2 bytes deleted]`,
  /// `[modified: 3 bytes, 2 bytes shorter]`, `[modified]` when no byte can be counted, or `""`.
  public var marker: String {
    guard hasChanges else { return "" }
    if let details = details(changed: "") { return "[modified: \(details)]" }
    return changedByteCount > 0 ? "[modified: \(Self.bytes(changedByteCount))]" : "[modified]"
  }

  /// What is not saved, as the quit question starts: `3 changed bytes are not saved` while
  /// bytes were only changed, else `your edits are not saved (2 bytes deleted)`.
  public var notSaved: String {
    guard missingByteCount > 0 || changedByteCount == 0 else {
      return "\(changedByteCount) changed \(changedByteCount == 1 ? "byte is" : "bytes are") not saved"
    }
    return "your edits are not saved" + (details(changed: " changed").map { " (\($0))" } ?? "")
  }

  /// The edits as the reload question names them (`your 3 changed bytes` while bytes were only
  /// changed, else `your edits (2 bytes deleted)`), and the pronoun for them.
  public var yourEdits: (noun: String, pronoun: String) {
    guard missingByteCount > 0 || changedByteCount == 0 else {
      return changedByteCount == 1 ? ("your 1 changed byte", "it") : ("your \(changedByteCount) changed bytes", "them")
    }
    return ("your edits" + (details(changed: " changed").map { " (\($0))" } ?? ""), "them")
  }

  /// `2 bytes deleted`, or `3 bytes` + `changed` + `, 2 bytes shorter` when the document is
  /// shorter than the file; `nil` when it is not.
  private func details(changed: String) -> String? {
    guard missingByteCount > 0 else { return nil }
    guard changedByteCount > 0 else { return "\(Self.bytes(missingByteCount)) deleted" }
    return "\(Self.bytes(changedByteCount))\(changed), \(Self.bytes(missingByteCount)) shorter"
  }

  /// `1 byte`, `3 bytes`.
  private static func bytes(_ count: Int) -> String { "\(count) \(count == 1 ? "byte" : "bytes")" }
}
