import Synchronization

/// A running search's progress and its cancel switch, safe to share between the thread that
/// searches and the one that shows progress.
///
/// The search checks ``isCancelled`` before each chunk (about a millisecond of work), so a
/// cancelled search stops promptly and throws ``SearchError/cancelled``.
public final class SearchProgress: Sendable {
  private let scanned = Atomic<Int>(0)
  private let total = Atomic<Int>(0)
  private let cancelled = Atomic<Bool>(false)
  private let started = Mutex<ContinuousClock.Instant?>(nil)

  /// A progress with nothing scanned and not cancelled.
  public init() {}

  /// Bytes (match start positions) examined so far.
  public var bytesScanned: Int { scanned.load(ordering: .relaxed) }

  /// Bytes (match start positions) the search examines at most.
  public var totalBytes: Int { total.load(ordering: .relaxed) }

  /// ``bytesScanned`` as a fraction of ``totalBytes``, from 0 to 1 (1 when there is nothing to scan).
  public var fractionCompleted: Double {
    let total = totalBytes
    guard total > 0 else { return 1 }
    return min(1, Double(bytesScanned) / Double(total))
  }

  /// Bytes examined per second since the search began (0 before it has).
  public var bytesPerSecond: Double {
    guard let start = started.withLock({ $0 }) else { return 0 }
    let elapsed = (ContinuousClock.now - start).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    return seconds > 0 ? Double(bytesScanned) / seconds : 0
  }

  /// Whether ``cancel()`` was called.
  public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

  /// Asks the search to stop; it throws ``SearchError/cancelled`` soon after.
  public func cancel() {
    cancelled.store(true, ordering: .relaxed)
  }

  /// Starts counting a search of `totalBytes` positions (a cancel already requested stays).
  func begin(totalBytes: Int) {
    scanned.store(0, ordering: .relaxed)
    total.store(totalBytes, ordering: .relaxed)
    started.withLock { $0 = .now }
  }

  /// Records `count` more positions examined.
  func advance(by count: Int) {
    scanned.wrappingAdd(count, ordering: .relaxed)
  }
}
