/// Every message of the deposit protocol: clients and servers, servers among themselves, and the data plane.
///
/// Requests carry the client's `request` number, which answers echo. Servers coordinating a change name it by
/// a `transfer` number they draw. Bytes move by pulling: the receiver asks for each `piece` with `fetch`, so
/// a lost piece is asked again and nothing arrives that was not asked for.
public enum DepositMessage: Equatable, Sendable, CustomStringConvertible, WireCodable {
    // Client to server.
    /// First contact (`client == nil`: issue me an id) or a reconnect with the id issued before.
    case hello(request: UInt64, client: ClientID?)
    /// Keep `name` with `size` bytes whose SHA-256 is `sha256`, on `replicas` distinct servers.
    case deposit(request: UInt64, client: ClientID, name: String, size: UInt64, sha256: [UInt8], replicas: Int)
    /// Where can I read `name`?
    case recover(request: UInt64, client: ClientID, name: String)
    /// Which files do I have?
    case list(request: UInt64, client: ClientID)
    /// Keep `name` on `replicas` servers from now on.
    case setReplicas(request: UInt64, client: ClientID, name: String, replicas: Int)

    // Server to client.
    /// The client's id: the one issued now, or the one it came back with.
    case welcome(request: UInt64, client: ClientID)
    /// **ok**: the request holds (for a deposit: `replicas` servers keep a durable, verified copy).
    case done(request: UInt64)
    /// **failed**: nothing was changed, for `reason`.
    case refused(request: UInt64, reason: DepositRefusal)
    /// The client's files, with how many live copies each has now.
    case listing(request: UInt64, files: [ListedFile])
    /// `record` is the file asked for; `holders` keep its blob, `record.blobName` (fetch it from them).
    case found(request: UInt64, record: FileRecord, holders: [NodeID])

    // The data plane: any node to the one that has the bytes.
    /// Send me up to `count` bytes of `key` from `offset`: a blob on a server, an upload on a client.
    case fetch(key: String, offset: UInt64, count: Int)
    /// The bytes of `key` from `offset` (fewer than asked only at its end).
    case piece(key: String, offset: UInt64, bytes: [UInt8])
    /// I hold nothing under `key`.
    case absent(key: String)

    // Server to server.
    /// I am alive; my catalog's digest; the blobs I hold now.
    case heartbeat(catalogDigest: [UInt8], inventory: [String])
    /// Your catalog differs from mine: send it.
    case catalogPull
    /// A whole catalog, to merge.
    case catalogState(clients: [ClientID], records: [FileRecord])
    /// Know `client` (durably), then say `registered`.
    case register(client: ClientID)
    /// `client` is durably known here.
    case registered(client: ClientID)
    /// Hold a verified copy of `record`'s content: pull it from `source` under `key`, then say `stored`.
    case store(transfer: UInt64, record: FileRecord, source: NodeID, key: String)
    /// A durable, verified copy of blob `blob` is here (for `transfer`).
    case stored(transfer: UInt64, blob: String)
    /// No copy could be made here, for `reason`.
    case storeFailed(transfer: UInt64, reason: DepositRefusal)
    /// `record` is current: keep it durably, then say `committed`.
    case commit(transfer: UInt64, record: FileRecord)
    /// The record of `transfer` is durable here.
    case committed(transfer: UInt64)

    public var description: String {
        switch self {
        case let .hello(request, client): "HELLO #\(request) \(client.map(\.description) ?? "(new)")"
        case let .deposit(request, _, name, size, sha256, replicas):
            "DEPOSIT #\(request) \(name.escapingControlCharacters) \(size) B \(sha256.hex.prefix(8))… k=\(replicas)"
        case let .recover(request, _, name): "RECOVER #\(request) \(name.escapingControlCharacters)"
        case let .list(request, _): "LIST #\(request)"
        case let .setReplicas(request, _, name, replicas): "REPLICAS #\(request) \(name.escapingControlCharacters) k=\(replicas)"
        case let .welcome(request, client): "WELCOME #\(request) \(client)"
        case let .done(request): "DONE #\(request)"
        case let .refused(request, reason): "REFUSED #\(request) \(reason)"
        case let .listing(request, files): "LISTING #\(request) \(files.count) file(s)"
        case let .found(request, record, holders): "FOUND #\(request) \(record) at \(holders.map(\.description).joined(separator: ","))"
        case let .fetch(key, offset, count): "FETCH \(key.prefix(12))… @\(offset) +\(count)"
        case let .piece(key, offset, bytes): "PIECE \(key.prefix(12))… @\(offset) \(bytes.count) B"
        case let .absent(key): "ABSENT \(key.prefix(12))…"
        case let .heartbeat(digest, inventory): "HEARTBEAT \(digest.hex.prefix(8)) \(inventory.count) blob(s)"
        case .catalogPull: "CATALOG?"
        case let .catalogState(clients, records): "CATALOG \(clients.count) client(s) \(records.count) file(s)"
        case let .register(client): "REGISTER \(client)"
        case let .registered(client): "REGISTERED \(client)"
        case let .store(transfer, record, source, _): "STORE t\(transfer) \(record) from \(source)"
        case let .stored(transfer, blob): "STORED t\(transfer) \(blob.suffix(64).prefix(8))…"
        case let .storeFailed(transfer, reason): "STORE-FAILED t\(transfer) \(reason)"
        case let .commit(transfer, record): "COMMIT t\(transfer) \(record)"
        case let .committed(transfer): "COMMITTED t\(transfer)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .hello(request, client): writer.write(UInt8(1)); writer.write(request); writer.write(client)
        case let .deposit(request, client, name, size, sha256, replicas):
            writer.write(UInt8(2)); writer.write(request); writer.write(client); writer.write(name); writer.write(size)
            writer.writeRaw(sha256); writer.write(replicas)
        case let .recover(request, client, name): writer.write(UInt8(3)); writer.write(request); writer.write(client); writer.write(name)
        case let .list(request, client): writer.write(UInt8(4)); writer.write(request); writer.write(client)
        case let .setReplicas(request, client, name, replicas):
            writer.write(UInt8(5)); writer.write(request); writer.write(client); writer.write(name); writer.write(replicas)
        case let .welcome(request, client): writer.write(UInt8(6)); writer.write(request); writer.write(client)
        case let .done(request): writer.write(UInt8(7)); writer.write(request)
        case let .refused(request, reason): writer.write(UInt8(8)); writer.write(request); writer.write(reason)
        case let .listing(request, files): writer.write(UInt8(9)); writer.write(request); writer.write(files)
        case let .found(request, record, holders): writer.write(UInt8(10)); writer.write(request); writer.write(record); writer.write(holders)
        case let .fetch(key, offset, count): writer.write(UInt8(11)); writer.write(key); writer.write(offset); writer.write(count)
        case let .piece(key, offset, bytes): writer.write(UInt8(12)); writer.write(key); writer.write(offset); writer.writeBytes(bytes)
        case let .absent(key): writer.write(UInt8(13)); writer.write(key)
        case let .heartbeat(digest, inventory): writer.write(UInt8(14)); writer.writeRaw(digest); writer.write(inventory)
        case .catalogPull: writer.write(UInt8(15))
        case let .catalogState(clients, records): writer.write(UInt8(16)); writer.write(clients); writer.write(records)
        case let .register(client): writer.write(UInt8(17)); writer.write(client)
        case let .registered(client): writer.write(UInt8(18)); writer.write(client)
        case let .store(transfer, record, source, key):
            writer.write(UInt8(19)); writer.write(transfer); writer.write(record); writer.write(source); writer.write(key)
        case let .stored(transfer, blob): writer.write(UInt8(20)); writer.write(transfer); writer.write(blob)
        case let .storeFailed(transfer, reason): writer.write(UInt8(21)); writer.write(transfer); writer.write(reason)
        case let .commit(transfer, record): writer.write(UInt8(22)); writer.write(transfer); writer.write(record)
        case let .committed(transfer): writer.write(UInt8(23)); writer.write(transfer)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        let limits = DepositLimits.standard
        switch try reader.read(UInt8.self) {
        case 1: self = .hello(request: try reader.read(), client: try reader.read())
        case 2:
            self = .deposit(request: try reader.read(), client: try reader.read(), name: try Self.fileName(&reader),
                            size: try reader.read(), sha256: Array(try reader.readRaw(count: 32, field: "sha256")),
                            replicas: try reader.read())
        case 3: self = .recover(request: try reader.read(), client: try reader.read(), name: try Self.fileName(&reader))
        case 4: self = .list(request: try reader.read(), client: try reader.read())
        case 5: self = .setReplicas(request: try reader.read(), client: try reader.read(), name: try Self.fileName(&reader), replicas: try reader.read())
        case 6: self = .welcome(request: try reader.read(), client: try reader.read())
        case 7: self = .done(request: try reader.read())
        case 8: self = .refused(request: try reader.read(), reason: try reader.read())
        case 9: self = .listing(request: try reader.read(), files: try reader.readArray(maxCount: limits.maxCatalogEntries, field: "listing"))
        case 10:
            self = .found(request: try reader.read(), record: try reader.read(),
                          holders: try reader.readArray(maxCount: 64, field: "holders"))
        case 11: self = .fetch(key: try Self.key(&reader), offset: try reader.read(), count: try reader.read())
        case 12:
            let key = try Self.key(&reader), offset: UInt64 = try reader.read()
            let count = try reader.readLength(field: "piece", limit: limits.pieceSize)
            self = .piece(key: key, offset: offset, bytes: Array(try reader.readRaw(count: count, field: "piece")))
        case 13: self = .absent(key: try Self.key(&reader))
        case 14:
            let digest = Array(try reader.readRaw(count: 32, field: "catalog digest"))
            let count = try reader.readLength(field: "inventory", limit: limits.maxInventory)
            var inventory: [String] = []
            for _ in 0..<count { inventory.append(try Self.key(&reader)) }
            self = .heartbeat(catalogDigest: digest, inventory: inventory)
        case 15: self = .catalogPull
        case 16:
            self = .catalogState(clients: try reader.readArray(maxCount: limits.maxCatalogEntries, field: "clients"),
                                 records: try reader.readArray(maxCount: limits.maxCatalogEntries, field: "records"))
        case 17: self = .register(client: try reader.read())
        case 18: self = .registered(client: try reader.read())
        case 19: self = .store(transfer: try reader.read(), record: try reader.read(), source: try reader.read(), key: try Self.key(&reader))
        case 20: self = .stored(transfer: try reader.read(), blob: try Self.key(&reader))
        case 21: self = .storeFailed(transfer: try reader.read(), reason: try reader.read())
        case 22: self = .commit(transfer: try reader.read(), record: try reader.read())
        case 23: self = .committed(transfer: try reader.read())
        case let tag: throw .unknownTag(type: "DepositMessage", tag: UInt64(tag))
        }
    }

    /// A file name as a client sent it: at most 128 bytes of UTF-8, checked against ``FileName`` by the server,
    /// which answers a bad one with a typed refusal (`invalidName`) rather than dropping the request.
    private static func fileName(_ reader: inout WireReader) throws(WireError) -> String {
        try reader.readString(maxLength: FileName.maximumLength, field: "file name")
    }

    /// A blob or upload key: printable, at most 128 bytes.
    private static func key(_ reader: inout WireReader) throws(WireError) -> String {
        try reader.readText(maxLength: 128, field: "key")
    }
}

/// One line of a listing: a file and how many live servers hold its content now.
public struct ListedFile: Hashable, Sendable, WireCodable {
    public var record: FileRecord
    public var copies: Int

    public init(record: FileRecord, copies: Int) {
        self.record = record
        self.copies = copies
    }

    public func encode(to writer: inout WireWriter) { writer.write(record); writer.write(copies) }
    public init(from reader: inout WireReader) throws(WireError) {
        record = try reader.read()
        copies = try reader.read()
    }
}
