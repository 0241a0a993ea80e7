import Foundation

/// A secret the servers of one cluster share, derived from a passphrase: over TCP, a connection speaks as one
/// of the servers a node was configured with only once it proved it holds the key (``NodeShell``'s
/// `clusterKey`), so no other process can take a server's name, not even while that server is down.
///
/// Each end of a connection opens it with a proof: its name, the time, and an HMAC-SHA-256 under the key over
/// its role (the end that dialed or the one that accepted), the name, the time and the connection's two ends. A
/// proof is good for that connection only (another source port is another connection), for that role, and for
/// ``allowedSkew`` around the receiver's clock. So a server's name is believed neither from a process that
/// connects claiming it, nor from one that answers at its address.
/// ```swift
/// var configuration = NodeShell<Server>.Configuration(id: "s1", listen: address, transport: .tcp, peers: peers)
/// configuration.clusterKey = ClusterKey(passphrase: "a secret the servers share")
/// ```
public struct ClusterKey: Sendable, Equatable {
    /// How far, in seconds, a proof's time may be from the receiver's clock.
    static let allowedSkew: UInt64 = 120

    private let key: [UInt8]

    /// The key of the cluster whose servers were all given `passphrase`.
    public init(passphrase: String) {
        key = HKDF.sha256(inputKeyMaterial: Array(passphrase.utf8), salt: [], info: Array("labkit cluster key v1".utf8), outputLength: 32)
    }

    /// Which end of a connection a proof speaks for.
    enum Role: UInt8 {
        case dialer = 1, acceptor = 2
    }

    /// The proof frame's payload that `name` is the `role` end of the connection from `dialer` to `acceptor`, at
    /// `time` (seconds since 1970).
    func proof(name: NodeID, as role: Role, dialer: SocketAddress, acceptor: SocketAddress, time: UInt64) -> [UInt8] {
        var writer = WireWriter()
        writer.write(name)
        writer.write(time)
        return writer.bytes + mac(name: name, role: role, dialer: dialer, acceptor: acceptor, time: time)
    }

    /// The name a proof frame's `payload` proves for the `role` end of the connection from `dialer` to
    /// `acceptor`, or why it proves none.
    func verify(_ payload: ArraySlice<UInt8>, as role: Role, dialer: SocketAddress, acceptor: SocketAddress, now: UInt64) -> Result<NodeID, ProofRefusal> {
        var reader = WireReader(Array(payload))
        guard let name = try? reader.read(NodeID.self), let time = try? reader.read(UInt64.self),
              let tag = try? reader.readRaw(count: SHA256.digestLength, field: "proof"), reader.remaining == 0 else { return .failure(.malformed) }
        guard (time > now ? time - now : now - time) <= Self.allowedSkew else { return .failure(.stale(seconds: Int64(now) - Int64(time))) }
        let expected = mac(name: name, role: role, dialer: dialer, acceptor: acceptor, time: time)
        // Every byte compared, whatever the first difference: the time taken says nothing of the tag.
        guard zip(expected, tag).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return .failure(.wrongKey(name)) }
        return .success(name)
    }

    private func mac(name: NodeID, role: Role, dialer: SocketAddress, acceptor: SocketAddress, time: UInt64) -> [UInt8] {
        var writer = WireWriter()
        writer.write("labkit mesh proof v1")
        writer.write(role.rawValue)
        writer.write(name)
        writer.write(dialer.description)
        writer.write(acceptor.description)
        writer.write(time)
        return HMAC.sha256(key: key, message: writer.bytes)
    }

    /// Seconds since 1970 on this machine's clock, the time a proof carries.
    static var now: UInt64 { UInt64(max(0, Date().timeIntervalSince1970)) }
}

/// Why a proof frame proved no name.
enum ProofRefusal: Error, Equatable, CustomStringConvertible {
    case malformed
    /// Its time is this many seconds before this node's clock (negative: after it).
    case stale(seconds: Int64)
    /// Its tag is not the cluster key's for `name` on this connection.
    case wrongKey(NodeID)

    var description: String {
        switch self {
        case .malformed: "a malformed proof"
        case let .stale(seconds): "a proof \(abs(seconds)) s \(seconds >= 0 ? "old" : "ahead of this clock"), more than \(ClusterKey.allowedSkew) s"
        case let .wrongKey(name): "a proof for \(name) made without this cluster's key, or for another connection"
        }
    }
}
