import LabKit
import Testing
import PingKit

/// Tens of thousands of seeded random and mutated inputs thrown at the decoders. Typed throws already make
/// "a value or a `WireError`" structural; these tests check *which* error, that nothing decodes with garbage
/// left over, and that the outcomes are a plausible mix rather than one path taken every time.
/// Every input comes from `SeededRandom(seed:)` with the seed in the failure message: rerun that seed to replay.
@Suite struct HostileInputTests {
    @Test("random and mutated bytes give a value or a WireError, in a plausible mix", arguments: HostileTarget.all)
    func randomAndMutated(_ target: HostileTarget) {
        var tally = Tally()
        for index in 0..<1_500 {
            let seed = target.seedBase + UInt64(index)
            var random = SeededRandom(seed: seed)
            let bytes = (0..<Int.random(in: 0..<40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            check(target, bytes, seed: seed, into: &tally)
        }
        for index in 0..<1_500 {
            let seed = target.seedBase + 100_000 + UInt64(index)
            var random = SeededRandom(seed: seed)
            let bytes = mutate(target.sample(&random), using: &random)
            check(target, bytes, seed: seed, into: &tally)
        }
        #expect(tally.total == 3_000)
        for kind in target.expectedKinds {
            #expect(tally[kind] > 0, "\(target.name): no input gave \(kind); mix was \(tally)")
        }
        // A decoder that accepted almost everything, or almost nothing, is not really checking its input.
        #expect(tally[.decoded] < tally.total / 2, "\(target.name) decoded most hostile inputs: \(tally)")
        #expect(tally[.decoded] >= 15, "\(target.name) decoded almost none of its inputs, not even lightly mutated ones: \(tally)")
    }

    @Test("every truncation of a valid encoding is reported as truncated", arguments: HostileTarget.all)
    func truncations(_ target: HostileTarget) {
        var inputs = 0
        for index in 0..<150 {
            let seed = target.seedBase + 200_000 + UInt64(index)
            var random = SeededRandom(seed: seed)
            let valid = target.sample(&random)
            guard case .decoded(let reencoded, true) = target.decode(valid), reencoded == valid else {
                Issue.record("seed \(seed): the valid encoding \(valid) of a \(target.name) did not round-trip")
                continue
            }
            for cut in 0..<valid.count {
                inputs += 1
                let outcome = target.decode(Array(valid.prefix(cut)))
                guard case .failed(.truncated) = outcome else {
                    Issue.record("seed \(seed): \(target.name) cut to \(cut) of \(valid.count) bytes gave \(outcome), not .truncated")
                    continue
                }
            }
        }
        #expect(inputs >= 1_000, "only \(inputs) truncations of \(target.name)")
    }

    @Test("a valid encoding followed by garbage is rejected with trailingBytes and the exact count", arguments: HostileTarget.all)
    func extensions(_ target: HostileTarget) {
        for index in 0..<500 {
            let seed = target.seedBase + 300_000 + UInt64(index)
            var random = SeededRandom(seed: seed)
            let valid = target.sample(&random)
            let extra = Int.random(in: 1...8, using: &random)
            let garbage = (0..<extra).map { _ in UInt8.random(in: 0...255, using: &random) }
            let outcome = target.decode(valid + garbage)
            #expect(outcome == .failed(.trailingBytes(type: target.typeName, count: extra)), "seed \(seed)")
        }
    }

    @Test("hostile streams in random chunks give the frames a reference parser finds, then frameTooLarge or nil")
    func frameStreams() throws {
        let limit = 64
        var outcomes = (clean: 0, tooLarge: 0, incomplete: 0)
        for index in 0..<2_000 {
            let seed = 0x5_7AE4 + UInt64(index)
            var random = SeededRandom(seed: seed)
            let stream = hostileStream(limit: limit, using: &random)
            let expected = ReferenceFrames(stream, limit: limit)

            var decoder = FrameDecoder(maxFrameLength: limit)
            var frames: [[UInt8]] = []
            var failure: WireError?
            var offset = 0
            feeding: while offset < stream.count {
                let end = min(offset + Int.random(in: 1...24, using: &random), stream.count)
                decoder.append(stream[offset..<end])
                offset = end
                do {
                    while let frame = try decoder.nextFrame() {
                        #expect(frame.count <= limit, "seed \(seed)")
                        frames.append(frame)
                    }
                } catch {
                    failure = error
                    break feeding
                }
            }
            #expect(frames == expected.frames, "seed \(seed)")
            #expect(failure == expected.error, "seed \(seed)")
            if let failure {
                outcomes.tooLarge += 1
                decoder.append(Frame.encode([1, 2, 3]))
                #expect(throws: failure, "seed \(seed): the decoder must stay failed") { try decoder.nextFrame() }
            } else {
                #expect(decoder.bufferedCount == expected.leftover, "seed \(seed)")
                if expected.leftover == 0 { outcomes.clean += 1 } else { outcomes.incomplete += 1 }
            }
        }
        #expect(outcomes.clean > 100 && outcomes.tooLarge > 100 && outcomes.incomplete > 100, "mix: \(outcomes)")
    }

    // MARK: Helpers

    private func check(_ target: HostileTarget, _ bytes: [UInt8], seed: UInt64, into tally: inout Tally) {
        let outcome = target.decode(bytes)
        tally.count(outcome)
        guard case let .decoded(reencoded, stable) = outcome else { return }
        #expect(stable, "seed \(seed): \(target.name) decoded from \(bytes) but did not survive a second round trip")
        // A decoded value used every byte: its canonical form is never longer, and one more byte is garbage.
        #expect(reencoded.count <= bytes.count, "seed \(seed): \(bytes) decoded to something re-encoded as \(reencoded)")
        #expect(target.decode(bytes + [0]) == .failed(.trailingBytes(type: target.typeName, count: 1)), "seed \(seed): \(bytes) + [0]")
    }

    /// A valid encoding damaged in one of the ways a network or a buggy peer damages bytes.
    private func mutate(_ valid: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = valid
        switch Int.random(in: 0..<4, using: &random) {
        case 0, 1:  // flip bits in one to three bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case 2:  // insert a byte
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
        default:  // delete a byte
            if !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &random)) }
        }
        return bytes
    }

    /// Mostly well-formed frames, some over the limit, with a damaged header now and then, cut anywhere.
    private func hostileStream(limit: Int, using random: inout SeededRandom) -> [UInt8] {
        var stream: [UInt8] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let size = random.chance(0.08) ? Int.random(in: (limit + 1)...(limit * 3), using: &random) : Int.random(in: 0...limit, using: &random)
            var frame = Frame.encode((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
            if random.chance(0.05) { frame[Int.random(in: 0..<Frame.headerLength, using: &random)] ^= UInt8.random(in: 1...255, using: &random) }
            stream += frame
        }
        if random.chance(0.5) && !stream.isEmpty { stream.removeLast(Int.random(in: 1...min(stream.count, 40), using: &random)) }
        return stream
    }
}

/// What the frame format says a stream holds, parsed in one pass with no buffering tricks.
struct ReferenceFrames {
    var frames: [[UInt8]] = []
    var error: WireError?
    var leftover = 0

    init(_ stream: [UInt8], limit: Int) {
        var offset = 0
        while stream.count - offset >= 4 {
            let length = stream[offset..<(offset + 4)].reduce(0) { $0 * 256 + Int($1) }
            if length > limit {
                error = .frameTooLarge(length: length, limit: limit)
                return
            }
            guard stream.count - offset - 4 >= length else { break }
            frames.append(Array(stream[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
        leftover = stream.count - offset
    }
}

/// How one decode ended: a value (its canonical re-encoding, and whether that decodes to an equal value) or an error.
enum HostileOutcome: Equatable, Sendable {
    case decoded(reencoded: [UInt8], stable: Bool)
    case failed(WireError)
}

/// Counts outcomes by kind: a value, or each case of ``WireError``.
struct Tally: CustomStringConvertible {
    enum Kind: String, CaseIterable, Sendable {
        case decoded, truncated, frameTooLarge, lengthTooLarge, invalidUTF8, unknownTag, invalidValue, trailingBytes
    }
    private var counts: [Kind: Int] = [:]

    var total: Int { counts.values.reduce(0, +) }
    subscript(kind: Kind) -> Int { counts[kind, default: 0] }

    mutating func count(_ outcome: HostileOutcome) {
        let kind: Kind = switch outcome {
        case .decoded: .decoded
        case .failed(.truncated): .truncated
        case .failed(.frameTooLarge): .frameTooLarge
        case .failed(.lengthTooLarge): .lengthTooLarge
        case .failed(.invalidUTF8): .invalidUTF8
        case .failed(.unknownTag): .unknownTag
        case .failed(.invalidValue): .invalidValue
        case .failed(.trailingBytes): .trailingBytes
        }
        counts[kind, default: 0] += 1
    }

    var description: String { Kind.allCases.map { "\($0.rawValue)=\(self[$0])" }.joined(separator: " ") }
}

/// A decoder under attack: how to make a valid encoding of a random value, and how to decode bytes.
struct HostileTarget: Sendable, CustomTestStringConvertible {
    let name: String
    /// What `decode` names in `trailingBytes`.
    let typeName: String
    let seedBase: UInt64
    /// The outcomes random and mutated bytes must produce at least once.
    let expectedKinds: [Tally.Kind]
    let sample: @Sendable (inout SeededRandom) -> [UInt8]
    let decode: @Sendable ([UInt8]) -> HostileOutcome

    var testDescription: String { name }

    init<T: WireCodable & Equatable & Sendable>(_ type: T.Type, seedBase: UInt64, expecting expectedKinds: [Tally.Kind],
                                                sample: @escaping @Sendable (inout SeededRandom) -> T) {
        name = "\(T.self)"
        typeName = String(describing: T.self)
        self.seedBase = seedBase
        self.expectedKinds = expectedKinds
        self.sample = { random in sample(&random).encoded() }
        decode = { bytes in
            do throws(WireError) {
                let value = try T.decode(bytes)
                let reencoded = value.encoded()
                return .decoded(reencoded: reencoded, stable: (try? T.decode(reencoded)) == value)
            } catch {
                return .failed(error)
            }
        }
    }

    static let all: [HostileTarget] = [
        HostileTarget(PingMessage.self, seedBase: 1_000_000, expecting: [.decoded, .truncated, .unknownTag, .invalidValue, .trailingBytes]) { random in
            let seq = UInt32(truncatingIfNeeded: randomWidth(&random)), attempt = UInt32(truncatingIfNeeded: randomWidth(&random))
            return random.chance(0.5) ? .ping(seq: seq, attempt: attempt) : .pong(seq: seq, attempt: attempt)
        },
        HostileTarget([String].self, seedBase: 2_000_000, expecting: [.decoded, .truncated, .lengthTooLarge, .invalidUTF8, .trailingBytes]) { random in
            (0..<Int.random(in: 0...4, using: &random)).map { _ in randomText(&random) }
        },
        HostileTarget([[UInt8]]?.self, seedBase: 3_000_000, expecting: [.decoded, .truncated, .lengthTooLarge, .invalidValue, .trailingBytes]) { random in
            random.chance(0.15) ? nil : (0..<Int.random(in: 0...4, using: &random)).map { _ in
                (0..<Int.random(in: 0...6, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
        },
        HostileTarget(Envelope.self, seedBase: 4_000_000,
                      expecting: [.decoded, .truncated, .lengthTooLarge, .invalidUTF8, .invalidValue, .trailingBytes]) { random in
            Envelope.random(&random)
        },
        .processing,
        .logEntry,
    ]
}

/// A small nested message of the tests' own: codecs composed from the standard ones, several levels deep.
struct Envelope: WireCodable, Equatable, Sendable {
    struct Part: WireCodable, Equatable, Sendable {
        var index: UInt16
        var delta: Int64
        func encode(to writer: inout WireWriter) { writer.write(index); writer.write(delta) }
        init(index: UInt16, delta: Int64) { self.index = index; self.delta = delta }
        init(from reader: inout WireReader) throws(WireError) { index = try reader.read(); delta = try reader.read() }
    }

    var id: UInt32
    var sender: NodeID
    var urgent: Bool
    var tags: [String]
    var body: [UInt8]?
    var timeout: Duration
    var parts: [Part]

    init(id: UInt32, sender: NodeID, urgent: Bool, tags: [String], body: [UInt8]?, timeout: Duration, parts: [Part]) {
        (self.id, self.sender, self.urgent, self.tags, self.body, self.timeout, self.parts) = (id, sender, urgent, tags, body, timeout, parts)
    }

    func encode(to writer: inout WireWriter) {
        writer.write(id); writer.write(sender); writer.write(urgent); writer.write(tags)
        writer.write(body); writer.write(timeout); writer.write(parts)
    }

    init(from reader: inout WireReader) throws(WireError) {
        id = try reader.read(); sender = try reader.read(); urgent = try reader.read(); tags = try reader.read()
        body = try reader.read(); timeout = try reader.read(); parts = try reader.read()
    }

    static func random(_ random: inout SeededRandom) -> Envelope {
        Envelope(
            id: UInt32(truncatingIfNeeded: randomWidth(&random)),
            sender: NodeID("n" + randomText(&random)),  // a name is never empty
            urgent: random.chance(0.5),
            tags: (0..<Int.random(in: 0...3, using: &random)).map { _ in randomText(&random) },
            body: random.chance(0.3) ? nil : (0..<Int.random(in: 0...5, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) },
            timeout: .nanoseconds(Int64(bitPattern: randomWidth(&random))),
            parts: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Part(index: UInt16(truncatingIfNeeded: randomWidth(&random)), delta: Int64(bitPattern: randomWidth(&random)))
            })
    }
}

/// A random integer whose bit width is itself random, so short and long varints are equally likely.
func randomWidth(_ random: inout SeededRandom) -> UInt64 {
    let bits = UInt64.random(in: 0...64, using: &random)
    return bits == 64 ? random.next() : random.next() & ((1 << bits) - 1)
}

/// A short string mixing ASCII with 2-, 3- and 4-byte UTF-8 characters.
func randomText(_ random: inout SeededRandom) -> String {
    let alphabet: [Character] = ["a", "z", " ", "-", "é", "ß", "日", "本", "🙂", "👩‍👩‍👧"]
    return String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
}
