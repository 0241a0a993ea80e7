import Catalog

/// A kind of node `labrunner node` runs: its lab, its role (none for a lab with one kind of node), the options
/// it reads besides the ones every node takes, and how it starts.
struct NodeRole: Sendable {
    let lab: String
    let role: String?
    let options: [CommandSpec.Option]
    let run: @Sendable (ParsedArguments, CommandContext) async throws -> Int32

    /// `ping client`, `zapszap member`: how errors name it.
    var title: String { "\(lab) \(role ?? "member")" }

    /// Every node of the kit. A lab of the catalog missing here has no real nodes yet.
    static let all: [NodeRole] = [
        NodeRole(lab: "ping", role: "server", options: [], run: { try await PingNodes.runServer($0, $1) }),
        NodeRole(lab: "ping", role: "client", options: PingNodes.options, run: { try await PingNodes.runClient($0, $1) }),
        NodeRole(lab: "video", role: "tracker", options: VideoTrackerNode.options, run: { try await VideoTrackerNode.run($0, $1) }),
        NodeRole(lab: "video", role: "peer", options: VideoPeerNode.options, run: { try await VideoPeerNode.run($0, $1) }),
        NodeRole(lab: "deposit", role: "server", options: DepositNodes.serverOptions, run: { try await DepositNodes.runServer($0, $1) }),
        NodeRole(lab: "deposit", role: "client", options: DepositNodes.clientOptions, run: { try await DepositNodes.runClient($0, $1) }),
        NodeRole(lab: "messaging", role: "processor", options: MessagingNodes.processorOptions, run: { try await MessagingNodes.runProcessor($0, $1) }),
        NodeRole(lab: "messaging", role: "store", options: MessagingNodes.storeOptions, run: { try await MessagingNodes.runStore($0, $1) }),
        NodeRole(lab: "messaging", role: "bob", options: MessagingNodes.userOptions, run: { try await MessagingNodes.runBob($0, $1) }),
        NodeRole(lab: "messaging", role: "alice", options: MessagingNodes.userOptions, run: { try await MessagingNodes.runAlice($0, $1) }),
        NodeRole(lab: "zapszap", role: nil, options: ZapNode.options, run: { try await ZapNode.run($0, $1) }),
    ]

    /// Every option some node takes, for the command's parser: repeatable if any node repeats it (``check(_:)``
    /// then refuses a repeat where the node's own option does not).
    static var everyOption: [CommandSpec.Option] {
        let options = NodeOptions.specs + all.flatMap(\.options)
        var seen = Set<String>()
        return options.filter { seen.insert($0.name).inserted }.map { option in
            var merged = option
            merged.repeats = options.contains { $0.name == option.name && $0.repeats }
            return merged
        }
    }

    /// The node `positionals` (LAB, or LAB ROLE) name, or a usage error listing what there is.
    static func named(_ positionals: [String]) throws(UsageError) -> NodeRole {
        guard let lab = positionals.first else { throw UsageError("node needs a lab and a role, e.g. 'node ping server'", command: "node") }
        let ofLab = all.filter { $0.lab == lab }
        guard !ofLab.isEmpty else {
            let known = Catalog.labIDs
            let withNodes = known.filter { id in all.contains { $0.lab == id } }
            if known.contains(lab) {
                throw UsageError("lab '\(lab)' has no real nodes yet (labs with nodes: \(withNodes.joined(separator: ", ")))", command: "node")
            }
            throw UsageError("unknown lab '\(lab)' (labs: \(known.joined(separator: ", ")))", command: "node")
        }
        if let only = ofLab.first, only.role == nil {
            guard positionals.count == 1 else {
                throw UsageError("a \(lab) member has no role: 'node \(lab) --name NAME --group G'", command: "node")
            }
            return only
        }
        let roles = ofLab.compactMap(\.role)
        guard positionals.count > 1 else {
            throw UsageError("node \(lab) needs a role: \(roles.joined(separator: ", ")) (e.g. 'node \(lab) \(roles[0])')", command: "node")
        }
        guard let role = ofLab.first(where: { $0.role == positionals[1] }) else {
            throw UsageError("\(lab) has no role '\(positionals[1])' (roles: \(roles.joined(separator: ", ")))", command: "node")
        }
        return role
    }

    /// Refuses an option that belongs to another kind of node, saying whose it is.
    func check(_ arguments: ParsedArguments) throws(UsageError) {
        let mine = Set((NodeOptions.specs + options).map(\.name))
        let given = Set(arguments.values.keys).union(arguments.flags).subtracting(["help"])
        for name in given.subtracting(mine).sorted() {
            let owners = Self.all.filter { $0.options.contains { $0.name == name } }.map(\.title)
            throw UsageError("--\(name) is an option of \(owners.joined(separator: " and ")), not of \(title)", command: "node")
        }
        // A name two specs share (a messaging user's `--store NAME=HOST:PORT`, every node's `--store DIR`) repeats if either does.
        let own = NodeOptions.specs + options
        for option in own where (arguments.values[option.name]?.count ?? 0) > 1 && !own.contains(where: { $0.name == option.name && $0.repeats }) {
            throw UsageError("option '--\(option.name)' was given twice", command: "node")
        }
    }
}
