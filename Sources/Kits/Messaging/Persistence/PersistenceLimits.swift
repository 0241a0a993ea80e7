/// The bounds of the persistence protocol, checked where values enter (decoders) and where they are kept.
public struct PersistenceLimits: Sendable, Equatable {
    /// The longest ciphertext one append carries on the wire, in bytes (a store may accept less: ``StoreConfig``).
    public var maxEntryBytes: Int
    /// The most entries a store's log holds.
    public var maxLogEntries: Int
    /// The most entries one message carries.
    public var maxEntriesPerMessage: Int
    /// The longest mailbox name, in bytes.
    public var maxMailboxLength: Int
    /// The most stores a service has.
    public var maxStores: Int

    /// The limits every node of the kit uses.
    public static let standard = PersistenceLimits(maxEntryBytes: 16 << 10, maxLogEntries: 100_000, maxEntriesPerMessage: 64,
                                                   maxMailboxLength: 64, maxStores: 16)
}
