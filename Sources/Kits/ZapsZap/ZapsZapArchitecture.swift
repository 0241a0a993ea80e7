// Lab zapszap — who sends which payload to whom, for the report's diagram and protocol table.

import LabKit

extension ZapPayload {
    /// The chat lab's roles and payloads: every member is alike, so the diagram shows one member and the
    /// others. Every payload travels sealed in a ``ZapDatagram`` over UDP. A test checks it names every case
    /// of ``ZapPayload``.
    public static let architecture: LabArchitecture = {
        let digest = SyncDigest(clock: 0, heads: [])
        let line = ChatMessage(sender: "alice", seq: 1, lamport: 1, text: "hi")
        let udp = "UDP, sealed"
        return LabArchitecture(
            roles: [.init("member"), .init("other members", count: "N-1")],
            flows: [
                MessageFlow(ZapPayload.hello(digest), from: "member", to: "other members", channel: udp,
                            "I am (re)starting: here is what I hold (until one answers)"),
                MessageFlow(ZapPayload.members([]), from: "other members", to: "member", channel: udp,
                            "the members I have heard from, myself included"),
                MessageFlow(ZapPayload.chat(line), from: "member", to: "other members", channel: udp,
                            "a new line, sent once to each member (it may be lost)"),
                MessageFlow(ZapPayload.syncRequest(digest, reciprocate: true), from: "member", to: "other members", channel: udp,
                            "anti-entropy: here is what I hold, send me what I lack"),
                MessageFlow(ZapPayload.syncPage([]), from: "other members", to: "member", channel: udp,
                            "a page of the messages the requester lacks"),
                MessageFlow(ZapPayload.presence(members: []), from: "member", to: "other members", channel: udp,
                            "heartbeat, with the members the sender has heard from"),
                MessageFlow(ZapPayload.goodbye, from: "member", to: "other members", channel: udp, "I am leaving: show me offline"),
            ])
    }()
}
