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
}
