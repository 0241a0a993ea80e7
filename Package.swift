// swift-tools-version:6.0
// The Distributed Systems Lab Kit: one package, no dependencies.
// The same manifest builds the instructor's copy and the student handout (which has no Sources/Solutions).
import Foundation
import PackageDescription

/// Labs in the kit: the student skeleton lives in Sources/Labs/<Name>, the reference in Sources/Solutions/<Name>.
let labs = ["Ping", "Video", "Deposit", "ZapsZap", "Messaging"]

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let hasSolutions = FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/Solutions").path)

/// What a lab's kit builds on besides LabKit.
let kitDependencies: [String: [Target.Dependency]] = ["Video": ["FileTransfer"], "Deposit": ["FileTransfer"]]
/// Each lab's contract and given machinery: one module per lab, between LabKit and that lab's skeleton and solution.
let kitTargets: [Target] = labs.map {
    .target(name: "\($0)Kit", dependencies: kitDependencies[$0, default: []] + ["LabKit"], path: "Sources/Kits/\($0)",
            swiftSettings: givenCodeSettings())
}
let labTargets: [Target] = labs.map {
    .target(name: "\($0)Lab", dependencies: [.target(name: "\($0)Kit")], path: "Sources/Labs/\($0)")
}
let solutionTargets: [Target] = hasSolutions ? labs.map {
    .target(name: "\($0)Solution", dependencies: [.target(name: "\($0)Kit")], path: "Sources/Solutions/\($0)")
} : []
let kits: [Target.Dependency] = labs.map { .target(name: "\($0)Kit") }
let implementations: [Target.Dependency] = labs.map { .target(name: "\($0)Lab") }
    + (hasSolutions ? labs.map { .target(name: "\($0)Solution") } : [])

/// On x86-64, LabKit is compiled for CPUs since 2008 (Nehalem: SSSE3, SSE4.2) instead of the 2003 baseline:
/// byte shuffles rotate ChaCha20's words in one instruction, about 9 % more encryption for the chat lab.
/// `-msha` lets it emit the SHA extensions, which SHA-256 uses only where CPUID reports them.
#if arch(x86_64)
let labKitCPU = ["-target-cpu", "nehalem", "-Xcc", "-msha"]
#else
let labKitCPU: [String] = []
#endif

/// The runtime is optimized in debug builds too (students never debug it): unoptimized SHA-256 runs at ~10 MB/s,
/// which would make the video lab's graded downloads (hundreds of MiB) take minutes. Cross-module optimization
/// lets the labs' modules specialize the generic simulator and download engine: about 2x.
func givenCodeSettings(cpu: [String] = []) -> [SwiftSetting] {
    [.unsafeFlags(["-cross-module-optimization"] + cpu, .when(configuration: .release)),
     .unsafeFlags(["-O"] + cpu, .when(configuration: .debug))]
}

/// Tests that need working implementations: instructor-only, absent from the handout with Sources/Solutions.
let instructorTests: [Target] = hasSolutions ? [
    .testTarget(name: "FileTransferTests", dependencies: ["FileTransfer", "VideoSolution"], path: "Tests/Instructor/FileTransferTests"),
    .testTarget(name: "NodeUnitTests", dependencies: ["PingKit", "PingSolution", "VideoKit", "VideoSolution"], path: "Tests/Instructor/NodeUnitTests"),
    .testTarget(name: "ZapsZapVectorTests", dependencies: ["LabKit", "ZapsZapKit", "ZapsZapSolution", "Scenarios"],
                path: "Tests/Instructor/ZapsZapVectorTests"),
    .testTarget(name: "MessagingVectorTests", dependencies: ["LabKit", "MessagingKit", "MessagingSolution", "Scenarios"],
                path: "Tests/Instructor/MessagingVectorTests"),
] : []

let package = Package(
    name: "DistributedLabKit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "labrunner", targets: ["labrunner"]),
    ],
    dependencies: [],
    targets: kitTargets + labTargets + solutionTargets + [
        .target(name: "LabKit", swiftSettings: givenCodeSettings(cpu: labKitCPU)),
        // Streaming files in chunks, verified and resumable: the video lab's data plane, and the deposit lab's.
        .target(name: "FileTransfer", dependencies: ["LabKit"], swiftSettings: givenCodeSettings()),
        // The messaging lab's Wycheproof vectors are read at run time, as published (with their licence).
        .target(name: "Scenarios", dependencies: ["LabKit"] + kits, resources: [.copy("Messaging/Vectors")]),
        .target(name: "Catalog", dependencies: ["LabKit", "Scenarios"] + kits + implementations),
        .target(name: "LabRunnerCLI", dependencies: ["LabKit", "Scenarios", "Catalog"] + kits),
        .executableTarget(name: "labrunner", dependencies: ["LabKit", "LabRunnerCLI"]),
        .testTarget(name: "LabKitTests", dependencies: ["LabKit"] + kits),
        .testTarget(name: "LabRunnerTests", dependencies: ["LabRunnerCLI", "Catalog", "labrunner"]),
        .testTarget(name: "GradedTests", dependencies: ["LabKit", "Catalog"] + kits),
    ] + instructorTests
)
