/// The bounds a deposit server holds every peer and client to, checked where values enter.
public struct DepositLimits: Sendable, Equatable {
    /// The most copies a file may ask for.
    public var maxReplicas: Int
    /// The largest file a client may deposit, in bytes.
    public var maxFileSize: UInt64
    /// The most bytes one piece of a transfer carries.
    public var pieceSize: Int
    /// The most clients and files the cluster's catalog holds (a bigger catalog from a peer is refused).
    public var maxCatalogEntries: Int
    /// The most blobs one server reports holding in a heartbeat.
    public var maxInventory: Int

    public init(maxReplicas: Int = 5, maxFileSize: UInt64 = 1 << 40, pieceSize: Int = 64 << 10,
                maxCatalogEntries: Int = 100_000, maxInventory: Int = 100_000) {
        self.maxReplicas = maxReplicas
        self.maxFileSize = maxFileSize
        self.pieceSize = pieceSize
        self.maxCatalogEntries = maxCatalogEntries
        self.maxInventory = maxInventory
    }

    /// The limits every node of the kit uses.
    public static let standard = DepositLimits()
}
