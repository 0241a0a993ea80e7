import Foundation

/// Where the `labrunner` binary is, for starting `labrunner node …` children.
package enum LabRunnerExecutable {
    /// The running `labrunner` binary, re-executed for each child of a demo or a benchmark.
    package static var running: String {
        #if os(Linux)
        return "/proc/self/exe"
        #else
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
    }

    /// The `labrunner` that live scenarios start their nodes with: this process when it is `labrunner`
    /// (`labrunner grade`), else the one built beside this process or its test bundle (`swift test`);
    /// `nil` when there is none.
    package static func find() -> String? {
        let main = Bundle.main.executableURL
        if main?.lastPathComponent == "labrunner" { return running }
        let testBundles = Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }.map(\.bundleURL)
        let folders = ([main].compactMap { $0 } + testBundles).map { $0.deletingLastPathComponent() }
        return folders.map { $0.appendingPathComponent("labrunner").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
