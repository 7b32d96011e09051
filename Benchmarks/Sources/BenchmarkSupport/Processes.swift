import Foundation

/// A benchmark that cannot go on: a tool failed or printed something unexpected.
public struct BenchmarkFailure: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// Runs a program and returns its standard output; fails loudly on an unexpected exit status.
@discardableResult
public func run(_ program: String, _ arguments: [String], expecting status: Int32 = 0) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
  process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == status else {
    throw BenchmarkFailure("\(program) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
  }
  return String(decoding: data, as: UTF8.self)
}

/// The wall time of `body`, in seconds.
public func timed(_ body: () throws -> Void) rethrows -> Double {
  let clock = ContinuousClock()
  let start = clock.now
  try body()
  return seconds(clock.now - start)
}

/// `text` padded with spaces to `width` characters.
public func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// `value` with exactly `digits` decimals.
public func fixed(_ value: Double, _ digits: Int) -> String {
  String(format: "%.\(digits)f", value)
}
