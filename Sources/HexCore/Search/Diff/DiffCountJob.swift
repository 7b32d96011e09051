import Dispatch
import Synchronization

/// A count of the differences between two files (``DiffScanner/count(in:progress:)``) running on a
/// background thread, for a caller that must keep responding: start it, poll ``outcome``, and
/// ``cancel()`` it when the files change.
public final class DiffCountJob: Sendable {
  /// The count's progress; also its cancel switch.
  public let progress = SearchProgress()
  private let result = Mutex<Result<DiffCount, SearchError>?>(nil)

  /// Starts counting every difference `scanner` sees.
  public init(_ scanner: DiffScanner) {
    DispatchQueue.global(qos: .utility).async { [self] in
      let outcome: Result<DiffCount, SearchError>
      do throws(SearchError) {
        outcome = .success(try scanner.count(progress: progress))
      } catch {
        outcome = .failure(error)
      }
      result.withLock { $0 = outcome }
    }
  }

  /// The count, or why there is none; `nil` while counting.
  public var outcome: Result<DiffCount, SearchError>? { result.withLock { $0 } }

  /// Asks the count to stop; its outcome becomes `.failure(.cancelled)` soon after.
  public func cancel() {
    progress.cancel()
  }
}
