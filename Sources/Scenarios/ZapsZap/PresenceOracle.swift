import ZapsZapKit

/// Replays, for one member, every event that matters to presence in the order the simulator ran them —
/// its presence checks (timer `presence`), the datagrams it accepted, goodbyes, its crashes and restarts —
/// and derives exactly the presence changes it must report, and when.
struct PresenceOracle<Peer: ChatPeerNode> {
    let sim: ZapsZapScenarios.ZapSimulation
    let oracle: ChatOracle<Peer>
    /// Opens what members accepted (with the members' own `open`), to see who sent it and whether it said goodbye.
    let codec: MemberCodec<Peer>
    /// The members' `config.presenceTimeout`.
    let timeout: Duration

    /// The presence changes `observer` must have reported, with the reason of each.
    func expected(at observer: NodeID) throws(ScenarioFailure) -> [(time: Duration, event: ZapEvent, why: String)] {
        var receptions = oracle.refusals(at: observer)[...]
        var lastHeard: [NodeID: Duration] = [:], online: [NodeID: Bool] = [:]
        var changes: [(time: Duration, event: ZapEvent, why: String)] = []
        for event in sim.trace where event.node == observer {
            switch event.kind {
            case .crash, .restart:
                lastHeard = [:]
                online = [:]
            case .receive:
                guard let (record, refused) = receptions.popFirst(), refused == nil,
                      case let .success(opened) = try codec.open(record.message) else { continue }
                let sender = opened.header.sender
                if case .goodbye = opened.payload {
                    lastHeard[sender] = nil
                    if online[sender] == true {
                        online[sender] = false
                        changes.append((event.time, .presence(sender, online: false), "its goodbye arrived"))
                    }
                } else {
                    lastHeard[sender] = event.time
                }
            case .timerFired where event.detail == "presence":
                for member in Set(lastHeard.keys).union(online.keys).sorted() {
                    let heard = lastHeard[member]
                    let fresh = heard.map { event.time - $0 <= timeout } ?? false
                    guard fresh != (online[member] ?? false) else { continue }
                    online[member] = fresh
                    let why = heard.map { "last heard at \(time($0)), timeout \(timeout)" } ?? "not heard since its goodbye"
                    changes.append((event.time, .presence(member, online: fresh), "at the presence check; \(why)"))
                }
            default:
                break
            }
        }
        return changes
    }

    /// `observer` reported exactly the expected presence changes, at the expected instants, in order.
    func check(_ observer: NodeID) throws(ScenarioFailure) {
        let wanted = try expected(at: observer)
        let reported = sim.deliveries.filter { delivery in
            guard delivery.node == observer, case .presence = delivery.output else { return false }
            return true
        }
        for (index, want) in wanted.enumerated() {
            let got = index < reported.count ? reported[index] : nil
            try expect(got?.time == want.time && got?.output == want.event,
                       "\(observer) to report \"\(want.event)\" at \(time(want.time)) (\(want.why))",
                       observed: got.map { "\"\($0.output)\" at \(time($0.time))" } ?? "no more presence changes", trace: sim.trace)
        }
        try expect(reported.count == wanted.count, "\(observer) to report no other presence change",
                   observed: reported.dropFirst(wanted.count).prefix(3).map { "\"\($0.output)\" at \(time($0.time))" }.joined(separator: ", "),
                   trace: sim.trace)
    }
}
