import Catalog
import LabKit
import PingKit

/// `labrunner node ping server|client`: the ping roles as real UDP processes.
enum PingNodes {
    /// The options only the client reads.
    static let options: [CommandSpec.Option] = [
        .init(name: "server", takesValue: true), .init(name: "server-id", takesValue: true),
        .init(name: "count", takesValue: true), .init(name: "timeout", takesValue: true),
        .init(name: "attempts", takesValue: true), .init(name: "interval", takesValue: true),
    ]

    /// `node ping server`.
    static func runServer(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions(arguments, role: "server", command: "node")
        return await serve(PingImplementations.server(impl), options: options, context: context)
    }

    /// `node ping client`.
    static func runClient(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        var options = try NodeOptions(arguments, role: "client", unique: true, command: "node")
        guard let server = arguments.value("server") else {
            throw UsageError("the ping client needs --server HOST:PORT", command: "node")
        }
        let serverID = NodeID(arguments.value("server-id") ?? "server")
        options.peers[serverID] = try NodeOptions.address(server, option: "server", command: "node")
        let defaults = PingClientConfig(server: serverID)
        let config = PingClientConfig(
            server: serverID,
            count: UInt32(try arguments.integer("count", in: 1...1_000_000, command: "node") ?? Int(defaults.count)),
            timeout: try arguments.duration("timeout", command: "node") ?? defaults.timeout,
            maxAttempts: UInt32(try arguments.integer("attempts", in: 1...1000, command: "node") ?? Int(defaults.maxAttempts)),
            interval: try arguments.duration("interval", command: "node") ?? defaults.interval)
        return await ping(PingImplementations.client(impl), config: config, options: options, context: context)
    }

    private static func serve<Server: PingServerNode>(_ type: Server.Type, options: NodeOptions, context: CommandContext) async -> Int32 {
        await LiveNode(logic: Server(), options: options, transport: .udp, context: context, title: "ping server") { "\($0)" }.run()
    }

    private static func ping<Client: PingClientNode>(_ type: Client.Type, config: PingClientConfig, options: NodeOptions, context: CommandContext) async -> Int32 {
        let outcomes = Lock<[PingEvent]>([])
        let node = LiveNode(logic: Client(config: config), options: options, transport: .udp, context: context, title: "ping client") { "\($0)" }
        let status = await node.run { event in
            outcomes.withLock { outcomes in
                outcomes.append(event)
                return outcomes.count >= Int(config.count)
            }
        }
        let summary = PingSummary(outcomes.withLock { $0 }, count: config.count)
        context.console.out(summary.line)
        return status == 0 && summary.finished ? 0 : 1
    }
}

/// What a ping client achieved, as the last line it prints (the demo collects these lines).
struct PingSummary: Sendable {
    let count: UInt32
    let answered: [Duration]
    let abandoned: Int

    init(_ outcomes: [PingEvent], count: UInt32) {
        self.count = count
        answered = outcomes.compactMap { if case let .reply(_, _, rtt) = $0 { rtt } else { nil } }
        abandoned = outcomes.count - answered.count
    }

    var finished: Bool { answered.count + abandoned == Int(count) }

    var line: String {
        var text = "summary: \(answered.count)/\(count) answered, \(abandoned) gave up"
        if let low = answered.min(), let high = answered.max() {
            let mean = answered.reduce(Duration.zero, +) / answered.count
            text += ", rtt min/avg/max \(Self.ms(low))/\(Self.ms(mean))/\(Self.ms(high)) ms"
        }
        return text
    }

    private static func ms(_ duration: Duration) -> String { String(format: "%.2f", duration.milliseconds) }
}
