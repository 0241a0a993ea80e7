import Catalog
import Foundation
import LabKit
import ZapsZapKit

/// `labrunner node zapszap`: one chat member over UDP, with a prompt — lines are chat messages;
/// `/history`, `/who`, `/digest`, `/quit` are commands.
enum ZapNode {
    static let options: [CommandSpec.Option] = [
        .init(name: "name", takesValue: true), .init(name: "group", takesValue: true),
        .init(name: "passphrase", takesValue: true), .init(name: "sync-interval", takesValue: true),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        guard let name = arguments.value("name") ?? arguments.value("id") else {
            throw UsageError("a zapszap member needs --name NAME", command: "node")
        }
        guard let group = arguments.value("group") else { throw UsageError("a zapszap member needs --group NAME", command: "node") }
        var options = try NodeOptions(arguments, role: name, command: "node")
        options.id = NodeID(name)
        // A member's history survives a restart: it is kept on disk unless --store says where.
        options.storageFolder = options.storageFolder ?? ".labrunner/zapszap/\(group)/\(name)"
        let greet = options.peers.keys.sorted()
        let passphrase: String
        if let given = arguments.value("passphrase") ?? context.environment["ZAPSZAP_PASSPHRASE"] {
            passphrase = given
        } else if let typed = Passphrase.prompt("passphrase for group \(group): ") {
            passphrase = typed
        } else {
            throw UsageError("no passphrase: type it at the prompt, or pass --passphrase (or $ZAPSZAP_PASSPHRASE) in scripts", command: "node")
        }
        var config = ZapConfig(group: group, passphrase: passphrase, peers: greet)
        if let interval = try arguments.duration("sync-interval", command: "node") { config.syncInterval = interval }
        return await open(ZapsZapImplementations.peer(impl), config: config, options: options, context: context)
    }

    private static func open<Member: ChatPeerNode>(_: Member.Type, config: ZapConfig, options: NodeOptions, context: CommandContext) async -> Int32 {
        await ChatSession<Member>(config: config, options: options, context: context).run()
    }
}
