import Foundation
import LabKit

/// Options every real node accepts: identity, address, peers, injected faults, trace file.
struct NodeOptions: Sendable {
    static let specs: [CommandSpec.Option] = [
        .init(name: "id", takesValue: true), .init(name: "listen", takesValue: true),
        .init(name: "peer", takesValue: true, repeats: true), .init(name: "impl", takesValue: true),
        .init(name: "drop", takesValue: true), .init(name: "dup", takesValue: true),
        .init(name: "delay", takesValue: true), .init(name: "seed", takesValue: true),
        .init(name: "trace", takesValue: true), .init(name: "trace-origin", takesValue: true), .init(name: "store", takesValue: true),
        .init(name: "verbose", takesValue: false),
    ]

    static let help = """
      --id NAME            this node's name (default: the role; a video peer or ping client adds its
                           process id, e.g. peer-4242, so several on one machine stay apart)
      --listen HOST:PORT   address to bind (default: 127.0.0.1:0, a free port)
      --peer [NAME=]HOST:PORT  a peer's address (repeatable)
      --drop P             inject loss: drop this fraction of outgoing messages (0 to 1)
      --dup P              inject duplication of outgoing messages (0 to 1)
      --delay MIN..MAX     inject a random delay on outgoing messages, e.g. 10ms..80ms
      --seed N             seed for injected faults and the node's random choices (default 1)
      --trace FILE         write the node's trace to FILE.jsonl as it runs, and its diagram (FILE.svg)
                           when it stops
      --trace-origin MS    count the trace's times from this Unix time in milliseconds, not from the
                           node's start (a demo's processes share one, so their traces line up)
      --store DIR          keep the node's durable storage in DIR (default: in memory)
      --verbose            print every message sent and received, and every timer
      --impl WHICH         student (Sources/Labs) or solution (Sources/Solutions)
    """

    var id: NodeID
    var listen: SocketAddress
    var peers: [NodeID: SocketAddress] = [:]
    var faults = FaultPlan.none
    var seed: UInt64 = 1
    var tracePath: String?
    /// When the trace's times count from (`--trace-origin`); `nil`: the node's start.
    var traceOrigin: Date?
    var storageFolder: String?
    var verbose = false

    /// Options from `arguments`; without `--id` the node is named `role`, or `role-PID` when `unique` (roles
    /// a person starts several of: two peers both named "peer" would take each other's place at the tracker).
    init(_ arguments: ParsedArguments, role: String, unique: Bool = false, command: String) throws {
        id = NodeID(arguments.value("id") ?? (unique ? "\(role)-\(getpid())" : role))
        listen = try Self.address(arguments.value("listen") ?? "127.0.0.1:0", option: "listen", command: command)
        for entry in arguments.values["peer"] ?? [] {
            // NAME=HOST:PORT, or just HOST:PORT: a node answers to its own address until it tells its name.
            guard let equals = entry.firstIndex(of: "=") else {
                let address = try Self.address(entry, option: "peer", command: command)
                peers[NodeID(address.description)] = address
                continue
            }
            guard equals != entry.startIndex else { throw UsageError("--peer needs NAME=HOST:PORT or HOST:PORT, not '\(entry)'", command: command) }
            peers[NodeID(String(entry[..<equals]))] = try Self.address(String(entry[entry.index(after: equals)...]), option: "peer", command: command)
        }
        let drop = try arguments.probability("drop", command: command) ?? 0
        let dup = try arguments.probability("dup", command: command) ?? 0
        var delay = Duration.zero...Duration.zero
        if let text = arguments.value("delay") {
            let parts = text.components(separatedBy: "..")
            guard (1...2).contains(parts.count), let low = ParsedArguments.parseDuration(parts[0]),
                  let high = ParsedArguments.parseDuration(parts.last!), low <= high else {
                throw UsageError("--delay needs MIN..MAX such as 10ms..80ms, not '\(text)'", command: command)
            }
            delay = low...high
        }
        faults = FaultPlan(dropRate: drop, duplicateRate: dup, delay: delay)
        seed = try arguments.integer("seed", in: 0...Int.max, command: command).map(UInt64.init) ?? 1
        tracePath = arguments.value("trace")
        traceOrigin = try arguments.integer("trace-origin", in: 0...Int.max, command: command).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        storageFolder = arguments.value("store")
        verbose = arguments.flags.contains("verbose")
    }

    /// Parses `HOST:PORT`, turning the network layer's error into a usage error that names the option.
    static func address(_ text: String, option: String, command: String) throws(UsageError) -> SocketAddress {
        do { return try SocketAddress.parse(text) } catch {
            throw UsageError("--\(option) '\(text)': \(error)", command: command)
        }
    }

    /// The shell configuration for these options.
    /// The shell's configuration for these options; it makes trace events only for `--trace` or `--verbose`.
    func configuration<Logic: NodeLogic>(for _: Logic.Type, transport: Transport) -> NodeShell<Logic>.Configuration {
        .init(id: id, listen: listen, transport: transport, peers: peers, faults: faults, seed: seed, storageFolder: storageFolder,
              traces: tracePath != nil || verbose)
    }
}
