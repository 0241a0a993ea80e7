// Lab messaging, phase 4 — how Bob and Alice find the services: given, not an exercise.

/// What Bob and Alice know: the processors and the stores (any of each may be down), Alice's mailbox, and
/// how often they ask again.
public struct UserConfig: Sendable {
    /// Every processor of the processing service.
    public var processors: [NodeID]
    /// Every store of the persistence service.
    public var stores: [NodeID]
    /// The mailbox Bob writes to and Alice reads.
    public var mailbox: String
    /// How long a request to the processing service waits for a reply before it is sent again.
    public var processingRetry: Duration = .milliseconds(200)
    /// How long a request to a store waits before it goes to the next store.
    public var storeRetry: Duration = .milliseconds(400)
    /// How often Alice reads her mailbox when it had nothing new.
    public var poll: Duration = .milliseconds(100)
    /// How many requests Bob or Alice has out at the processing service at once: bounds the requests they send
    /// again on every retry, and what Alice holds.
    public var window: Int = 16

    public init(processors: [NodeID], stores: [NodeID], mailbox: String = "alice") {
        self.processors = processors
        self.stores = stores
        self.mailbox = mailbox
    }
}
