import LabKit
import ZapsZapKit
import ZapsZapSolution

/// A hostile client of a real chat member over loopback UDP: it writes envelopes as a shell does, naming any
/// sender, and seals datagrams under any header with any key (an outsider's, or the group's for an insider).
struct HostileClient {
    let socket: UDPSocket
    let key: GroupKey
    /// The name its datagrams are sealed as.
    let name: NodeID
    var counter: UInt64 = 0

    init(_ name: NodeID, key: GroupKey) throws {
        socket = try UDPSocket.bind(try .parse("127.0.0.1:0"))
        self.key = key
        self.name = name
    }

    /// `payload` sealed as `sender` (this client's name unless told) with the next counter of epoch 1.
    mutating func seal(_ payload: ZapPayload, as sender: NodeID? = nil) throws -> ZapDatagram {
        defer { counter += 1 }
        let header = DatagramHeader(groupTag: key.tag, sender: sender ?? name, epoch: 1, counter: counter)
        return try ChatPeer.seal(payload.encoded(), header: header, key: key)
    }

    /// Sends `datagram` to the member `member` at `address`, in an envelope claiming to come from `from`.
    func send(_ datagram: ZapDatagram, to member: NodeID, at address: SocketAddress, from: NodeID? = nil) throws {
        var writer = WireWriter()
        writer.write(from ?? name)
        writer.write(member)
        writer.write(datagram)
        try socket.send(writer.bytes, to: address)
    }

    /// The next payload that reaches this client and opens under its key, waiting at most 10 s.
    func receive() async throws -> ZapPayload {
        let socket = socket, key = key
        return try await withDeadline(.seconds(60)) {
            while true {
                let (bytes, _) = try await socket.receive()
                var reader = WireReader(bytes, limits: ZapLimits.wireLimits)
                _ = try reader.read(NodeID.self)
                _ = try reader.read(NodeID.self)
                if let opened = try? ChatPeer.open(try reader.read(ZapDatagram.self), key: key) { return opened.payload }
            }
        }
    }

    /// Greets the member and waits for its `.members` answer: once it comes, the member has handled everything
    /// this client sent before (one socket, one member actor, in order).
    mutating func roundTrip(to member: NodeID, at address: SocketAddress) async throws -> [NodeID] {
        try send(try seal(.hello(SyncDigest(clock: 0, heads: []))), to: member, at: address)
        while true {
            if case let .members(names) = try await receive() { return names }
        }
    }
}
