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
        try Exercise.begin("1.1")
        let key = RequestKey(node: sender, request: request)
        if let client {
            ctx.send(catalog.clients.contains(client) ? .welcome(request: request, client: client)
                                                       : .refused(request: request, reason: .unknownClient), to: sender)
            return
        }
        guard !registrations.values.contains(where: { $0.waiting.contains(key) }) else { return }
        var bytes: [UInt8] = []
        for _ in 0..<2 { withUnsafeBytes(of: ctx.random.next().bigEndian) { bytes.append(contentsOf: $0) } }
        let id = ClientID(bytes: bytes)!
        catalog.add(id, in: &ctx)
        registrations[id] = Registration(waiting: [key])
        for peer in membership.live(at: ctx.now) where peer != ctx.id { ctx.send(.register(client: id), to: peer) }
        try finishRegistration(id, &ctx)
        // end exercise 1.1
    }

    /// Exercise 1.1 — a peer knows `client` now: welcome the hellos waiting for it once every live peer does.
    mutating func handleRegistered(_ client: ClientID, from peer: NodeID, _ ctx: inout DepositContext) throws {
        try Exercise.begin("1.1")
        registrations[client]?.acked.insert(peer)
        try finishRegistration(client, &ctx)
        // end exercise 1.1
    }

    /// Exercise 1.1 — on every tick while ids wait: send `register` again to the live peers that did not
    /// answer, and welcome those no live peer still owes an answer for (a peer that died owes none).
    mutating func identityTick(_ ctx: inout DepositContext) throws {
        try Exercise.begin("1.1")
        for (client, registration) in registrations {
            for peer in membership.live(at: ctx.now) where peer != ctx.id && !registration.acked.contains(peer) {
                ctx.send(.register(client: client), to: peer)
            }
            try finishRegistration(client, &ctx)
        }
        // end exercise 1.1
    }

    /// Welcomes the hellos waiting for `client` if every live peer knows it.
    private mutating func finishRegistration(_ client: ClientID, _ ctx: inout DepositContext) throws {
        try Exercise.begin("1.1")
        guard let registration = registrations[client],
              membership.live(at: ctx.now).allSatisfy({ $0 == ctx.id || registration.acked.contains($0) }) else { return }
        registrations[client] = nil
        for key in registration.waiting { answer(.welcome(request: key.request, client: client), to: key, &ctx) }
        // end exercise 1.1
    }
}
