import Catalog
import LabKit

/// `labrunner demo LAB`: the lab's system as separate processes on loopback, with a fault or two.
struct DemoCommand: RunnerCommand {
    let spec = CommandSpec(name: "demo", maxPositionals: 1, options: [
        .init(name: "nodes", takesValue: true), .init(name: "impl", takesValue: true),
        .init(name: "size", takesValue: true), .init(name: "keep", takesValue: false), .init(name: "trace", takesValue: true),
    ], help: Help.demo)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard let lab = arguments.positionals.first else { throw UsageError("demo needs a lab, e.g. 'demo ping'", command: "demo") }
        let impl = try context.implementation(arguments)
        let trace = { DemoTrace(lab: lab, path: arguments.value("trace")) }
        switch lab {
        case "ping":
            let clients = try arguments.integer("nodes", in: 1...16, command: "demo") ?? 3
            return try await PingDemo(clients: clients, impl: impl, trace: trace(), context: context).run()
        case "video":
            let size = try arguments.byteCount("size", command: "demo") ?? 1 << 30
            return try await VideoDemo(size: size, impl: impl, keep: arguments.flags.contains("keep"), trace: trace(), context: context).run()
        case "deposit":
            let size = try arguments.byteCount("size", command: "demo") ?? 32 << 20
            return try await DepositDemo(size: size, impl: impl, keep: arguments.flags.contains("keep"), trace: trace(), context: context).run()
        case "zapszap":
            return try await ZapDemo(impl: impl, trace: trace(), context: context).run()
        case "messaging":
            return try await MessagingDemo(impl: impl, trace: trace(), context: context).run()
        default:
            let known = Catalog.labIDs
            if known.contains(lab) {
                throw UsageError("lab '\(lab)' has no demo yet (demos: \(Self.demos.joined(separator: ", ")))", command: "demo")
            }
            throw UsageError("unknown lab '\(lab)' (labs: \(known.joined(separator: ", ")))", command: "demo")
        }
    }

    /// The labs with a demo, in the order `run` knows them.
    static let demos = ["ping", "video", "deposit", "zapszap", "messaging"]
}
