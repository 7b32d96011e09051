import Dispatch
import Synchronization

/// A search running on a background thread, for a caller that must keep responding (the
/// viewer's event loop): start it, poll ``state`` and ``progress`` between key presses, and
/// ``cancel()`` it on Esc.
///
/// ```swift
/// let job = SearchJob.find(search, .forward, from: cursor, in: source, overlay: edits)
/// // each tick: show job.progress.fractionCompleted; when job.state != .running, act on it
/// ```
public final class SearchJob: Sendable {
  /// Where a job is.
  public enum State: Equatable, Sendable {
    /// Still searching.
    case running
    /// Found a match.
    case found(SearchHit)
    /// Searched everything it was asked to; the pattern does not occur.
    case notFound
    /// Stopped: cancelled, or the bytes could not be read.
    case failed(SearchError)
  }

  /// The job's progress; also its cancel switch.
  public let progress: SearchProgress
  private let current = Mutex<State>(.running)
  private let finished = DispatchSemaphore(value: 0)

  private init(progress: SearchProgress) {
    self.progress = progress
  }

  /// Starts `work` on a background thread, handing it the job's progress.
  ///
  /// - Parameter work: The search; returns the hit or `nil` for no match.
  public static func start(
    _ work: @escaping @Sendable (SearchProgress) throws(SearchError) -> SearchHit?
  ) -> SearchJob {
    let job = SearchJob(progress: SearchProgress())
    DispatchQueue.global(qos: .userInitiated).async {
      let outcome: State
      do throws(SearchError) {
        outcome = try work(job.progress).map(State.found) ?? .notFound
      } catch {
        outcome = .failed(error)
      }
      job.current.withLock { $0 = outcome }
      job.finished.signal()
    }
    return job
  }

  /// Starts ``ByteSearch/find(_:from:in:overlay:wrapping:progress:)`` in the background.
  ///
  /// - Parameters:
  ///   - search: The compiled search.
  ///   - direction: Forward (first match at or after `origin`) or backward (last one before it).
  ///   - origin: Where to start, usually the cursor (or the cursor + 1 for "next").
  ///   - source: The bytes; a shared reference the job keeps alive while it runs.
  ///   - overlay: A snapshot of the pending edits, so the search sees unsaved changes.
  ///   - wrapping: Whether to continue from the other end of the data.
  public static func find<Source: SearchSource & Sendable>(
    _ search: ByteSearch, _ direction: SearchDirection, from origin: Int, in source: Source,
    overlay: (any SearchOverlay)? = nil, wrapping: Bool = true
  ) -> SearchJob {
    start { progress throws(SearchError) in
      try search.find(
        direction, from: origin, in: source, overlay: overlay, wrapping: wrapping, progress: progress)
    }
  }

  /// The job's state now.
  public var state: State { current.withLock { $0 } }

  /// Asks the job to stop; its state becomes `.failed(.cancelled)` soon after (unless it has
  /// already finished).
  public func cancel() {
    progress.cancel()
  }

  /// Blocks until the job finishes or `milliseconds` pass, whichever comes first.
  ///
  /// - Returns: The state then (``State/running`` if the time ran out).
  @discardableResult
  public func wait(milliseconds: Int) -> State {
    if finished.wait(timeout: .now() + .milliseconds(max(milliseconds, 0))) == .success {
      finished.signal()  // let later waiters through too
    }
    return state
  }

  /// Blocks until the job finishes and returns its final state.
  @discardableResult
  public func wait() -> State {
    finished.wait()
    finished.signal()  // let later waiters through too
    return state
  }
}
