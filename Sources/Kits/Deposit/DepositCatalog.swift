/// What every server knows about the cluster's clients and files, kept durably and merged between servers:
/// the records of who owns what, each file's version and its copy count. Given, not an exercise.
///
/// Merging is a union of clients and, per file, the record that ``FileRecord/supersedes(_:)`` the other, so
/// two catalogs that saw the same records agree whatever the order they saw them in.
public struct DepositCatalog: Sendable, Equatable {
    public private(set) var clients: Set<ClientID> = []
    public private(set) var records: [FileKey: FileRecord] = [:]

    public init() {}

    /// The catalog a server persisted through ``add(_:in:)`` and ``merge(_:in:)``, read back from its storage.
    public init(storage: [String: [UInt8]]) {
        for (key, value) in storage {
            if key.hasPrefix(Self.clientPrefix), let id = try? ClientID.decode(value) { clients.insert(id) }
            if key.hasPrefix(Self.filePrefix), let record = try? FileRecord.decode(value) { records[record.key] = record }
        }
    }

    /// The record of `owner`'s file `name`, if any.
    public func record(owner: ClientID, name: String) -> FileRecord? { records[FileKey(owner: owner, name: name)] }

    /// `owner`'s files, by name.
    public func files(of owner: ClientID) -> [FileRecord] {
        records.values.filter { $0.owner == owner }.sorted { $0.name < $1.name }
    }

    /// Knows `client` from now on, durably; returns whether it was new.
    @discardableResult
    public mutating func add<Output>(_ client: ClientID, in ctx: inout NodeContext<DepositMessage, Output>) -> Bool {
        guard clients.insert(client).inserted else { return false }
        ctx.persist(client.encoded(), forKey: Self.clientPrefix + client.hex)
        return true
    }

    /// Keeps `record` durably if it supersedes the one held for its file (or there is none); returns whether it did.
    @discardableResult
    public mutating func merge<Output>(_ record: FileRecord, in ctx: inout NodeContext<DepositMessage, Output>) -> Bool {
        if let held = records[record.key], !record.supersedes(held) { return false }
        records[record.key] = record
        ctx.persist(record.encoded(), forKey: Self.storageKey(of: record.key))
        return true
    }

    /// Merges a peer's whole catalog, durably, as far as `limit` entries allow.
    public mutating func merge<Output>(clients: [ClientID], records: [FileRecord], limit: Int, in ctx: inout NodeContext<DepositMessage, Output>) {
        for client in clients where self.clients.count < limit { add(client, in: &ctx) }
        for record in records where self.records.count < limit || self.records[record.key] != nil { merge(record, in: &ctx) }
    }

    /// The SHA-256 of the catalog in a canonical order: equal on servers that agree.
    public var digest: [UInt8] {
        var hash = SHA256()
        for client in clients.sorted() { hash.update(client.bytes) }
        for key in records.keys.sorted() { hash.update(records[key]!.encoded()) }
        return hash.finalize()
    }

    /// The storage key under which a server keeps the record of the file `key`: graders read it between events.
    public static func storageKey(of key: FileKey) -> String {
        filePrefix + key.owner.hex + "/" + key.name.utf8.map { String($0, radix: 16) }.joined()
    }

    static let clientPrefix = "client/"
    static let filePrefix = "file/"
}
