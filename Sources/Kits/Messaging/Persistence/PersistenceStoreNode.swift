/// A persistence store: the node students write in steps 10 and 11 of the messaging lab.
///
/// Graders read the hooks below between events and never change the node.
public protocol PersistenceStoreNode: NodeLogic where Message == MessagingMessage, Output == MessagingEvent, Command == Never {
    /// A store of the service configured by `config`; it starts on `start`.
    init(config: StoreConfig)
    /// Whether this store is inside the critical section now: graders check after every event that no two are.
    var inCriticalSection: Bool { get }
    /// The store's log as it holds it now (its mailboxes are views of it).
    var log: StoreLog { get }
}
