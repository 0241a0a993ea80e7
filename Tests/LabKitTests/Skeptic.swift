import LabKit

/// A node that authenticates its senders the simplest way: a message of `proof` proves that its sender is
/// `claimant` (whoever sent it), any other proves nothing. It vouches for the claimant of every proven
/// message and answers it there with `proof + 1` (which proves nothing), and delivers what it was sent.
struct Skeptic: NodeLogic {
    static let proof: UInt64 = 42
    static var authenticatesSenders: Bool { true }

    /// The name a proven message speaks for.
    let claimant: NodeID

    mutating func receive(_ message: UInt64, from sender: NodeID, _ ctx: inout NodeContext<UInt64, UInt64>) {
        ctx.deliver(message)
        guard message == Self.proof else { return }
        ctx.vouch(for: claimant)
        ctx.send(message + 1, to: claimant)
    }
}
