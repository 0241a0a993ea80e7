// Lab 4 — messaging: who sends which message to whom, for the report's diagram and protocol table.

import LabKit

extension MessagingMessage {
    /// The messaging lab's roles and messages, phases 2–3: a client (Bob or Alice, through ``ProcessingClient``
    /// and ``PersistenceClient``) in the middle, the processing service on its left (one processor — the leader,
    /// or a candidate in an election — and the others) and the persistence service on its right (one store — the
    /// holder of the critical section — and the others). A test checks it names every case of
    /// ``ProcessingMessage`` and ``PersistenceMessage``.
    public static let architecture: LabArchitecture = {
        let id = RequestID(client: 1, number: 1)
        let request = ProcessingRequest(id: id, secret: [UInt8](repeating: 0, count: ProcessingRequest.secretLength),
                                        operation: .encrypt([]))
        let head = LogHead(length: 0, last: .none)
        let entry = StoreEntry(client: 1, request: 1, sender: "bob", mailbox: "alice", bytes: [])
        let processing: [(ProcessingMessage, String, String, String)] = [
            (.request(request), "client", "processor", "do this request (sent to every processor, the same again until a reply comes)"),
            (.reply(id: id, result: .output([])), "processor", "client", "what the request gave, from any processor that executed it"),
            (.append(term: 1, from: 0, entries: [], commit: 0), "processor", "other processors",
             "the leader's log of its term from a position on, and how far it is committed (no entries: a heartbeat)"),
            (.appended(term: 1, length: 0), "other processors", "processor", "my log matches yours of this term up to this length"),
            (.behind(term: 1, from: 0), "other processors", "processor", "I cannot take entries past this position yet: send from there"),
            (.stale(term: 1), "other processors", "processor", "your term is over: mine is this one"),
            (.election, "processor", "other processors", "the leader seems gone: is a processor above me alive? (to every higher one)"),
            (.alive, "other processors", "processor", "I am, and I take over the election (to the lower one that asked)"),
            (.claim(term: 1, from: 0), "processor", "other processors",
             "I lead this term: promise to follow me, with your log from this position on (my commit, then the next page)"),
            (.promise(term: 1, normalTerm: 0, length: 0, commit: 0, from: 0, entries: []), "other processors", "processor",
             "I follow you in this term: my log's last normal term, its length, my commit point, one page of its entries from the position asked"),
            (.refused(term: 1, reason: .lowerRank), "other processors", "processor",
             "I do not follow your claim: you rank below me, or my term is already as high"),
        ]
        let persistence: [(PersistenceMessage, String, String, String)] = [
            (.appendRequest(client: 1, request: 1, mailbox: "alice", bytes: []), "client", "store",
             "append this ciphertext to the mailbox, as request n of my client id (a retry never appends twice)"),
            (.read(request: 1, mailbox: "alice", from: 0), "client", "store", "send me the mailbox's entries from this index"),
            (.appended(request: 1), "store", "client", "your request is appended, durably on a majority of the stores"),
            (.refused(request: 1, reason: .full(limit: 1)), "store", "client",
             "refused (too large, client id taken, store full): nothing was appended"),
            (.entries(request: 1, mailbox: "alice", from: 0, total: 0, items: []), "store", "client",
             "entries of the mailbox from this index, and how many it holds"),
            (.request(ts: 1, round: 1, head: head), "store", "other stores",
             "may I enter the critical section? my Lamport timestamp, the round, my log's head"),
            (.reply(ts: 1, round: 1, head: head, grants: []), "other stores", "store",
             "yes, for your request and round; my log's head; the permissions I gave that may still be in use"),
            (.append(base: head, entry: entry), "store", "other stores",
             "from the holder: keep this entry right after your log's prefix that ends as this head says"),
            (.appendAck(position: 0), "other stores", "store", "this position of my log is durable"),
            (.heartbeat(head: head, committed: head), "store", "other stores",
             "I am alive; my log's head, and the head of its prefix a majority holds"),
            (.fetch(from: 0), "store", "other stores", "send me your log's entries from this position"),
            (.log(base: head, items: []), "other stores", "store", "my log's entries after this head"),
        ]
        return LabArchitecture(
            roles: [.init("other processors", count: "N-1"), .init("processor"), .init("client", count: "2"),
                    .init("store"), .init("other stores", count: "N-1")],
            flows: processing.map { MessageFlow($0.0, from: $0.1, to: $0.2, channel: "processing service", $0.3) }
                + persistence.map { MessageFlow($0.0, from: $0.1, to: $0.2, channel: "persistence service", $0.3) })
    }()
}
