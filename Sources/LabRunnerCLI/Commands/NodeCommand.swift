import LabKit

/// `labrunner node LAB ROLE`: one real node in this process.
struct NodeCommand: RunnerCommand {
    let spec = CommandSpec(name: "node", maxPositionals: 2, options: NodeOptions.specs + PingNodes.options + VideoPeerNode.options
                           + ZapNode.options + [.init(name: "ttl", takesValue: true)], help: Help.node)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        if arguments.positionals == ["zapszap"] { return try await ZapNode.run(arguments, context) }
        guard arguments.positionals.count == 2 else { throw UsageError("node needs a lab and a role, e.g. 'node ping server'", command: "node") }
        let (lab, role) = (arguments.positionals[0], arguments.positionals[1])
        switch lab {
        case "ping": return try await PingNodes.run(role: role, arguments, context)
        case "video":
            switch role {
            case "tracker": return try await VideoTrackerNode.run(arguments, context)
            case "peer": return try await VideoPeerNode.run(arguments, context)
            default: throw UsageError("video has no role '\(role)' (roles: tracker, peer)", command: "node")
            }
        case "zapszap": throw UsageError("a zapszap member has no role: 'node zapszap --name NAME --group G'", command: "node")
        default: throw UsageError("no lab '\(lab)' has real nodes yet (labs: ping, video, zapszap)", command: "node")
        }
    }
}
