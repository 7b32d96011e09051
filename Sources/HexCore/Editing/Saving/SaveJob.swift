import Dispatch
import MemMap
import Synchronization

/// A save of a document whose size or layout changed
/// (``Saver/save(_:to:expecting:ifChangedOnDisk:progress:shouldCancel:)``), or a save-as
/// (``Saver/saveAs(_:sourcePath:to:replacingExisting:progress:shouldCancel:)``), running on a
/// background thread, for a caller that must keep responding (the viewer's event loop): start
/// it, poll ``result``, ``fractionCompleted`` and ``bytesPerSecond`` between key presses, and
/// ``cancel()`` it on Esc.
///
/// ```swift
/// let job = SaveJob.start(table, to: path, expecting: status, ifChangedOnDisk: .ask)
/// // each tick: show job.fractionCompleted; when job.result != nil, act on it
/// ```
final class SaveJob: Sendable {
  private let done = Atomic<Int>(0)
  private let total = Atomic<Int>(0)
  private let cancelRequested = Atomic<Bool>(false)
  private let committed = Atomic<Bool>(false)
  private let waiting = Atomic<Bool>(false)
  private let started = ContinuousClock.now
  private let outcome = Mutex<Result<SaveOutcome, SaveError>?>(nil)
  private let finished = DispatchSemaphore(value: 0)

  private init() {}

  /// Starts saving `table` into the file at `path` on a background thread.
  ///
  /// - Parameters:
  ///   - table: A snapshot of the document; editing may go on with another copy.
  ///   - path: The file the table's source maps.
  ///   - expected: The file's status when it was opened or last saved.
  ///   - policy: Whether to ask or overwrite when the file changed on disk.
  ///   - saver: The saver to use.
  ///   - observer: Called on the saving thread after each chunk, with the bytes done and the
  ///     total (tests pause the save with it).
  static func start(
    _ table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: Saver.ChangedFilePolicy,
    saver: Saver = Saver(), observer: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> SaveJob {
    run(saver: saver, observer: observer) { saver, progress, shouldCancel throws(SaveError) in
      try saver.save(
        table, to: path, expecting: expected, ifChangedOnDisk: policy, progress: progress, shouldCancel: shouldCancel)
    }
  }

  /// Starts writing every byte of `table` to a new file at `path` on a background thread
  /// (``Saver/saveAs(_:sourcePath:to:replacingExisting:progress:shouldCancel:)``); its commit
  /// point is the new file replacing the destination.
  ///
  /// - Parameters:
  ///   - table: A snapshot of the document.
  ///   - sourcePath: The file the table's source maps, or `nil` for the scratch buffer.
  ///   - path: The destination.
  ///   - replacingExisting: Whether the user confirmed replacing an existing file.
  ///   - saver: The saver to use.
  ///   - observer: As for ``start(_:to:expecting:ifChangedOnDisk:saver:observer:)``.
  static func startSavingAs(
    _ table: PieceTable, sourcePath: String?, to path: String, replacingExisting: Bool, saver: Saver = Saver(),
    observer: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> SaveJob {
    run(saver: saver, observer: observer) { saver, progress, shouldCancel throws(SaveError) in
      try saver.saveAs(
        table, sourcePath: sourcePath, to: path, replacingExisting: replacingExisting, progress: progress,
        shouldCancel: shouldCancel)
    }
  }

  /// Runs `save` on a background thread with a saver that marks the commit point and waits for
  /// a locked file until it is cancelled, and progress and cancelling wired to the job.
  private static func run(
    saver: Saver, observer: (@Sendable (_ done: Int, _ total: Int) -> Void)?,
    _ save: @escaping @Sendable (
      _ saver: Saver, _ progress: (_ done: Int, _ total: Int) -> Void, _ shouldCancel: () -> Bool
    ) throws(SaveError) -> SaveOutcome
  ) -> SaveJob {
    let job = SaveJob()
    var saver = saver
    let outerObserver = saver.stepObserver
    // The user sees the wait and can cancel it: no reason to give up on their behalf.
    saver.lockTimeout = nil
    saver.stepObserver = { step in
      switch step {
      case .journalCompleted, .destinationReplacing:
        job.committed.store(true, ordering: .sequentiallyConsistent)
      case .waitingForLock:
        job.waiting.store(true, ordering: .relaxed)
      case .locked:
        job.waiting.store(false, ordering: .relaxed)
      default:
        break
      }
      outerObserver?(step)
    }
    DispatchQueue.global(qos: .userInitiated).async { [saver] in
      let result = Result { () throws(SaveError) in
        try save(
          saver,
          { done, total in
            job.total.store(total, ordering: .relaxed)
            job.done.store(done, ordering: .relaxed)
            observer?(done, total)
          },
          { job.cancelRequested.load(ordering: .relaxed) })
      }
      job.outcome.withLock { $0 = result }
      job.finished.signal()
    }
    return job
  }

  /// The save's result once it is over; `nil` while it runs.
  var result: Result<SaveOutcome, SaveError>? { outcome.withLock { $0 } }

  /// Bytes written (journal and file) as a fraction of all the save writes, from 0 to 1.
  var fractionCompleted: Double {
    let total = total.load(ordering: .relaxed)
    guard total > 0 else { return 0 }
    return min(1, Double(done.load(ordering: .relaxed)) / Double(total))
  }

  /// Bytes written per second since the save began.
  var bytesPerSecond: Double {
    let elapsed = (ContinuousClock.now - started).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    return seconds > 0 ? Double(done.load(ordering: .relaxed)) / seconds : 0
  }

  /// Whether the save passed its commit point (the journal is marked complete, or save-as's new
  /// file is replacing the destination): from then on it finishes, and an in-place save changes
  /// the file under a read-only mapping of it.
  var isPastCommitPoint: Bool { committed.load(ordering: .sequentiallyConsistent) }

  /// Whether the save is waiting for another process's save of the file (or, for a save-as, of
  /// its source) to finish before it starts.
  var isWaitingForLock: Bool { waiting.load(ordering: .relaxed) }

  /// Asks the save to stop at its next chunk; before the commit point it then throws
  /// ``SaveError/cancelled(path:)`` and leaves the file (or save-as's destination) untouched,
  /// after it the save finishes.
  func cancel() {
    cancelRequested.store(true, ordering: .relaxed)
  }

  /// Whether ``cancel()`` was called.
  var isCancelRequested: Bool { cancelRequested.load(ordering: .relaxed) }

  /// Blocks until the save is over or `milliseconds` pass, whichever comes first.
  func wait(milliseconds: Int) {
    if finished.wait(timeout: .now() + .milliseconds(max(milliseconds, 0))) == .success {
      finished.signal()  // let later waiters through too
    }
  }

  /// Blocks until the save is over.
  func wait() {
    finished.wait()
    finished.signal()
  }
}
