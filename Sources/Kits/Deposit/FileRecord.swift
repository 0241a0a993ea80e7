/// What the cluster knows about one deposited file: whose it is, its name, its content and how many copies
/// it must have. Every server keeps every record (the catalog); the bytes live only on the file's holders.
public struct FileRecord: Hashable, Sendable, CustomStringConvertible, WireCodable {
    public var owner: ClientID
    public var name: String
    public var size: UInt64
    public var sha256: [UInt8]
    /// How many servers must hold a copy.
    public var replicas: Int
    /// Grows by one with each change of the file (new content or new count); the higher version wins.
    public var version: UInt64

    public init(owner: ClientID, name: String, size: UInt64, sha256: [UInt8], replicas: Int, version: UInt64) {
        self.owner = owner
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.replicas = replicas
        self.version = version
    }

    /// The file's key in the catalog: owner and name.
    public var key: FileKey { FileKey(owner: owner, name: name) }

    /// The name of the blob that holds this content on a server: the owner's id and the SHA-256 in hex.
    /// Two versions of a file have two blobs, so the old one stays readable until the new one is acknowledged.
    public var blobName: String { Self.blobName(owner: owner, sha256: sha256) }

    /// The blob name of `sha256` deposited by `owner`.
    public static func blobName(owner: ClientID, sha256: [UInt8]) -> String { "\(owner.hex)-\(sha256.hex)" }

    /// Whether this record replaces `other` (same key): a higher version, or the same version and a higher hash
    /// (two servers that took changes of one file at once agree on the winner), then more copies.
    public func supersedes(_ other: FileRecord) -> Bool {
        if version != other.version { return version > other.version }
        if sha256 != other.sha256 { return other.sha256.lexicographicallyPrecedes(sha256) }
        return replicas > other.replicas
    }

    public var description: String {
        "\(name.escapingControlCharacters) (\(size) bytes, sha256 \(sha256.hex.prefix(12))…, k=\(replicas), v\(version))"
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(owner); writer.write(name); writer.write(size); writer.writeRaw(sha256)
        writer.write(replicas); writer.write(version)
    }

    public init(from reader: inout WireReader) throws(WireError) {
        owner = try reader.read()
        name = try reader.readString(maxLength: FileName.maximumLength, field: "file name")
        if let problem = FileName.problem(with: name) { throw .invalidValue(field: "file name", reason: problem) }
        size = try reader.read()
        sha256 = Array(try reader.readRaw(count: 32, field: "sha256"))
        replicas = try reader.read()
        guard (1...DepositLimits.standard.maxReplicas).contains(replicas) else {
            throw .invalidValue(field: "replicas", reason: "\(replicas) is not in 1...\(DepositLimits.standard.maxReplicas)")
        }
        version = try reader.read()
    }
}

/// A file's key in the catalog: one name per owner.
public struct FileKey: Hashable, Comparable, Sendable {
    public let owner: ClientID
    public let name: String

    public init(owner: ClientID, name: String) {
        self.owner = owner
        self.name = name
    }

    public static func < (lhs: FileKey, rhs: FileKey) -> Bool { (lhs.owner, lhs.name) < (rhs.owner, rhs.name) }
}
