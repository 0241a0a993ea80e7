// Lab 2 — deposit: the contract shared by the skeleton, the solution and the graders. Given, not an exercise.

/// A client's identity: 128 random bits issued by a server on first contact, shown as UUID text
/// (`3f2a9c1e-07b4-4d5e-9a10-6c2f8e41b7d3`). Whoever knows it is that client, so it must not be guessable:
/// servers draw it from their random generator (the OS's secure one in real runs, the seeded one in simulation).
public struct ClientID: Hashable, Comparable, Sendable, CustomStringConvertible, WireCodable {
    /// The 16 bytes of the id, big-endian.
    public let bytes: [UInt8]

    /// An id from exactly 16 bytes; `nil` for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses UUID text: 32 hex digits in groups of 8-4-4-4-12 separated by `-`, either case; `nil` otherwise.
    public init?(_ text: String) {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.utf8.count) == [8, 4, 4, 4, 12] else { return nil }
        let digits = Array(groups.joined().utf8)
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// The 32 hex digits without separators: how blob names carry the owner.
    public var hex: String { bytes.hex }

    /// UUID text, lowercase.
    public var description: String {
        let digits = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }

    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public func encode(to writer: inout WireWriter) { writer.writeRaw(bytes) }
    public init(from reader: inout WireReader) throws(WireError) {
        bytes = Array(try reader.readRaw(count: 16, field: "client id"))
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
