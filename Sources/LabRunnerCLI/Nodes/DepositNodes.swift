import Catalog
import DepositKit
import Foundation
import LabKit

/// `labrunner node deposit server|client`: a deposit server over TCP with its folder, and a client at a
/// prompt (or scripted with `--do`).
enum DepositNodes {
    /// The options only the server reads.
    static let serverOptions: [CommandSpec.Option] = [.init(name: "dead-after", takesValue: true), .init(name: "cluster-key", takesValue: true)]
    /// The options only the client reads (its `--id` is the client id a server issued, not a node name).
    static let clientOptions: [CommandSpec.Option] = [
        .init(name: "server", takesValue: true, repeats: true), .init(name: "do", takesValue: true, repeats: true),
        .init(name: "stay", takesValue: false),
    ]

    /// `node deposit server`: named by `--id`, else by its `--store` folder, which it needs (its files and
    /// catalog live there, and a restart on the same folder rejoins).
    static func runServer(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions.server(arguments, role: "deposit server", keeps: "its files and catalog live there, and survive a restart")
        var config = DepositServerConfig(peers: options.peers.keys.sorted())
        if let bound = try arguments.duration("dead-after", command: "node") {
            guard bound > config.tick else { throw UsageError("--dead-after must be longer than the tick (\(config.tick))", command: "node") }
            config.deadAfter = bound
        }
        let key = try NodeOptions.clusterKey(arguments, peers: options.peers, context)
        return await serve(DepositImplementations.server(impl), config: config, key: key, options: options, context: context)
    }

    /// `node deposit client`: knows the servers by `--server NAME=HOST:PORT` (several, to carry on when one dies).
    static func runClient(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard !(arguments.values["server"] ?? []).isEmpty else {
            throw UsageError("a deposit client needs --server NAME=HOST:PORT (repeatable: it moves on when one dies)", command: "node")
        }
        let servers = try NodeOptions.servers(arguments, option: "server", example: "s1=127.0.0.1:7001")
        var id: ClientID?
        if let text = arguments.value("id") {
            guard let parsed = ClientID(text) else {
                throw UsageError("--id '\(text)' is not a client id: one looks like 3f2a9c1e-07b4-4d5e-9a10-6c2f8e41b7d3", command: "node")
            }
            id = parsed
        }
        var script: [DepositPromptCommand] = []
        for line in arguments.values["do"] ?? [] {
            switch DepositPromptCommand.parse(line) {
            case let .success(command)?: script.append(command)
            case let .failure(mistake)?: throw UsageError("--do '\(line)': \(mistake)", command: "node")
            case nil: throw UsageError("--do needs a command, e.g. --do 'deposit notes.txt --replicas 2'", command: "node")
            }
        }
        var stripped = arguments
        stripped.values["id"] = nil
        var options = try NodeOptions(stripped, role: "client", unique: true, command: "node")
        options.peers = Dictionary(servers, uniquingKeysWith: { $1 })
        let folder: DepositClientFolder
        do { folder = try DepositClientFolder.hold(store: options.storageFolder, id: id, node: options.id) } catch {
            context.console.err("error: \(error)")
            return 1
        }
        options.storageFolder = folder.path
        var config = DepositClientConfig(servers: servers.map(\.name), id: id)
        config.pieceSize = DepositLane.pieceSize  // its recoveries ask as much per request as the data plane carries
        config.resumeRecoveries = true  // its store is a folder: a recovery cut short goes on where it stopped
        return await DepositClientSession(config: config, options: options, script: script, stay: arguments.flags.contains("stay"),
                                          folder: folder, context: context).run()
    }

    private static func serve<Server: DepositServerNode>(_: Server.Type, config: DepositServerConfig, key: ClusterKey?, options: NodeOptions,
                                                         context: CommandContext) async -> Int32 {
        let console = context.console, style = context.style
        let lane = DepositLane(servers: Set(config.peers), store: options.storageFolder.map { "\($0)/blobs" },
                               clusterKeyed: key != nil) { console.out(style.dim("· data plane: \($0)")) }
        return await LiveNode(logic: Server(config: config), options: options, transport: .tcp, context: context, title: "deposit server",
                              secureRandom: true, clusterKey: key, bulkLane: lane) { "\($0)" }.run()
    }
}
