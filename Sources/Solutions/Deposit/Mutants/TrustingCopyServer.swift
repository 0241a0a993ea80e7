import DepositKit

/// Mutant: keeps a copy under the name it was asked for whatever bytes arrived, committing it with the hash of
/// what it received instead of the declared one. Caught by `deposit.3.2-verified-copies`.
public struct TrustingCopyServer: PassThroughServer {
    public var server: DepositServer
    private var received: [String: SHA256] = [:]

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        if case let .piece(key, offset, bytes) = message,
           let blob = server.copies.first(where: { $0.value.pull.key == key })?.key, let copy = server.copies[blob],
           offset == ctx.blobs.partSize(of: blob) ?? 0, !bytes.isEmpty, offset + UInt64(bytes.count) <= copy.pull.size {
            if offset == 0 { received[blob] = SHA256() }
            received[blob, default: SHA256()].update(bytes)
            if offset + UInt64(bytes.count) == copy.pull.size, var hash = received.removeValue(forKey: blob) {
                server.copies[blob]!.record.sha256 = hash.finalize()  // the bug: the bytes decide what they are
            }
        }
        try server.receive(message, from: sender, &ctx)
    }
}
