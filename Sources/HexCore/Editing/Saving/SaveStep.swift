/// The steps of an in-place save, in order; reported to a test observer so that a test can
/// stop (or kill) the save after any of them.
package enum SaveStep: Hashable, Sendable {
  /// Another process holds the file's lock (it is saving the file); the save waits for it.
  case waitingForLock
  /// The save took the lock it waited for.
  case locked
  /// The journal was written and flushed; the file is untouched.
  case journalWritten
  /// The edits of one more page were written through the mapping (not yet flushed);
  /// `index` counts pages from 0.
  case pageWritten(index: Int, offset: Int)
  /// Every touched range of the file was flushed.
  case fileFlushed
  /// The journal was marked complete.
  case journalCompleted
  /// The journal was removed; the save is over.
  case journalRemoved
  /// Save-as: the new file is complete and synced, and is about to replace the destination
  /// (its commit point).
  case destinationReplacing
}
