import LabKit
import MessagingKit
import Testing

/// The persistence service's messages (messaging lab, phase 3) on the wire: every case round-trips, an empty
/// log's head included (the simulator never encodes, real stores do at every heartbeat), and a ballot names a
/// real holder unless it is ``Ballot/none``.
@Suite struct PersistenceMessageCodingTests {
    static let empty = LogHead(length: 0, last: .none)
    static let head = LogHead(length: 7, last: Ballot(epoch: 12, holder: "s2"))
    static let entry = StoreEntry(client: 9, request: 3, sender: "bob", mailbox: "alice", bytes: [1, 2, 3], ballot: head.last)

    /// One message of every case; the heads of an empty and of a written log.
    static let everyCase: [PersistenceMessage] = [
        .appendRequest(client: 9, request: 3, mailbox: "alice", bytes: [UInt8](repeating: 7, count: 256)),
        .read(request: 4, mailbox: "alice", from: 0),
        .appended(request: 3),
        .refused(request: 3, reason: .clientIDTaken(owner: "mallory")),
        .entries(request: 4, mailbox: "alice", from: 0, total: 1, items: [[1, 2, 3]]),
        .request(ts: 1, round: 0, head: empty),
        .reply(ts: 1, round: 0, head: empty, grants: [GrantNotice(holder: "s3", ts: 1, remaining: .seconds(2))]),
        .append(base: empty, entry: entry),
        .appendAck(position: 0),
        .heartbeat(head: empty, committed: empty),
        .heartbeat(head: head, committed: empty),
        .fetch(from: 0),
        .log(base: empty, items: [entry]),
    ]

    @Test("every persistence message round-trips, alone and inside a MessagingMessage, an empty log's head included")
    func roundTrips() throws {
        for message in Self.everyCase {
            #expect(try PersistenceMessage.decode(message.encoded()) == message, "\(message)")
            #expect(try MessagingMessage.decode(MessagingMessage.persistence(message).encoded()) == .persistence(message), "\(message)")
        }
    }

    @Test("a ballot of a later epoch with no holder is refused as invalid")
    func holderlessBallot() {
        #expect(throws: WireError.invalidValue(field: "ballot holder", reason: "it is empty")) {
            try Ballot.decode(Ballot(epoch: 5, holder: "").encoded())
        }
    }
}
