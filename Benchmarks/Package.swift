// swift-tools-version: 6.1
// Benchmarks live apart from the main package so `swift test` never runs them and
// the library has no benchmark dependencies. Each target is a plain executable that
// prints figures and ratios against a baseline measured in the same run.
import PackageDescription

let package = Package(
  name: "mmhex-benchmarks",
  dependencies: [
    .package(name: "mmhex", path: "..")
  ],
  targets: [
    // Test files, timing and process helpers shared by the search, piece-table and compare benchmarks.
    .target(name: "BenchmarkSupport"),
    .executableTarget(
      name: "MemMapBenchmarks",
      dependencies: ["BenchmarkSupport", .product(name: "MemMap", package: "mmhex")]
    ),
    .executableTarget(
      name: "ViewerBenchmarks",
      dependencies: [.product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex")]
    ),
    .executableTarget(
      name: "SearchBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "SparseSearchBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "InteractiveSearchBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "PieceTableBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "CompareBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "InsertSaveBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
    .executableTarget(
      name: "SaveBenchmarks",
      dependencies: [
        "BenchmarkSupport", .product(name: "MemMap", package: "mmhex"), .product(name: "HexCore", package: "mmhex"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
