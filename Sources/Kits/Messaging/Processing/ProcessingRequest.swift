// Lab messaging, phase 2 — what a client asks of the processing service: given, not an exercise.

/// A request's identity, chosen by its client: the client's id and the request's number. A retry carries the
/// same id, so a replica that executed it answers from its results instead of executing it again.
public struct RequestID: Hashable, Comparable, Sendable, CustomStringConvertible, WireCodable {
    /// A 64-bit id the client drew at random: two clients pick the same one only by accident (or malice).
    public var client: UInt64
    /// The client's count of its requests, from 1.
    public var number: UInt64

    public init(client: UInt64, number: UInt64) {
        self.client = client
        self.number = number
    }

    public var description: String { "\(String(client, radix: 16))#\(number)" }
    public static func < (lhs: RequestID, rhs: RequestID) -> Bool { (lhs.client, lhs.number) < (rhs.client, rhs.number) }
    public func encode(to writer: inout WireWriter) { writer.write(client); writer.write(number) }
    public init(from reader: inout WireReader) throws(WireError) {
        client = try reader.read()
        number = try reader.read()
    }
}

/// What a request asks the service to do with Alice's key.
public enum Operation: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// OAEP-encrypt `plaintext` under Alice's public key (what Bob asks).
    case encrypt([UInt8])
    /// OAEP-decrypt `ciphertext` with Alice's private key (what Alice asks).
    case decrypt([UInt8])

    /// The most bytes an operation carries: a ciphertext of an 8,192-bit key.
    public static let maximumBytes = 1_024

    public var description: String {
        switch self {
        case let .encrypt(bytes): "encrypt \(bytes.count) B"
        case let .decrypt(bytes): "decrypt \(bytes.count) B"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .encrypt(bytes): writer.write(UInt8(1)); writer.writeBytes(bytes)
        case let .decrypt(bytes): writer.write(UInt8(2)); writer.writeBytes(bytes)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        let tag = try reader.read(UInt8.self)
        let count = try reader.readLength(field: "operation bytes", limit: Self.maximumBytes)
        let bytes = Array(try reader.readRaw(count: count, field: "operation bytes"))
        switch tag {
        case 1: self = .encrypt(bytes)
        case 2: self = .decrypt(bytes)
        default: throw .unknownTag(type: "Operation", tag: UInt64(tag))
        }
    }
}

/// One request as a client sends it: its id, the secret that proves the client owns that id, the operation.
///
/// A client's first executed request registers its `secret` with its id (on every replica alike, in the total
/// order); a later request under the same id with another secret is another client reusing the id, answered
/// ``ProcessingError/clientIDTaken`` and executed as nothing else. Results are kept under id and secret, so an
/// impostor never reads the owner's answers nor spoils its request numbers.
public struct ProcessingRequest: Hashable, Sendable, CustomStringConvertible, WireCodable {
    public var id: RequestID
    /// 16 random bytes the client drew once; never shown to another client.
    public var secret: [UInt8]
    public var operation: Operation

    /// The size of ``secret``.
    public static let secretLength = 16

    public init(id: RequestID, secret: [UInt8], operation: Operation) {
        self.id = id
        self.secret = secret
        self.operation = operation
    }

    /// The key results are kept and deduplicated under: the id and the secret together.
    public var key: RequestKey { RequestKey(id: id, secret: secret) }

    public var description: String { "\(id) \(operation)" }
    public func encode(to writer: inout WireWriter) { writer.write(id); writer.writeRaw(secret); writer.write(operation) }
    public init(from reader: inout WireReader) throws(WireError) {
        id = try reader.read()
        secret = Array(try reader.readRaw(count: Self.secretLength, field: "secret"))
        operation = try reader.read()
    }
}

/// A request id with the secret of the client that sent it: two clients that picked the same id stay apart.
public struct RequestKey: Hashable, Sendable {
    public var id: RequestID
    public var secret: [UInt8]

    public init(id: RequestID, secret: [UInt8]) {
        self.id = id
        self.secret = secret
    }
}

/// Why the service did not do what a request asked: an answer, the same from every replica.
public enum ProcessingError: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// The ciphertext does not decrypt under Alice's key (one error, whatever check failed).
    case undecryptable
    /// The plaintext has `bytes` bytes; Alice's key carries at most `limit`.
    case tooLong(bytes: Int, limit: Int)
    /// Another client registered this client id first: pick another id.
    case clientIDTaken

    public var description: String {
        switch self {
        case .undecryptable: "the ciphertext does not decrypt"
        case let .tooLong(bytes, limit): "\(bytes) bytes is longer than the key carries (\(limit))"
        case .clientIDTaken: "another client uses this client id"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .undecryptable: writer.write(UInt8(1))
        case let .tooLong(bytes, limit): writer.write(UInt8(2)); writer.write(bytes); writer.write(limit)
        case .clientIDTaken: writer.write(UInt8(3))
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .undecryptable
        case 2: self = .tooLong(bytes: try reader.read(), limit: try reader.read())
        case 3: self = .clientIDTaken
        case let tag: throw .unknownTag(type: "ProcessingError", tag: UInt64(tag))
        }
    }
}

/// What executing a request gave: the bytes asked for, or why not.
public enum ProcessingResult: Hashable, Sendable, CustomStringConvertible, WireCodable {
    /// The output: a ciphertext for an encryption, a plaintext for a decryption.
    case output([UInt8])
    case failed(ProcessingError)

    public var description: String {
        switch self {
        case let .output(bytes): "\(bytes.count) B \(Array(bytes.prefix(6)).hex)…"
        case let .failed(error): "failed: \(error)"
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .output(bytes): writer.write(UInt8(1)); writer.writeBytes(bytes)
        case let .failed(error): writer.write(UInt8(2)); writer.write(error)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1:
            let count = try reader.readLength(field: "output", limit: Operation.maximumBytes)
            self = .output(Array(try reader.readRaw(count: count, field: "output")))
        case 2: self = .failed(try reader.read())
        case let tag: throw .unknownTag(type: "ProcessingResult", tag: UInt64(tag))
        }
    }
}
