/// Where a real node's messages go: each peer's socket address, and which names are one peer.
///
/// A peer greeted as `HOST:PORT` (from `--peer HOST:PORT`) and later heard under its own name is one node
/// under two names: the book keeps the address-named entry as an alias of the name, so both lead to one
/// destination. A node that sends one message to both names in one step reaches that peer once
/// (``StepSends``), as it would reach one node of the simulator, where every name is a node of its own.
///
/// A configured peer stays where the configuration put it; a name learned from the network moves to wherever
/// its newest vouched-for message came from (a peer that restarted on another port). The book keeps at most
/// ``maxLearned`` learned names: past it, the one learned first is forgotten (until it writes again).
struct AddressBook {
    /// What a node logs when it cannot send to `peer`: a client that has left, or a peer its configuration lacks.
    static func unknownAddress(_ peer: NodeID) -> String {
        "cannot send to \(peer): no address known for it (a client that has left, or a peer missing from --peer \(peer)=HOST:PORT)"
    }

    /// The most names learned from the network a book keeps, however many names peers make up.
    static let maxLearned = 4096

    private var addresses: [NodeID: SocketAddress]
    /// The names the configuration placed: nothing heard from the network moves them.
    private let configured: Set<NodeID>
    /// The learned names, in the order they were learned: a ring whose oldest entry is at `oldest`.
    private var learned: [NodeID] = []
    private var oldest = 0
    /// Names that stand for another name: `127.0.0.1:4001` for `bob` once bob wrote from that address.
    private var aliases: [NodeID: NodeID] = [:]

    /// A book of the configured peers.
    init(_ peers: [NodeID: SocketAddress]) {
        addresses = peers
        configured = Set(peers.keys)
    }

    /// The node `name` stands for: the name itself, unless it is an address alias of a known node.
    func destination(_ name: NodeID) -> NodeID {
        aliases[name] ?? name
    }

    /// Whether some peer is known under two names; until then every name is a node of its own.
    var hasAliases: Bool { !aliases.isEmpty }

    /// Where to send to `name`, if known.
    func address(of name: NodeID) -> SocketAddress? {
        addresses[destination(name)]
    }

    /// `name` wrote from `address` (as far as the node could tell): replies to it go there, unless `name` is a
    /// configured peer, and a configured peer named by that address is `name` from now on.
    mutating func heard(_ name: NodeID, at address: SocketAddress) {
        guard !configured.contains(name) else { return }
        if addresses[name] == nil { remember(name) }
        addresses[name] = address
        let alias = NodeID(address.description)
        if alias != name, addresses[alias] == address { aliases[alias] = name }
    }

    /// Records `name` as learned, forgetting the name learned first when the book is full.
    private mutating func remember(_ name: NodeID) {
        guard learned.count == Self.maxLearned else {
            learned.append(name)
            return
        }
        let forgotten = learned[oldest]
        addresses[forgotten] = nil
        aliases = aliases.filter { $0.value != forgotten }
        learned[oldest] = name
        oldest = (oldest + 1) % Self.maxLearned
    }
}

/// The messages one step of a real node sends, by destination: the same message sent in that step to two
/// names of one peer (an alias and its name) goes out once. Sending it twice to one name still sends it twice.
struct StepSends {
    /// For each destination, the name and encoding of every message it got in this step.
    private var sent: [NodeID: [(name: NodeID, bytes: [UInt8])]] = [:]

    /// Whether `message` to `name` (which is `destination`) already went to `destination` under another name.
    mutating func isRepeat(_ message: some WireCodable, to name: NodeID, destination: NodeID) -> Bool {
        let bytes = message.encoded()
        if sent[destination, default: []].contains(where: { $0.name != name && $0.bytes == bytes }) { return true }
        sent[destination, default: []].append((name, bytes))
        return false
    }
}
