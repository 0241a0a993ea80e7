import LabKit
import Testing
import PingKit

@Suite struct WireCodecTests {
    // MARK: Round trips

    @Test("unsigned integers round-trip at their bounds and in between")
    func unsignedRoundTrip() {
        for value: UInt8 in [0, 1, 127, 128, 254, .max] { expectRoundTrip(value) }
        for value: UInt16 in [0, 127, 128, 16_383, 16_384, 65_534, .max] { expectRoundTrip(value) }
        for value: UInt32 in [0, 127, 128, 1 << 21, 1 << 28, .max - 1, .max] { expectRoundTrip(value) }
        for value: UInt64 in [0, 127, 128, 1 << 35, 1 << 63, .max - 1, .max] { expectRoundTrip(value) }
    }

    @Test("signed integers round-trip, negative values and both extremes included")
    func signedRoundTrip() {
        for value: Int64 in [0, 1, -1, 63, -64, 64, -65, 1 << 40, -(1 << 40), .max, .min, .max - 1, .min + 1] {
            expectRoundTrip(value)
        }
        for value: Int in [0, 1, -1, 1_000_000, -1_000_000, .max, .min] { expectRoundTrip(value) }
    }

    @Test("random integers of every width round-trip", arguments: [1, 2, 3] as [UInt64])
    func randomIntegersRoundTrip(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<2_000 {
            let raw = randomWidth(&random)  // every varint length, not just 10-byte ones
            expectRoundTrip(raw, "seed \(seed)")
            expectRoundTrip(Int64(bitPattern: raw), "seed \(seed)")
            expectRoundTrip(UInt32(truncatingIfNeeded: raw), "seed \(seed)")
            expectRoundTrip(UInt16(truncatingIfNeeded: raw), "seed \(seed)")
            expectRoundTrip(UInt8(truncatingIfNeeded: raw), "seed \(seed)")
            expectRoundTrip(Int(truncatingIfNeeded: raw), "seed \(seed)")
        }
    }

    @Test("booleans round-trip as one byte")
    func boolRoundTrip() {
        #expect(true.encoded() == [1])
        #expect(false.encoded() == [0])
        expectRoundTrip(true)
        expectRoundTrip(false)
    }

    @Test("strings round-trip as UTF-8 with a length prefix", arguments: [
        "", "a", "hello, world", "é", "日本語のテキスト", "👩‍👩‍👧‍👦 family", "🙂", "\u{0}nul inside", "ß\u{301}",
        String(repeating: "x", count: 200), String(repeating: "é", count: 100),
    ])
    func stringRoundTrip(text: String) {
        expectRoundTrip(text)
        #expect(text.encoded() == varintBytes(UInt64(text.utf8.count)) + Array(text.utf8))
    }

    @Test("optionals round-trip with a presence byte, nested ones included")
    func optionalRoundTrip() {
        expectRoundTrip(UInt32?.none)
        expectRoundTrip(UInt32?.some(7))
        expectRoundTrip(String?.some(""))
        expectRoundTrip(UInt8??.some(.none))
        expectRoundTrip(UInt8??.some(.some(0)))
        expectRoundTrip(UInt8??.none)
        #expect(UInt32?.none.encoded() == [0])
        #expect(UInt32?.some(7).encoded() == [1, 7])
        #expect(UInt8??.some(.none).encoded() == [1, 0])
    }

    @Test("arrays round-trip, empty and nested ones included")
    func arrayRoundTrip() {
        expectRoundTrip([UInt8]())
        expectRoundTrip([UInt8](0...255))
        expectRoundTrip([[UInt64]]())
        expectRoundTrip([[UInt64]]([[], [0], [1, 2, .max]]))
        expectRoundTrip([[String]]([["a", ""], [], ["🙂"]]))
        expectRoundTrip([String?](["x", nil, ""]))
        expectRoundTrip([[[Bool]]]([[[true], []], [[false, true]]]))
        #expect([[UInt8]]([[], [5]]).encoded() == [2, 0, 1, 5])
    }

    @Test("durations round-trip as whole nanoseconds", arguments: [
        Duration.zero, .nanoseconds(1), .nanoseconds(-1), .milliseconds(250), .milliseconds(-250), .seconds(3),
        .seconds(-86_400), .nanoseconds(Int64.max), .nanoseconds(Int64.min),
    ])
    func durationRoundTrip(duration: Duration) {
        expectRoundTrip(duration)
    }

    @Test("durations beyond the Int64 range of nanoseconds saturate instead of wrapping", arguments: [
        (Duration.seconds(9_223_372_036) + .milliseconds(900), Int64.max),
        (Duration.seconds(-9_223_372_036) - .milliseconds(900), Int64.min),
        (Duration.seconds(Int64.max), Int64.max),
        (Duration.seconds(Int64.min), Int64.min),
    ])
    func durationSaturates(duration: Duration, nanoseconds: Int64) throws {
        #expect(duration.nanoseconds == nanoseconds)
        #expect(try Duration.decode(duration.encoded()) == .nanoseconds(nanoseconds))
    }

    @Test("node IDs and ping messages round-trip")
    func contractRoundTrip() {
        for id: NodeID in ["server", "client-2", "ノード"] { expectRoundTrip(id) }
        let messages: [PingMessage] = [
            .ping(seq: 1, attempt: 1), .pong(seq: 1, attempt: 1), .ping(seq: 0, attempt: 0),
            .ping(seq: .max, attempt: .max), .pong(seq: 300, attempt: 20),
        ]
        for message in messages { expectRoundTrip(message) }
    }

    @Test("ping messages have the documented bytes: a tag, then seq and attempt as varints")
    func pingBytes() {
        #expect(PingMessage.ping(seq: 1, attempt: 2).encoded() == [1, 1, 2])
        #expect(PingMessage.pong(seq: 300, attempt: 1).encoded() == [2, 0xAC, 0x02, 1])
    }

    @Test("signed integers are zigzag-encoded, so small negative numbers stay small")
    func zigzagBytes() {
        #expect(Int64(0).encoded() == [0])
        #expect(Int64(-1).encoded() == [1])
        #expect(Int64(1).encoded() == [2])
        #expect(Int64(-64).encoded() == [127])
        #expect(Int64(64).encoded() == [0x80, 0x01])
        #expect(Int64.max.encoded() == varintBytes(.max - 1))
        #expect(Int64.min.encoded() == varintBytes(.max))
    }

    // MARK: Varints

    @Test("varints take the expected number of bytes at each boundary", arguments: [
        (UInt64(0), 1), (127, 1), (128, 2), (16_383, 2), (16_384, 3), (2_097_151, 3), (2_097_152, 4),
        (UInt64(UInt32.max), 5), (1 << 63 - 1, 9), (1 << 63, 10), (.max, 10),
    ])
    func varintLength(value: UInt64, length: Int) {
        let bytes = value.encoded()
        #expect(bytes.count == length)
        #expect(bytes == varintBytes(value))
        #expect(bytes.dropLast().allSatisfy { $0 & 0x80 != 0 } && bytes.last! & 0x80 == 0, "continuation bits of \(bytes)")
    }

    // MARK: Malformed input

    @Test("out-of-range and malformed input gives exactly the expected error", arguments: MalformedInput.all)
    func malformed(_ input: MalformedInput) {
        #expect(input.decode() == input.expected, "bytes \(input.bytes)")
    }

    @Test("a complete value followed by extra bytes is rejected with trailingBytes", arguments: [1, 2, 9])
    func trailingBytes(extra: Int) {
        let tail = [UInt8](repeating: 0, count: extra)
        #expect(throws: WireError.trailingBytes(type: "UInt32", count: extra)) { try UInt32.decode(UInt32(5).encoded() + tail) }
        #expect(throws: WireError.trailingBytes(type: "PingMessage", count: extra)) {
            try PingMessage.decode(PingMessage.ping(seq: 1, attempt: 1).encoded() + tail)
        }
        #expect(throws: WireError.trailingBytes(type: "Array<String>", count: extra)) { try [String].decode(["a"].encoded() + tail) }
    }

    // MARK: Limits

    @Test("a count of 2^60 in a 12-byte input fails with lengthTooLarge before anything is allocated")
    func hugeAnnouncedCount() {
        let header = varintBytes(1 << 60)
        let input = header + [UInt8](repeating: 0x41, count: 12 - header.count)
        #expect(input.count == 12)
        let limits = WireLimits.standard
        #expect(throws: WireError.lengthTooLarge(field: "[String]", length: 1 << 60, limit: limits.maxElements)) {
            try [String].decode(input)
        }
        #expect(throws: WireError.lengthTooLarge(field: "[UInt8]", length: 1 << 60, limit: limits.maxElements)) {
            try [UInt8].decode(input)
        }
        #expect(throws: WireError.lengthTooLarge(field: "String", length: 1 << 60, limit: limits.maxBytes)) {
            try String.decode(input)
        }
        // Reading the raw byte field goes through the same check.
        var reader = WireReader(input)
        #expect(throws: WireError.lengthTooLarge(field: "payload", length: 1 << 60, limit: limits.maxBytes)) {
            try reader.readBytes(field: "payload")
        }
    }

    @Test("a count within the limit but beyond the input is truncated before any storage is reserved")
    func countBeyondInput() {
        let input = varintBytes(1_000_000) + [1, 2]
        #expect(throws: WireError.truncated(field: "[UInt64]", needed: 1_000_000, available: 2)) { try [UInt64].decode(input) }
        #expect(throws: WireError.truncated(field: "String", needed: 1_000_000, available: 2)) { try String.decode(input) }
    }

    @Test("custom limits accept a field at the limit and reject one just past it")
    func customLimits() throws {
        let limits = WireLimits(maxBytes: 8, maxElements: 4)
        let atLimit = String(repeating: "z", count: 8)
        #expect(try String.decode(atLimit.encoded(), limits: limits) == atLimit)
        #expect(throws: WireError.lengthTooLarge(field: "String", length: 9, limit: 8)) {
            try String.decode((atLimit + "z").encoded(), limits: limits)
        }
        #expect(try [UInt8].decode([UInt8](repeating: 1, count: 4).encoded(), limits: limits).count == 4)
        #expect(throws: WireError.lengthTooLarge(field: "[UInt8]", length: 5, limit: 4)) {
            try [UInt8].decode([UInt8](repeating: 1, count: 5).encoded(), limits: limits)
        }
        // Limits apply to every nested field, not only the outermost one.
        #expect(throws: WireError.lengthTooLarge(field: "String", length: 9, limit: 8)) {
            try [String].decode(["ok", atLimit + "!"].encoded(), limits: limits)
        }
        #expect(throws: WireError.lengthTooLarge(field: "[UInt8]", length: 5, limit: 4)) {
            try [[UInt8]].decode([[1], [1, 2, 3, 4, 5]].encoded(), limits: limits)
        }
    }

    @Test("errors print as sentences a student can act on")
    func errorDescriptions() {
        #expect(WireError.frameTooLarge(length: 9_000_000, limit: 1_048_576).description
            == "frame of 9000000 bytes exceeds the limit of 1048576 bytes")
        #expect(WireError.truncated(field: "UInt8", needed: 1, available: 0).description
            == "truncated input: UInt8 needs 1 bytes but only 0 remain")
        #expect(WireError.unknownTag(type: "PingMessage", tag: 9).description == "unknown PingMessage tag 9")
    }
}

/// One malformed input, the decoder to feed it to, and the one error it must produce.
struct MalformedInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: WireError?
    private let decoder: @Sendable ([UInt8]) -> WireError?

    var testDescription: String { name }

    /// The error `bytes` produced, or `nil` if they decoded.
    func decode() -> WireError? { decoder(bytes) }

    static func decoding<T: WireCodable & Sendable>(_ type: T.Type, _ name: String, _ bytes: [UInt8], expect expected: WireError) -> MalformedInput {
        MalformedInput(name: name, bytes: bytes, expected: expected) { bytes in
            do throws(WireError) {
                _ = try T.decode(bytes)
                return nil
            } catch {
                return error
            }
        }
    }

    static let all: [MalformedInput] = [
        .decoding(UInt16.self, "UInt16 varint of 65536", varintBytes(65_536),
                  expect: .invalidValue(field: "UInt16", reason: "65536 is out of range")),
        .decoding(UInt32.self, "UInt32 varint of 2^32", varintBytes(1 << 32),
                  expect: .invalidValue(field: "UInt32", reason: "4294967296 is out of range")),
        .decoding(Bool.self, "Bool byte 2", [2], expect: .invalidValue(field: "Bool", reason: "byte 2 is neither 0 nor 1")),
        .decoding(Bool.self, "Bool byte 255", [255], expect: .invalidValue(field: "Bool", reason: "byte 255 is neither 0 nor 1")),
        .decoding(UInt8?.self, "optional presence byte 7", [7, 1],
                  expect: .invalidValue(field: "Optional", reason: "presence byte 7 is neither 0 nor 1")),
        .decoding(PingMessage.self, "PingMessage tag 0", [0, 1, 1], expect: .unknownTag(type: "PingMessage", tag: 0)),
        .decoding(PingMessage.self, "PingMessage tag 3", [3, 1, 1], expect: .unknownTag(type: "PingMessage", tag: 3)),
        .decoding(PingMessage.self, "PingMessage tag 255", [255], expect: .unknownTag(type: "PingMessage", tag: 255)),
        .decoding(UInt64.self, "11-byte varint", [UInt8](repeating: 0x80, count: 10) + [0x00],
                  expect: .invalidValue(field: "UInt64", reason: "varint overflows 64 bits")),
        .decoding(UInt64.self, "10-byte varint above 2^64", [UInt8](repeating: 0xFF, count: 9) + [0x02],
                  expect: .invalidValue(field: "UInt64", reason: "varint overflows 64 bits")),
        .decoding(Int64.self, "11-byte zigzag varint", [UInt8](repeating: 0xFF, count: 10) + [0x01],
                  expect: .invalidValue(field: "Int64", reason: "varint overflows 64 bits")),
        .decoding(UInt64.self, "varint cut after a continuation byte", [0x80], expect: .truncated(field: "UInt64", needed: 1, available: 0)),
        .decoding(UInt8.self, "empty input for UInt8", [], expect: .truncated(field: "UInt8", needed: 1, available: 0)),
        .decoding(String.self, "string shorter than its length", [5, 0x61, 0x62], expect: .truncated(field: "String", needed: 5, available: 2)),
        .decoding(String.self, "invalid UTF-8: bad continuation", [2, 0xC3, 0x28], expect: .invalidUTF8(field: "String")),
        .decoding(String.self, "invalid UTF-8: lone continuation byte", [1, 0x80], expect: .invalidUTF8(field: "String")),
        .decoding(String.self, "invalid UTF-8: overlong NUL", [2, 0xC0, 0x80], expect: .invalidUTF8(field: "String")),
        .decoding(String.self, "invalid UTF-8: UTF-16 surrogate", [3, 0xED, 0xA0, 0x80], expect: .invalidUTF8(field: "String")),
        .decoding(String.self, "invalid UTF-8: byte 0xFF", [1, 0xFF], expect: .invalidUTF8(field: "String")),
        .decoding(String.self, "invalid UTF-8: emoji cut in half", [2, 0xF0, 0x9F], expect: .invalidUTF8(field: "String")),
        .decoding(NodeID.self, "node ID with invalid UTF-8", [1, 0xFE], expect: .invalidUTF8(field: "node name")),
        .decoding([UInt8].self, "array shorter than its count", [3, 1], expect: .truncated(field: "[UInt8]", needed: 3, available: 1)),
    ]
}

/// Asserts that `value` decodes back to itself from its own encoding.
func expectRoundTrip<T: WireCodable & Equatable>(_ value: T, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = value.encoded()
    do {
        let copy = try T.decode(bytes)
        #expect(copy == value, "\(T.self) \(value) came back as \(copy) from \(bytes) \(context)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(T.self) \(value) failed to decode from \(bytes): \(error) \(context)", sourceLocation: sourceLocation)
    }
}

/// The LEB128 form of `value`, computed independently of ``WireWriter``.
func varintBytes(_ value: UInt64) -> [UInt8] {
    var bytes: [UInt8] = []
    var rest = value
    repeat {
        let low = UInt8(rest % 128)
        rest /= 128
        bytes.append(rest == 0 ? low : low + 128)
    } while rest != 0
    return bytes
}
