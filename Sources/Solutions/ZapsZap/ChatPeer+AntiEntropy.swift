import ZapsZapKit

extension ChatPeer {
    /// Exercise 5.1 — answer `.syncRequest(digest, reciprocate:)` from `peer`: send it the messages it lacks
    /// (`sendMissing`); then, if `reciprocate` and it holds messages this member lacks, send it this member's
    /// own digest as `.syncRequest(digest(), reciprocate: false)` (never `true`: two members would bounce
    /// requests forever). In sync, send nothing at all.
    ///
    /// Tested by `zapszap.5.1-answers`: exact answers to digests behind, ahead, equal, with and without
    /// `reciprocate`, and with a gap in this member's history.
    mutating func answerSync(_ digest: SyncDigest, reciprocate: Bool, from peer: NodeID, _ ctx: inout ZapContext) throws {
        try Exercise.begin("5.1")
        try sendMissing(digest, to: peer, &ctx)
        if reciprocate, try history.lacks(anyOf: digest) {
            try send(.syncRequest(self.digest(), reciprocate: false), to: peer, &ctx)
        }
        // end exercise 5.1
    }

    /// Exercise 5.2 — one anti-entropy round (the sync timer fires every `config.syncInterval` or so): pick one
    /// member at random — among the `members` heard from directly (`direct`), or among the configured peers
    /// while there is none — and send it `.syncRequest(digest(), reciprocate: true)`. Never pick a name only
    /// rumoured (listed by others): anyone holding the key can list made-up names, and a round spent on one
    /// repairs nothing.
    ///
    /// One digest per round, whatever the history's length: when members are in sync, that is the whole cost.
    /// Tested by `zapszap.5.2-converge-under-loss` and `zapszap.5.2-chaos`: every live member ends with the same
    /// history after loss, duplication, partitions, crashes, forgers and an outsider; and `zapszap.5.2-rumours`:
    /// with an insider listing made-up members, no round goes to one. Hint: pick with
    /// `randomElement(using: &ctx.random)` from a sorted list, so that a seed replays the same choices.
    mutating func syncRound(_ ctx: inout ZapContext) throws {
        try Exercise.begin("5.2")
        let known = members.filter { $0.value.direct && $0.key != ctx.id }.keys.sorted()
        guard let peer = (known.isEmpty ? greetees(ctx.id) : known).randomElement(using: &ctx.random) else { return }
        try send(.syncRequest(digest(), reciprocate: true), to: peer, &ctx)
        // end exercise 5.2
    }
}
