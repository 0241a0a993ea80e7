import Catalog
import Foundation
import LabKit
import MessagingKit

/// `labrunner node messaging processor|store|bob|alice`: the two services' servers over TCP, each with its
/// folder and its peers, and the two users, who know every server and find a live leader and a live store by
/// themselves (Bob sends each line typed; Alice prints each message once, in order).
enum MessagingNodes {
    /// The options only a processor reads.
    static let processorOptions: [CommandSpec.Option] = [.init(name: "key", takesValue: true), .init(name: "cluster-key", takesValue: true)]
    /// The options only a store reads.
    static let storeOptions: [CommandSpec.Option] = [.init(name: "cluster-key", takesValue: true)]
    /// The options Bob and Alice read; their `--store NAME=HOST:PORT` names a store of the service, not a folder.
    static let userOptions: [CommandSpec.Option] = [
        .init(name: "processor", takesValue: true, repeats: true), .init(name: "store", takesValue: true, repeats: true),
        .init(name: "mailbox", takesValue: true),
    ]

    /// `node messaging processor`: Alice's private key from `--key`, the other processors from `--peer`; ranked by
    /// name, so that every processor agrees on who is above whom.
    static func runProcessor(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions.server(arguments, role: "messaging processor", keeps: "its term and log live there, and survive a restart")
        guard let path = arguments.value("key") else {
            throw UsageError("a messaging processor needs --key FILE: Alice's private key (PEM, as 'labrunner rsa keygen' writes it)", command: "node")
        }
        let cluster = try NodeOptions.clusterKey(arguments, peers: options.peers, context)
        let key = try PEMKeyFile.read(path, as: RSAPrivateKey.init(pem:), notAs: RSAPublicKey.init(pem:),
                                      "holds a public key: a processor also decrypts, so it needs the private key (private.pem)")
        let config = ProcessingConfig(replicas: ranked(Array(options.peers.keys) + [options.id]), key: key)
        context.console.out("processors by rank: \(config.replicas.map(\.name).joined(separator: " < ")) (the highest live one leads)")
        return await serve(MessagingImplementations.processor(impl), config, cluster: cluster, options: options, context: context)
    }

    /// `node messaging store`: its log in `--store DIR`, the other stores from `--peer`; `digest` at its prompt
    /// prints its log's digest (equal logs, equal digests).
    static func runStore(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions.server(arguments, role: "messaging store", keeps: "its log lives there, and survives a restart")
        let cluster = try NodeOptions.clusterKey(arguments, peers: options.peers, context)
        let config = StoreConfig(stores: (Array(options.peers.keys) + [options.id]).sorted())
        return await serve(MessagingImplementations.store(impl), config, cluster: cluster, options: options, context: context)
    }

    /// `node messaging bob`: each line typed is a message to the mailbox's owner; once input ends (Ctrl-D, the
    /// end of a pipe), Bob stops when every line is stored or refused.
    static func runBob(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let (config, options) = try user(arguments, role: "bob")
        let console = context.console, style = context.style
        /// Lines handed to Bob, and how many of them are stored or refused.
        let progress = Lock((typed: 0, done: 0, ended: false))
        let prompt = LiveNode<Bob>.Prompt(line: { line, shell in
            guard !line.isEmpty else { return }
            progress.withLock { $0.typed += 1 }
            await shell.command(Array(line.utf8))
        }, ended: { shell in
            if progress.withLock({ $0.ended = true; return $0.done == $0.typed }) { await shell.stop() }
        })
        let node = LiveNode(logic: Bob(config: config), options: options, transport: .tcp, context: context, title: "messaging bob",
                            secureRandom: true, prompt: prompt) { output in
            if case .conversation(.notSent) = output { return style.yellow("\(output)") }
            return "\(output)"
        }
        return await node.run(finished: { output in
            switch output {
            case .conversation(.stored), .conversation(.notSent): progress.withLock { $0.done += 1; return $0.ended && $0.done == $0.typed }
            default: false
            }
        }, ready: { _ in
            guard isatty(STDIN_FILENO) == 1 else { return }
            console.out(style.dim("type a line and press return: the processing service encrypts it for \(config.mailbox), and the stores keep it in \(config.mailbox)'s mailbox"))
        })
    }

    /// `node messaging alice`: prints each message of the mailbox once, in order, as it arrives, until Ctrl-C.
    static func runAlice(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let (config, options) = try user(arguments, role: "alice")
        let console = context.console, style = context.style
        let node = LiveNode(logic: Alice(config: config), options: options, transport: .tcp, context: context, title: "messaging alice",
                            secureRandom: true) { output in
            if case .conversation(.unreadable) = output { return style.yellow("\(output)") }
            return "\(output)"
        }
        return await node.run(ready: { _ in
            console.out(style.dim("reading mailbox \(config.mailbox): each message is shown once, in order, decrypted by the processing service"))
        })
    }

    /// Processors in rank order, lowest first: by name, a number at a name's end compared as a number (p2 below p10).
    static func ranked(_ names: [NodeID]) -> [NodeID] {
        func key(_ name: NodeID) -> (String, Int, String) {
            let digits = String(name.name.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
            return (String(name.name.dropLast(digits.count)), Int(digits.prefix(18)) ?? -1, name.name)
        }
        return names.sorted { key($0) < key($1) }
    }

    /// Bob's or Alice's configuration: every processor (`--processor`) and store (`--store`) by name, the mailbox.
    private static func user(_ arguments: ParsedArguments, role: String) throws -> (UserConfig, NodeOptions) {
        let processors = try NodeOptions.servers(arguments, option: "processor", example: "p1=127.0.0.1:7101")
        let stores = try NodeOptions.servers(arguments, option: "store", example: "s1=127.0.0.1:7201")
        guard !processors.isEmpty, !stores.isEmpty else {
            throw UsageError("\(role) needs every processor (--processor NAME=HOST:PORT) and every store (--store NAME=HOST:PORT), each repeatable: \(role) moves on when one dies", command: "node")
        }
        guard arguments.values["peer"] == nil else {
            throw UsageError("\(role) knows the servers by --processor and --store, not --peer", command: "node")
        }
        let mailbox = arguments.value("mailbox") ?? "alice"
        guard !mailbox.isEmpty, mailbox.utf8.count <= PersistenceLimits.standard.maxMailboxLength else {
            throw UsageError("--mailbox needs a name of 1 to \(PersistenceLimits.standard.maxMailboxLength) bytes", command: "node")
        }
        var stripped = arguments
        stripped.values["store"] = nil
        var options = try NodeOptions(stripped, role: role, command: "node")
        options.peers = Dictionary(processors + stores, uniquingKeysWith: { $1 })
        return (UserConfig(processors: processors.map(\.name), stores: stores.map(\.name), mailbox: mailbox), options)
    }

    private static func serve<Server: ProcessorNode>(_: Server.Type, _ config: ProcessingConfig, cluster: ClusterKey?, options: NodeOptions,
                                                     context: CommandContext) async -> Int32 {
        await LiveNode(logic: Server(config: config), options: options, transport: .tcp, context: context, title: "messaging processor",
                       clusterKey: cluster) { "\($0)" }.run()
    }

    private static func serve<Store: PersistenceStoreNode>(_: Store.Type, _ config: StoreConfig, cluster: ClusterKey?, options: NodeOptions,
                                                           context: CommandContext) async -> Int32 {
        let console = context.console
        let prompt = LiveNode<Store>.Prompt(line: { line, shell in
            switch line.trimmingCharacters(in: .whitespaces) {
            case "": break
            case "digest": console.out(NodeOutputLine.logDigest(await shell.inspect(\.log)))
            default: console.out("a store's prompt knows one command: digest (its log's SHA-256 and length)")
            }
        })
        return await LiveNode(logic: Store(config: config), options: options, transport: .tcp, context: context, title: "messaging store",
                              clusterKey: cluster, prompt: prompt) { "\($0)" }.run()
    }
}
