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

  /// Runs any program (a path, or a name looked up in `PATH`) with standard input from
  /// /dev/null and captures both outputs.
  ///
  /// Uses `posix_spawnp` and a blocking `waitpid` rather than Foundation's `Process`, whose
  /// run-loop based waiting can stall when many tests spawn programs at once.
  static func runProgram(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    // Files rather than pipes: a large output can never block the program.
    let folder = try TemporaryDirectory()
    let outputPath = folder.path("stdout")
    let errorPath = folder.path("stderr")
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { _, new in new }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    // Test threads (dispatch workers) block every signal, and a child inherits that mask: tmux
    // would then never see SIGCHLD, and mmhex never SIGWINCH or SIGTERM. Start with a clean slate.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw SpawnFailed(program: program, code: spawned) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Exit status, or 128 + signal number like a shell.
    let exited = status & 0x7F == 0
    let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(
      status: code,
      standardOutput: try Data(contentsOf: URL(fileURLWithPath: outputPath)),
      standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self))
  }

  /// A program could not be started.
  struct SpawnFailed: Error, CustomStringConvertible {
    let program: String
    let code: Int32
    var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
  }
}
