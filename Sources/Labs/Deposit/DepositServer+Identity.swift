import DepositKit

extension DepositServer {
    /// Exercise 1.1 — answer a HELLO. With an id: `welcome` it if the catalog knows it, else refuse it
    /// (`.unknownClient`). Without one: issue a new id of 128 bits from `ctx.random`, keep it durably
    /// (`catalog.add`), send `register` to every live peer, and `welcome` the client only once every live peer
    /// said `registered` (at once when there is none): from then on any server recognizes it, and the id
    /// outlives this server.
    ///
    /// Tested by `deposit.1.1-identity`. Hint: two `ctx.random.next()` give the 16 bytes; remember the hello in
    /// `registrations` and finish in `handleRegistered` (and in `identityTick`, which resends `register`).
    mutating func handleHello(request: UInt64, client: ClientID?, from sender: NodeID, _ ctx: inout DepositContext) throws {
        try todo("1.1")
    }

    /// Exercise 1.1 — a peer knows `client` now: welcome the hellos waiting for it once every live peer does.
    mutating func handleRegistered(_ client: ClientID, from peer: NodeID, _ ctx: inout DepositContext) throws {
        try todo("1.1")
    }

    /// Exercise 1.1 — on every tick while ids wait: send `register` again to the live peers that did not
    /// answer, and welcome those no live peer still owes an answer for (a peer that died owes none).
    mutating func identityTick(_ ctx: inout DepositContext) throws {
        try todo("1.1")
    }

    /// Welcomes the hellos waiting for `client` if every live peer knows it.
    private mutating func finishRegistration(_ client: ClientID, _ ctx: inout DepositContext) throws {
        try todo("1.1")
    }
}
