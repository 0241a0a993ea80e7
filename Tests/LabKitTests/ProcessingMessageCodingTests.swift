import LabKit
import MessagingKit
import Testing

/// The processing service's messages (messaging lab, phase 2) on the wire: every case round-trips, and bad
/// input — unknown tags, negative positions, lengths past their limits, cut or extended encodings — is a
/// typed `WireError`, never a trap or an allocation the sender chose. Random and mutated bytes are thrown at
/// them by ``HostileInputTests`` (``HostileTarget/processing``).
@Suite struct ProcessingMessageCodingTests {
    static let request = ProcessingRequest(id: RequestID(client: 0xfeed_beef_0000_0001, number: 7),
                                           secret: [UInt8](1...16), operation: .encrypt(Array("hi Alice".utf8)))
    static let entry = LogEntry(request: request, client: "bob", seed: [UInt8](repeating: 0xa5, count: OAEP.hashLength))

    /// One message of every case, with values at their edges.
    static let everyCase: [ProcessingMessage] = [
        .request(request),
        .request(ProcessingRequest(id: RequestID(client: .max, number: 0), secret: [UInt8](repeating: 0, count: 16),
                                   operation: .decrypt([UInt8](repeating: 0xff, count: Operation.maximumBytes)))),
        .reply(id: request.id, result: .output([])),
        .reply(id: request.id, result: .output([UInt8](repeating: 9, count: Operation.maximumBytes))),
        .reply(id: request.id, result: .failed(.undecryptable)),
        .reply(id: request.id, result: .failed(.tooLong(bytes: 63, limit: 62))),
        .reply(id: request.id, result: .failed(.clientIDTaken)),
        .append(term: 3, from: 0, entries: [], commit: 0),
        .append(term: .max, from: Int.max, entries: [entry, entry], commit: 12),
        .append(term: 1, from: 5, entries: Array(repeating: entry, count: ProcessingMessage.maximumEntries), commit: 5),
        .appended(term: 2, length: 40),
        .behind(term: 2, from: 0),
        .stale(term: 9),
        .election,
        .alive,
        .claim(term: 4, from: 17),
        .promise(term: 4, normalTerm: 3, length: 20, commit: 12, from: 19, entries: [entry]),
        .promise(term: 1, normalTerm: 0, length: 0, commit: 0, from: 0, entries: []),
        .promise(term: 2, normalTerm: 1, length: Int.max, commit: Int.max, from: Int.max - 1, entries: [entry]),
        .refused(term: 5, reason: .lowerRank),
        .refused(term: 5, reason: .staleTerm(current: 6)),
    ]

    @Test("every processing message round-trips, alone and inside a MessagingMessage")
    func roundTrips() throws {
        for message in Self.everyCase {
            #expect(try ProcessingMessage.decode(message.encoded()) == message, "\(message)")
            #expect(try MessagingMessage.decode(MessagingMessage.processing(message).encoded()) == .processing(message), "\(message)")
        }
        #expect(try LogEntry.decode(Self.entry.encoded()) == Self.entry)
        #expect(try ProcessingRequest.decode(Self.request.encoded()) == Self.request)
    }

    @Test("an unknown tag names its type, at every level")
    func unknownTags() {
        let cases: [(bytes: [UInt8], error: WireError, decode: ([UInt8]) throws(WireError) -> Any)] = [
            ([0], .unknownTag(type: "ProcessingMessage", tag: 0), { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
            ([12], .unknownTag(type: "ProcessingMessage", tag: 12), { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
            ([3], .unknownTag(type: "MessagingMessage", tag: 3), { bytes throws(WireError) in try MessagingMessage.decode(bytes) }),
            ([11, 1, 3], .unknownTag(type: "ClaimRefusal", tag: 3), { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
            ([2, 1, 1, 2, 4], .unknownTag(type: "ProcessingError", tag: 4), { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
            ([2, 1, 1, 3], .unknownTag(type: "ProcessingResult", tag: 3), { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
            ([1, 1, 1] + [UInt8](repeating: 0, count: 16) + [3, 0], .unknownTag(type: "Operation", tag: 3),
             { bytes throws(WireError) in try ProcessingMessage.decode(bytes) }),
        ]
        for (bytes, error, decode) in cases {
            #expect(throws: error, "\(bytes)") { try decode(bytes) }
        }
    }

    @Test("a negative log position or length is refused as invalid")
    func negativePositions() {
        let minusOne = Int(-1).encoded()
        let cases: [(bytes: [UInt8], field: String)] = [
            ([3, 1] + minusOne + [0, 0], "from"),
            ([3, 1, 0, 0] + minusOne, "commit"),
            ([4, 1] + minusOne, "length"),
            ([5, 1] + minusOne, "from"),
            ([9, 1] + minusOne, "from"),
            ([10, 1, 0] + minusOne + [0, 0, 0], "length"),
            ([10, 1, 0, 0] + minusOne + [0, 0], "commit"),
            ([10, 1, 0, 0, 0] + minusOne + [0], "from"),
        ]
        for (bytes, field) in cases {
            #expect(throws: WireError.invalidValue(field: field, reason: "negative position -1"), "\(bytes)") { try ProcessingMessage.decode(bytes) }
        }
    }

    @Test("a promise's page that reaches past the log it is of is refused, also where from + count would overflow")
    func pagePastItsLog() {
        for (length, from, count) in [(0, 1, 0), (5, 3, 3), (Int.max, Int.max, 1), (10, 11, 0)] {
            let page = ProcessingMessage.promise(term: 1, normalTerm: 1, length: length, commit: 0, from: from, entries: Array(repeating: Self.entry, count: count))
            #expect(throws: WireError.invalidValue(field: "entries", reason: "\(count) entries from \(from) overrun a log of \(length)"), "\(page)") {
                try ProcessingMessage.decode(page.encoded())
            }
        }
    }

    @Test("more entries, operation or output bytes than the protocol allows are refused before anything is read")
    func oversized() {
        let tooMany = ProcessingMessage.append(term: 1, from: 0, entries: Array(repeating: Self.entry, count: ProcessingMessage.maximumEntries + 1), commit: 0)
        #expect(throws: WireError.lengthTooLarge(field: "entries", length: ProcessingMessage.maximumEntries + 1, limit: ProcessingMessage.maximumEntries)) {
            try ProcessingMessage.decode(tooMany.encoded())
        }
        let longPage = ProcessingMessage.promise(term: 1, normalTerm: 1, length: 300, commit: 0, from: 0, entries: Array(repeating: Self.entry, count: 300))
        #expect(throws: WireError.lengthTooLarge(field: "entries", length: 300, limit: ProcessingMessage.maximumEntries)) {
            try ProcessingMessage.decode(longPage.encoded())
        }
        var request = Self.request
        request.operation = .encrypt([UInt8](repeating: 1, count: Operation.maximumBytes + 1))
        #expect(throws: WireError.lengthTooLarge(field: "operation bytes", length: Operation.maximumBytes + 1, limit: Operation.maximumBytes)) {
            try ProcessingMessage.decode(ProcessingMessage.request(request).encoded())
        }
        let output = ProcessingMessage.reply(id: Self.request.id, result: .output([UInt8](repeating: 2, count: Operation.maximumBytes + 1)))
        #expect(throws: WireError.lengthTooLarge(field: "output", length: Operation.maximumBytes + 1, limit: Operation.maximumBytes)) {
            try ProcessingMessage.decode(output.encoded())
        }
        // A count of 2⁶³ announced in a few bytes: refused, nothing reserved for it.
        let huge = varintBytes(1 << 63)
        #expect(throws: WireError.lengthTooLarge(field: "entries", length: Int.max, limit: ProcessingMessage.maximumEntries)) {
            try ProcessingMessage.decode([3, 1, 0] + huge)
        }
        #expect(throws: WireError.lengthTooLarge(field: "operation bytes", length: Int.max, limit: Operation.maximumBytes)) {
            try ProcessingRequest.decode(Self.request.id.encoded() + [UInt8](repeating: 0, count: 16) + [1] + huge)
        }
    }

    @Test("a secret or a seed cut short is truncated at that field")
    func fixedSizeFields() {
        let id = Self.request.id.encoded()
        #expect(throws: WireError.truncated(field: "secret", needed: ProcessingRequest.secretLength, available: 5)) {
            try ProcessingRequest.decode(id + [UInt8](repeating: 0, count: 5))
        }
        let head = Self.request.encoded() + NodeID("bob").encoded()
        #expect(throws: WireError.truncated(field: "seed", needed: OAEP.hashLength, available: 31)) {
            try LogEntry.decode(head + [UInt8](repeating: 0, count: 31))
        }
    }

    @Test("every cut of every case is truncated, and bytes past a whole message are trailing")
    func cutsAndExtensions() {
        for message in Self.everyCase where message.encoded().count < 2_000 {
            let bytes = message.encoded()
            for cut in 0..<bytes.count {
                do throws(WireError) {
                    let decoded = try ProcessingMessage.decode(bytes.prefix(cut))
                    Issue.record("\(message) cut to \(cut) of \(bytes.count) bytes decoded as \(decoded)")
                } catch {
                    guard case .truncated = error else {
                        Issue.record("\(message) cut to \(cut) of \(bytes.count) bytes: \(error), not truncated")
                        continue
                    }
                }
            }
            #expect(throws: WireError.trailingBytes(type: "ProcessingMessage", count: 3), "\(message)") {
                try ProcessingMessage.decode(bytes + [0, 1, 2])
            }
        }
    }
}

extension HostileTarget {
    /// The processing service's messages, for ``HostileInputTests``: small random values of every case.
    static let processing = HostileTarget(ProcessingMessage.self, seedBase: 5_000_000,
                                          expecting: [.decoded, .truncated, .lengthTooLarge, .unknownTag, .invalidValue, .trailingBytes]) { random in
        randomProcessingMessage(&random)
    }

    /// A log entry, on its own.
    static let logEntry = HostileTarget(LogEntry.self, seedBase: 6_000_000,
                                        expecting: [.decoded, .truncated, .lengthTooLarge, .unknownTag, .invalidValue, .trailingBytes]) { random in
        randomLogEntry(&random)
    }
}

private func randomBytes(_ random: inout SeededRandom, _ counts: ClosedRange<Int>) -> [UInt8] {
    (0..<Int.random(in: counts, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
}

private func randomRequest(_ random: inout SeededRandom) -> ProcessingRequest {
    let bytes = randomBytes(&random, 0...6)
    return ProcessingRequest(id: RequestID(client: randomWidth(&random), number: randomWidth(&random)),
                             secret: randomBytes(&random, 16...16), operation: random.chance(0.5) ? .encrypt(bytes) : .decrypt(bytes))
}

private func randomLogEntry(_ random: inout SeededRandom) -> LogEntry {
    LogEntry(request: randomRequest(&random), client: NodeID("p" + randomText(&random).prefix(3)),  // three characters: never past NodeID.maxLength
             seed: randomBytes(&random, 32...32))
}

private func randomProcessingMessage(_ random: inout SeededRandom) -> ProcessingMessage {
    let term = randomWidth(&random), position = Int(truncatingIfNeeded: randomWidth(&random) >> 1)
    let entries = (0..<Int.random(in: 0...2, using: &random)).map { _ in randomLogEntry(&random) }
    switch Int.random(in: 0..<11, using: &random) {
    case 0: return .request(randomRequest(&random))
    case 1:
        let result: ProcessingResult = switch Int.random(in: 0..<4, using: &random) {
        case 0: .output(randomBytes(&random, 0...8))
        case 1: .failed(.undecryptable)
        case 2: .failed(.tooLong(bytes: Int.random(in: 0...1_000, using: &random), limit: 62))
        default: .failed(.clientIDTaken)
        }
        return .reply(id: RequestID(client: randomWidth(&random), number: randomWidth(&random)), result: result)
    case 2: return .append(term: term, from: position, entries: entries, commit: Int.random(in: 0...1_000, using: &random))
    case 3: return .appended(term: term, length: position)
    case 4: return .behind(term: term, from: position)
    case 5: return .stale(term: term)
    case 6: return .election
    case 7: return .alive
    case 8: return .claim(term: term, from: position)
    case 9:
        let from = position / 2  // a page within its log: its length past its end
        return .promise(term: term, normalTerm: randomWidth(&random), length: from + entries.count + Int.random(in: 0...(Int.max / 4), using: &random),
                        commit: Int.random(in: 0...1_000, using: &random), from: from, entries: entries)
    default: return .refused(term: term, reason: random.chance(0.5) ? .lowerRank : .staleTerm(current: randomWidth(&random)))
    }
}
