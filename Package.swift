// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "mmhex",
  products: [
    .library(name: "MemMap", targets: ["MemMap"]),
    .library(name: "HexCore", targets: ["HexCore"]),
    .executable(name: "mmhex", targets: ["mmhex"]),
    .executable(name: "memmap-example", targets: ["memmap-example"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // Fault-guarded copies: sigsetjmp cannot be called from Swift.
    .target(name: "CMemMapGuard"),
    // The byte-pattern matcher shared by MemMap's firstRange/lastRange and HexCore's search.
    .target(name: "ByteMatching"),
    .target(
      name: "MemMap",
      dependencies: ["CMemMapGuard", "ByteMatching"]
    ),
    // No pkgConfig: its flags (-D_DEFAULT_SOURCE, -D_XOPEN_SOURCE=600) would make SwiftPM warn in
    // every package that depends on this one, even on MemMap alone. The shim sets what ncurses
    // needs, and mmhex links the libraries (installed by Scripts/install-dependencies.sh).
    .systemLibrary(name: "CNcurses"),
    // The editor's pure model: no terminal, no platform imports.
    .target(
      name: "HexCore",
      dependencies: ["MemMap", "ByteMatching"]
    ),
    .executableTarget(
      name: "mmhex",
      dependencies: [
        "HexCore",
        "MemMap",
        "CNcurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // In this order, after the objects, so that a static executable links too.
      linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]
    ),
    // Runs the README's MemMap example.
    .executableTarget(
      name: "memmap-example",
      dependencies: ["MemMap"]
    ),
    // Test helper: runs a save and kills itself with SIGKILL after a chosen step (crash-safety tests).
    .executableTarget(
      name: "mmhex-save-crash-helper",
      dependencies: ["HexCore", "MemMap"]
    ),
    .testTarget(
      name: "MemMapTests",
      dependencies: ["MemMap"]
    ),
    .testTarget(
      name: "HexCoreTests",
      dependencies: [
        "HexCore",
        "MemMap",
        "mmhex-save-crash-helper",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "MMHexEndToEndTests",
      dependencies: ["mmhex"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
