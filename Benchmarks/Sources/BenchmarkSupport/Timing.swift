#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds on the monotonic clock, for timing a stretch of work.
public func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Stops the benchmark: its setup failed, so there is nothing to measure.
public func fail(_ message: String) -> Never {
  print("benchmark setup failed: \(message)")
  exit(1)
}
