import MessagingKit

/// Mutant: gives a read every entry its log holds, those no majority is known to hold included, so Alice may
/// show an entry that a later holder's log replaces: one line twice, another never. Caught by
/// `messaging.12.1-end-to-end`.
public struct ReadsUncommittedStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) { store = PersistenceStore(config: config) }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .persistence(.read(number, mailbox, from)) = message else { return try store.receive(message, from: sender, &ctx) }
        store.answerRead(number, mailbox: mailbox, from: from, entries: store.log.mailbox(mailbox), to: sender, &ctx)  // the bug: the whole log
    }
}
