import DepositKit

/// Mutant: places files by `hash % n` over the sorted servers, so one server more or less moves almost every
/// file. Caught by `deposit.2.1-placement`.
public struct ModuloPlacementServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) { server = DepositServer(config: config) }

    public static func rank(owner: ClientID, name: String, among servers: [NodeID]) throws -> [NodeID] {
        let sorted = Array(Set(servers)).sorted()
        guard !sorted.isEmpty else { return [] }
        let digest = SHA256.hash(owner.bytes + Array(name.utf8))
        let start = Int(digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % UInt64(sorted.count))
        return Array(sorted[start...] + sorted[..<start])
    }
}
