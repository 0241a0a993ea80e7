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
        guard let store = arguments.value("store") else {
            throw UsageError("a deposit server needs --store DIR: its files and catalog live there, and survive a restart", command: "node")
        }
        var options = try NodeOptions(arguments, role: (store as NSString).lastPathComponent, command: "node")
        options.peers[options.id] = nil
        for peer in options.peers.keys where peer.name.contains(":") {
            throw UsageError("--peer \(peer) needs the server's name: --peer NAME=HOST:PORT (NAME is that server's --id)", command: "node")
        }
        var config = DepositServerConfig(peers: options.peers.keys.sorted())
        if let bound = try arguments.duration("dead-after", command: "node") {
            guard bound > config.tick else { throw UsageError("--dead-after must be longer than the tick (\(config.tick))", command: "node") }
            config.deadAfter = bound
        }
        var key: ClusterKey?
        if let passphrase = arguments.value("cluster-key") {
            guard !passphrase.isEmpty else { throw UsageError("--cluster-key needs the passphrase every server of the cluster is given", command: "node") }
            key = ClusterKey(passphrase: passphrase)
        } else if !options.peers.isEmpty {
            context.console.out(context.style.yellow("warning: without --cluster-key, the servers' names are not proven: any process that reaches this port can speak as a server with no connection here (give every server the same --cluster-key)"))
        }
        return await serve(DepositImplementations.server(impl), config: config, key: key, options: options, context: context)
    }

    /// `node deposit client`: knows the servers by `--server NAME=HOST:PORT` (several, to carry on when one dies).
    static func runClient(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard !(arguments.values["server"] ?? []).isEmpty else {
            throw UsageError("a deposit client needs --server NAME=HOST:PORT (repeatable: it moves on when one dies)", command: "node")
        }
        var servers: [NodeID: SocketAddress] = [:], order: [NodeID] = []
        for entry in arguments.values["server"] ?? [] {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw UsageError("--server needs NAME=HOST:PORT, NAME being that server's --id (e.g. s1=127.0.0.1:7001), not '\(entry)'", command: "node")
            }
            let name = NodeID(String(entry[..<equals]))
            servers[name] = try NodeOptions.address(String(entry[entry.index(after: equals)...]), option: "server", command: "node")
            order.append(name)
        }
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
        options.peers = servers
        let folder: DepositClientFolder
        do { folder = try DepositClientFolder.hold(store: options.storageFolder, id: id, node: options.id) } catch {
            context.console.err("error: \(error)")
            return 1
        }
        options.storageFolder = folder.path
        var config = DepositClientConfig(servers: order, id: id)
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
