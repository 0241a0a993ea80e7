import ZapsZapKit

extension ChatPeer {
    /// Sends hello, with this member's digest, to every configured peer, and arms the greet timer: until one of
    /// them answers with `.members`, the hello goes out again every `config.helloRetry`.
    mutating func greet(_ ctx: inout ZapContext) throws {
        let hello = ZapPayload.hello(digest())
        for peer in greetees(ctx.id) { try send(hello, to: peer, &ctx) }
        ctx.setTimer(Self.greetTimer, after: config.helloRetry)
    }

    /// Exercise 4.2 — a member (re)joined and sent `hello(digest)`: answer `peer` with
    /// 1. `.members(memberList(ctx.id))`, so that it learns the group (and stops greeting);
    /// 2. every message it lacks, in pages (`sendMissing`);
    /// 3. if it holds messages this member lacks (`history.lacks(anyOf:)`), this member's own digest as
    ///    `.syncRequest(digest(), reciprocate: false)`, so that it sends them.
    ///
    /// Tested by `zapszap.4.1-pages` (exact answers to chosen digests) and `zapszap.4.2-late-joiner` (a member
    /// joining after a hundred messages catches up and learns the whole group).
    mutating func answerHello(_ digest: SyncDigest, from peer: NodeID, _ ctx: inout ZapContext) throws {
        try Exercise.begin("4.2")
        try send(.members(memberList(ctx.id)), to: peer, &ctx)
        try sendMissing(digest, to: peer, &ctx)
        if try history.lacks(anyOf: digest) {
            try send(.syncRequest(self.digest(), reciprocate: false), to: peer, &ctx)
        }
        // end exercise 4.2
    }

    /// Exercise 4.2 — send `peer` every message the holder of `digest` lacks: one `.syncPage` per page of
    /// `history.pages(missingFrom:pageBytes:)`, with `config.pageBytes`.
    ///
    /// Tested by `zapszap.4.1-pages` and `zapszap.4.2-late-joiner`.
    mutating func sendMissing(_ digest: SyncDigest, to peer: NodeID, _ ctx: inout ZapContext) throws {
        try Exercise.begin("4.2")
        let pages = try history.pages(missingFrom: digest, pageBytes: config.pageBytes)
        if !pages.isEmpty { ctx.log("sending \(peer) \(pages.reduce(0) { $0 + $1.count }) message(s) in \(pages.count) page(s)") }
        for page in pages { try send(.syncPage(page), to: peer, &ctx) }
        // end exercise 4.2
    }
}
