import Foundation

/// The built `mmhex` executable and a way to run it with pipes.
enum MMHexBinary {
  /// Path of the binary: `MMHEX_BINARY` if set, else `mmhex` next to the test bundle
  /// (the test target depends on the executable, so both land in the same build folder).
  static let path: String = {
    if let override = ProcessInfo.processInfo.environment["MMHEX_BINARY"], !override.isEmpty {
      return override
    }
    let candidates = [
      URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
    ]
    for executable in candidates {
      var folder = executable.deletingLastPathComponent()
      // On Darwin the tests run inside a .xctest bundle: climb out of it.
      while folder.pathComponents.count > 1, folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
        folder = folder.deletingLastPathComponent()
      }
      let binary = folder.appendingPathComponent("mmhex").path
      if FileManager.default.isExecutableFile(atPath: binary) { return binary }
    }
    return "mmhex"
  }()

  /// What a finished run printed and how it ended.
  struct Result {
    var status: Int32
    var standardOutput: Data
    var standardError: String
    var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
  }

  /// Runs `mmhex arguments…` with standard input from /dev/null and captures both outputs.
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try runProgram(path, arguments, environment: environment)
  }

  /// Runs any program with standard input from /dev/null and captures both outputs.
  static func runProgram(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
    process.arguments = program.contains("/") ? arguments : [program] + arguments
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { _, new in new }
    process.environment = merged
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    // Files rather than pipes: a large output can never block the program.
    let folder = try TemporaryDirectory()
    let outputPath = folder.path("stdout")
    let errorPath = folder.path("stderr")
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    defer {
      try? output.close()
      try? error.close()
    }
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: try Data(contentsOf: URL(fileURLWithPath: outputPath)),
      standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self))
  }
}
