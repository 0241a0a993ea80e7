import Foundation
import LabKit

/// How a live scenario starts real nodes: `labrunner node …` processes of one executable, each running one
/// implementation's code (`--impl`). Only the student's code and the reference run this way, never a mutant.
public struct NodeProcesses: Sendable {
    /// The `labrunner` binary; `nil` when none was found, and the scenarios that need it fail saying so.
    public let executable: String?
    /// The code the nodes run.
    public let impl: Implementation

    public init(executable: String?, impl: Implementation) {
        self.executable = executable
        self.impl = impl
    }

    /// Nodes of `impl` started from the `labrunner` found for this process (``LabRunnerExecutable/find()``).
    package static func labRunner(_ impl: Implementation) -> NodeProcesses {
        NodeProcesses(executable: LabRunnerExecutable.find(), impl: impl)
    }

    /// Nodes of `impl` started from this very `labrunner` (``LabRunnerExecutable/running``): a demo's or a bench's.
    package static func running(_ impl: Implementation) -> NodeProcesses {
        NodeProcesses(executable: LabRunnerExecutable.running, impl: impl)
    }

    /// Why `name` cannot start when no `labrunner` binary was found.
    static func noExecutable(_ name: String) -> String {
        "cannot start \(name): no labrunner executable found beside this program (build it: swift build)"
    }

    /// Starts `labrunner node ARGUMENTS --impl IMPL` as `name`; `onLine` receives each line it prints.
    func start(_ name: String, _ arguments: [String], onLine: @escaping @Sendable (String) -> Void) throws(ScenarioFailure) -> ChildProcess {
        guard let executable else {
            throw ScenarioFailure(.crashed(Self.noExecutable(name)))
        }
        do {
            return try ChildProcess(name: name, executable: executable, arguments: ["node"] + arguments + ["--impl", impl.rawValue],
                                    environment: ProcessInfo.processInfo.environment, onLine: onLine)
        } catch {
            throw ScenarioFailure(.crashed("cannot start \(name) (\(executable)): \(error)"))
        }
    }
}
