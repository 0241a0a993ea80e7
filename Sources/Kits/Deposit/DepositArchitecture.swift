// Lab 2 — deposit: who sends which message to whom, for the report's diagram and protocol table.

import LabKit

extension DepositMessage {
    /// The deposit lab's roles and messages: a client, the server it talks to (the coordinator of its request)
    /// and the other servers. A test checks it names every case of ``DepositMessage``.
    public static let architecture: LabArchitecture = {
        let client = ClientID(bytes: [UInt8](repeating: 0, count: 16))!
        let record = FileRecord(owner: client, name: "a.bin", size: 0, sha256: [], replicas: 1, version: 1)
        let refusal = DepositRefusal.unavailable
        let flows: [(DepositMessage, String, String, String)] = [
            (.hello(request: 1, client: nil), "client", "server", "first contact (issue me an id) or a reconnect with my id"),
            (.deposit(request: 1, client: client, name: "a.bin", size: 0, sha256: [], replicas: 1), "client", "server",
             "keep this file (name, size, SHA-256) on k distinct servers"),
            (.recover(request: 1, client: client, name: "a.bin"), "client", "server", "where can I read this file?"),
            (.list(request: 1, client: client), "client", "server", "which files do I have?"),
            (.setReplicas(request: 1, client: client, name: "a.bin", replicas: 1), "client", "server", "keep this file on k servers from now on"),
            (.welcome(request: 1, client: client), "server", "client", "your client id: issued now, or the one you came back with"),
            (.done(request: 1), "server", "client", "ok: the request holds (k durable, verified copies)"),
            (.refused(request: 1, reason: refusal), "server", "client", "failed: nothing was changed, for this reason"),
            (.listing(request: 1, files: []), "server", "client", "your files, with how many live copies each has"),
            (.found(request: 1, record: record, holders: []), "server", "client", "the file's record and the servers holding its blob"),
            (.fetch(key: "k", offset: 0, count: 1), "server", "client", "send me up to count bytes of key from offset (pulling an upload)"),
            (.piece(key: "k", offset: 0, bytes: []), "client", "server", "the bytes of key from offset"),
            (.fetch(key: "k", offset: 0, count: 1), "other servers", "server", "send me bytes of a blob or an upload (making a copy)"),
            (.piece(key: "k", offset: 0, bytes: []), "server", "other servers", "the bytes asked for"),
            (.absent(key: "k"), "server", "other servers", "I hold nothing under this key"),
            (.heartbeat(catalogDigest: [], inventory: []), "server", "other servers", "I am alive; my catalog's digest; the blobs I hold"),
            (.catalogPull, "other servers", "server", "your catalog differs from mine: send it"),
            (.catalogState(clients: [], records: []), "server", "other servers", "a whole catalog, to merge"),
            (.register(client: client), "server", "other servers", "know this client durably, then say registered"),
            (.registered(client: client), "other servers", "server", "this client is durably known here"),
            (.store(transfer: 1, record: record, source: "s1", key: "k"), "server", "other servers",
             "pull this record's content from source, verify it, keep it, then say stored"),
            (.stored(transfer: 1, blob: "b"), "other servers", "server", "a durable, verified copy is here"),
            (.storeFailed(transfer: 1, reason: refusal), "other servers", "server", "no copy could be made here, for this reason"),
            (.commit(transfer: 1, record: record), "server", "other servers", "this record is current: keep it durably, then say committed"),
            (.committed(transfer: 1), "other servers", "server", "the record is durable here"),
        ]
        return LabArchitecture(
            roles: [.init("client", count: "N"), .init("server"), .init("other servers", count: "N-1")],
            flows: flows.map { message, from, to, meaning in
                MessageFlow(message, from: from, to: to, channel: from == "client" || to == "client" ? "TCP client" : "TCP cluster", meaning)
            })
    }()
}
