// Lab 0 — ping: who sends which message to whom, for the report's diagram and protocol table.

import LabKit

extension PingMessage {
    /// The ping lab's roles and messages; a test checks it names every case of ``PingMessage``.
    public static let architecture = LabArchitecture(
        roles: [.init("client", count: "N"), .init("server")],
        flows: [
            MessageFlow(PingMessage.ping(seq: 1, attempt: 1), from: "client", to: "server", channel: "UDP",
                        "the attempt-th try of ping number seq"),
            MessageFlow(PingMessage.pong(seq: 1, attempt: 1), from: "server", to: "client", channel: "UDP",
                        "the answer to exactly that try, echoing both numbers"),
        ])
}
