// Lab zapszap — remembering derived sender keys: given, not an exercise.

import LabKit

/// The sender keys a ``GroupKey`` derived so far, shared by every copy of that key: deriving one takes two
/// HMACs, and a member opens every datagram with its sender's key.
///
/// It holds at most ``limit`` names, and starts afresh when full: an attacker who sends datagrams under
/// thousands of invented names costs a member a few derivations, never unbounded memory.
final class SenderKeyCache: Sendable {
    /// The most names remembered at once.
    static let limit = 256

    private let keys = Lock<[NodeID: [UInt8]]>([:])

    /// The key of `sender`: remembered, or made by `derive` and then remembered.
    func key(for sender: NodeID, derive: (NodeID) -> [UInt8]) -> [UInt8] {
        if let key = keys.withLock({ $0[sender] }) { return key }
        let key = derive(sender)
        keys.withLock { keys in
            if keys.count >= Self.limit { keys.removeAll(keepingCapacity: true) }
            keys[sender] = key
        }
        return key
    }
}
