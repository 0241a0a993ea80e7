import Catalog
import LabKit

/// The `labrunner` command: lists labs, grades, runs demos and real nodes, benchmarks, writes the handout.
///
/// `main` takes the arguments after the program name and returns the exit status, so tests can run every
/// command in-process and compare its exact output.
public enum LabRunner {
    /// Runs one command line; 0 = success, 1 = the work failed (a scenario, a demo), 2 = a usage error.
    public static func main(_ arguments: [String], console: Console = StandardConsole(),
                            environment: [String: String]) async -> Int32 {
        defer { if environment[PeakMemory.environmentKey] != nil { console.err(PeakMemory.line) } }
        var rest = arguments[...]
        guard let name = rest.popFirst(), !["-h", "--help", "help"].contains(name) else {
            console.out(Help.overview)
            return arguments.isEmpty ? 2 : 0
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            console.err(UsageError("unknown command '\(name)'").description)
            return 2
        }
        do {
            let parsed = try ParsedArguments(Array(rest), spec: command.spec)
            if parsed.wantsHelp {
                console.out(command.spec.help)
                return 0
            }
            let context = CommandContext(console: console, environment: environment)
            return try await command.run(parsed, context)
        } catch let error as UsageError {
            console.err(error.description)
            return 2
        } catch let error as CatalogError {
            console.err(UsageError(error.description, command: name).description)
            return 2
        } catch {
            console.err("error: \(error)")
            return 1
        }
    }

    static let commands: [any RunnerCommand] = [
        ListCommand(), GradeCommand(), DemoCommand(), NodeCommand(), BenchCommand(), HandoutCommand(), SkeletonCommand(),
        ViewCommand(), ReportCommand(), RSACommand(), GradeWorkerCommand(),
    ]
}

/// What every command gets besides its arguments.
struct CommandContext: Sendable {
    let console: Console
    let environment: [String: String]

    var style: Style { Style(enabled: console.isTerminal) }

    /// The implementation named by `--impl`, else `LAB_IMPL`, else the solution where it exists.
    func implementation(_ arguments: ParsedArguments) throws(CatalogError) -> Implementation {
        if let name = arguments.value("impl") { return try Catalog.implementation(named: name) }
        return try Catalog.defaultImplementation(environment: environment)
    }
}

/// A `labrunner` subcommand.
protocol RunnerCommand: Sendable {
    var spec: CommandSpec { get }
    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32
}
