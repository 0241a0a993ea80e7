import ZapsZapKit

/// A grader-owned node that does nothing: the address of a probe whose datagrams the scenario injects, of an
/// attacker, or of a peer that never answers.
struct Bystander: NodeLogic {
    typealias Message = ZapDatagram
    typealias Output = ZapEvent

    mutating func receive(_ message: ZapDatagram, from sender: NodeID, _ ctx: inout ZapContext) {}
}
