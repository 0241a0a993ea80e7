/// A lab's roles and the messages between them, declared once beside the lab's messages: the report draws its
/// architecture diagram and protocol table from it, and a test checks that it names every case of every
/// message type the lab declares, so it cannot drift from the contract.
/// ```swift
/// LabArchitecture(roles: [.init("client"), .init("server")],
///                 flows: [MessageFlow(PingMessage.ping(seq: 1, attempt: 1), from: "client", to: "server", "one try of a ping")])
/// ```
public struct LabArchitecture: Sendable {
    /// One kind of node (or process) of the lab.
    public struct Role: Sendable, Equatable {
        /// The role's name as the lab says it (`tracker`, `peer`).
        public let name: String
        /// How many of it a typical run has (`1`, `N`), drawn under the name.
        public let count: String

        public init(_ name: String, count: String = "1") {
            self.name = name
            self.count = count
        }
    }

    /// The roles, left to right as the diagram draws them.
    public let roles: [Role]
    /// Every message, in the order the protocol table lists them.
    public let flows: [MessageFlow]
    /// The message types whose every case `flows` must name, by their Swift names.
    public let messageTypes: [String]

    public init(roles: [Role], flows: [MessageFlow]) {
        precondition(flows.allSatisfy { flow in roles.contains { $0.name == flow.from } && roles.contains { $0.name == flow.to } },
                     "every flow goes between declared roles: \(flows.map { "\($0.from)→\($0.to)" })")
        self.roles = roles
        self.flows = flows
        var types: [String] = []
        for flow in flows where !types.contains(flow.type) { types.append(flow.type) }
        messageTypes = types
    }
}
