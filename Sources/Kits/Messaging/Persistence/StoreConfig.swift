/// How a persistence store runs: the stores of the service and its clocks.
///
/// The times are the failure detector's and the permissions' (see `exercises/messaging.md`, step 11): a store
/// suspects a peer silent for ``suspectAfter``; a permission lets its holder be inside for at most ``lease``
/// after it asked, and the one who gave it counts it as possibly used for ``lease`` after giving it.
public struct StoreConfig: Sendable, Equatable {
    /// Every store of the service, this one included.
    public var stores: [NodeID]
    /// The longest ciphertext this store appends; a longer one is refused (``PersistenceRefusal/tooLarge(size:limit:)``).
    public var maxEntryBytes: Int
    public var heartbeatInterval: Duration = .milliseconds(100)
    public var suspectAfter: Duration = .milliseconds(600)
    public var lease: Duration = .seconds(2)
    /// How often a store asks again what it misses (a request copy, a log's end, an acknowledgement).
    public var retryInterval: Duration = .milliseconds(250)

    public init(stores: [NodeID], maxEntryBytes: Int = 4 << 10) {
        self.stores = stores
        self.maxEntryBytes = min(maxEntryBytes, PersistenceLimits.standard.maxEntryBytes)
    }

    /// A strict majority of the stores.
    public var majority: Int { stores.count / 2 + 1 }
}
