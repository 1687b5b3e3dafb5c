// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Docent",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docent", targets: ["docent"]),
        .library(name: "DocentCore", targets: ["DocentCore"]),
    ],
    targets: [
        // Pure: no file system, no stdin/stdout, no JSON, no LSP types. Cannot fail.
        .target(name: "DocentCore"),
        // The edge with the outside world: JSON values, docent.json, reading a workspace from disk, atomic writes.
        .target(name: "DocentIO", dependencies: ["DocentCore"]),
        // JSON-RPC framing, LSP message types, the server, and the one place that converts Core results to LSP.
        .target(name: "DocentLSP", dependencies: ["DocentCore", "DocentIO"]),
        .executableTarget(name: "docent", dependencies: ["DocentCore", "DocentIO", "DocentLSP"]),
        // Measurements on real workspaces, one scenario per file (`docent-bench placement WORKSPACE`).
        .executableTarget(name: "docent-bench", dependencies: ["DocentCore", "DocentIO", "DocentLSP"]),
        .testTarget(name: "DocentCoreTests", dependencies: ["DocentCore"]),
        .testTarget(name: "DocentIOTests", dependencies: ["DocentCore", "DocentIO"]),
        .testTarget(name: "DocentLSPTests", dependencies: ["DocentCore", "DocentIO", "DocentLSP"]),
    ],
    swiftLanguageModes: [.v6]
)
