/// The bounds a deposit server holds every peer and client to, checked where values enter.
public struct DepositLimits: Sendable, Equatable {
    /// The most copies a file may ask for.
    public var maxReplicas: Int
    /// The largest file a client may deposit, in bytes.
    public var maxFileSize: UInt64
    /// The most bytes one piece of a transfer carries.
    public var pieceSize: Int
    /// How many pieces a pull asks for at once: the bytes in flight on one transfer are at most this many pieces.
    public var piecesInFlight: Int
    /// The most clients and files the cluster's catalog holds (a bigger catalog from a peer is refused).
    public var maxCatalogEntries: Int
    /// The most blobs one server reports holding in a heartbeat.
    public var maxInventory: Int
    /// The slowest pace, in bytes per second, a transfer is allowed: deadlines grow with a file's size at this
    /// rate, so a giant file is not failed for being big, and a small one barely waits longer.
    public var slowestRate: UInt64

    public init(maxReplicas: Int = 5, maxFileSize: UInt64 = 1 << 40, pieceSize: Int = 64 << 10, piecesInFlight: Int = 16,
                maxCatalogEntries: Int = 100_000, maxInventory: Int = 100_000, slowestRate: UInt64 = 8 << 20) {
        self.maxReplicas = maxReplicas
        self.maxFileSize = maxFileSize
        self.pieceSize = pieceSize
        self.piecesInFlight = max(1, piecesInFlight)
        self.maxCatalogEntries = maxCatalogEntries
        self.maxInventory = maxInventory
        self.slowestRate = max(1, slowestRate)
    }

    /// How long moving `size` bytes once takes at ``slowestRate``.
    public func timeToMove(_ size: UInt64) -> Duration {
        .seconds(size / slowestRate) + .nanoseconds(Int64((size % slowestRate) * 1_000_000_000 / slowestRate))
    }

    /// The limits every node of the kit uses.
    public static let standard = DepositLimits()
}
