/// A value with a compact binary form, so that nodes exchange typed messages and nobody hand-parses bytes.
///
/// Conform by writing fields in order and reading them back in the same order:
/// ```swift
/// struct Chunk: WireCodable {
///     var index: UInt32
///     var bytes: [UInt8]
///     func encode(to writer: inout WireWriter) { writer.write(index); writer.write(bytes) }
///     init(from reader: inout WireReader) throws(WireError) {
///         index = try reader.read(); bytes = try reader.read()
///     }
/// }
/// let copy = try Chunk.decode(chunk.encoded())
/// ```
public protocol WireCodable {
    /// Appends this value's bytes to `writer`.
    func encode(to writer: inout WireWriter)
    /// Reads one value from `reader`, or throws a ``WireError`` naming the field that failed.
    init(from reader: inout WireReader) throws(WireError)
}

extension WireCodable {
    /// This value's bytes.
    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes exactly one value from `bytes`; leftover bytes are an error (``WireError/trailingBytes(type:count:)``).
    public static func decode(_ bytes: some Collection<UInt8>, limits: WireLimits = .standard) throws(WireError) -> Self {
        let array = Array(bytes)
        var reader = WireReader(array, limits: limits)
        let value = try Self(from: &reader)
        if reader.remaining > 0 {
            throw .trailingBytes(type: String(describing: Self.self), count: reader.remaining)
        }
        return value
    }
}

/// Bounds a decoder enforces before it allocates anything, so hostile input cannot exhaust memory.
public struct WireLimits: Sendable, Equatable {
    /// The most bytes a single string or byte field may announce.
    public var maxBytes: Int
    /// The most elements a single array or dictionary may announce.
    public var maxElements: Int

    public init(maxBytes: Int, maxElements: Int) {
        self.maxBytes = maxBytes
        self.maxElements = maxElements
    }

    /// 16 MiB fields and one million elements: generous for lab messages, small enough to be safe.
    public static let standard = WireLimits(maxBytes: 16 << 20, maxElements: 1 << 20)
}
