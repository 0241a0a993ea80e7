import DepositKit

/// The deposit server: issues client ids, takes deposits and keeps each file on its k servers, answers
/// recoveries and listings, and repairs the copies a dead server took with it.
///
/// Every event is handled here and dispatched to the exercise that owns it (the `DepositServer+…` files).
/// Heartbeats, the catalog's anti-entropy and serving bytes are given.
public struct DepositServer: DepositServerNode {
    /// The one periodic timer: heartbeats, retries and repair run on it.
    static let tickTimer: TimerID = "tick"
    /// The most answers remembered, to answer a resent request the same way.
    static let rememberedAnswers = 1_024

    let config: DepositServerConfig
    var membership: Membership
    public internal(set) var catalog = DepositCatalog()
    /// When this run of the server started: repair waits a full failure-detection bound to hear its peers.
    var started: Duration = .zero
    /// The live servers at the last tick, to log each change of membership once.
    var lastLive: [NodeID] = []
    /// Ids issued and not yet known to every live peer (exercise 1.1).
    var registrations: [ClientID: Registration] = [:]
    /// The changes this server coordinates, by number.
    var transfers: [UInt64: Transfer] = [:]
    /// The requests in progress, and the transfer answering each.
    var inFlight: [RequestKey: UInt64] = [:]
    /// The copies this server is pulling, by blob name.
    var copies: [String: IncomingCopy] = [:]
    /// When each blob no current record names was first seen so (exercise 6.1).
    var unreferencedSince: [String: Duration] = [:]
    /// Since when each copy has been surplus without a break (exercise 6.1).
    var surplusSince: [String: Duration] = [:]
    /// When a coordinator last asked this server for a copy of each blob: a copy it may count toward an
    /// acknowledgement is not dropped as surplus or leftover before the coordinator's record arrives.
    var copyAsked: [String: Duration] = [:]
    /// Servers' fetches of bytes an upload has not brought yet, by key: answered as the upload grows, so the
    /// copies are made while the client still sends (a pipeline), not after.
    var waitingFetches: [String: [WaitingFetch]] = [:]
    /// The answers sent to mutating requests, to send again when a request comes again.
    var answers: [RequestKey: DepositMessage] = [:]
    var answerOrder: [RequestKey] = []

    /// A fetch waiting for the bytes of an upload in progress.
    struct WaitingFetch: Hashable, Sendable {
        let node: NodeID
        let offset: UInt64
        let count: Int
    }

    /// An id waiting for the peers to know it, and the hellos to welcome once they do.
    struct Registration: Sendable {
        var waiting: [RequestKey]
        var acked: Set<NodeID> = []
    }

    public init(config: DepositServerConfig) {
        self.config = config
        membership = Membership(me: "", peers: config.peers, deadAfter: config.deadAfter)
    }

    public mutating func start(_ ctx: inout DepositContext) throws {
        membership = Membership(me: ctx.id, peers: config.peers, deadAfter: config.deadAfter)
        catalog = DepositCatalog(storage: ctx.storage)
        started = ctx.now
        for name in ctx.blobs.names where name.hasPrefix(Self.stagePrefix) { ctx.blobs.remove(name) }
        heartbeat(&ctx)
        ctx.setTimer(Self.tickTimer, after: config.tick)
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout DepositContext) throws {
        guard timer == Self.tickTimer else { return }
        ctx.setTimer(Self.tickTimer, after: config.tick)
        heartbeat(&ctx)
        let live = membership.live(at: ctx.now)
        if live != lastLive {
            ctx.log("live servers: \(live.map(\.name).joined(separator: ", "))")
            lastLive = live
        }
        if !registrations.isEmpty { try identityTick(&ctx) }
        uploadTick(&ctx)
        if transfers.values.contains(where: { $0.upload == nil }) { try transferTick(&ctx) }
        for blob in copies.keys.sorted() {
            if ctx.now - copies[blob]!.started > config.transferDeadline(for: copies[blob]!.record.size) {
                ctx.blobs.discardPart(blob)
                try copyStep(blob, .failed(.unavailable), &ctx)
            } else {
                copies[blob]!.pull.tick(&ctx)
            }
        }
        if config.repairs, ctx.now - started >= config.deadAfter { try repair(&ctx) }
    }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) throws {
        let fromServer = membership.isServer(sender) && sender != ctx.id
        switch message {
        case let .hello(request, client):
            if client == nil, resendAnswer(RequestKey(node: sender, request: request), &ctx) { return }
            try handleHello(request: request, client: client, from: sender, &ctx)
        case let .deposit(request, client, name, size, sha256, replicas):
            let key = RequestKey(node: sender, request: request)
            guard !resendAnswer(key, &ctx), inFlight[key] == nil else { return }
            try handleDeposit(key, client: client, name: name, size: size, sha256: sha256, replicas: replicas, &ctx)
        case let .setReplicas(request, client, name, replicas):
            let key = RequestKey(node: sender, request: request)
            guard !resendAnswer(key, &ctx), inFlight[key] == nil else { return }
            try handleSetReplicas(key, client: client, name: name, replicas: replicas, &ctx)
        case let .recover(request, client, name):
            try handleRecover(request: request, client: client, name: name, from: sender, &ctx)
        case let .list(request, client):
            try handleList(request: request, client: client, from: sender, &ctx)
        case let .fetch(key, offset, count):
            serveFetch(key: key, offset: offset, count: count, to: sender, &ctx)
        case let .piece(key, offset, bytes):
            try routePiece(key: key, from: sender, &ctx) { pull, ctx in pull.received(offset: offset, bytes: bytes, from: sender, &ctx) }
        case let .absent(key):
            try routePiece(key: key, from: sender, &ctx) { pull, ctx in pull.absent(from: sender, &ctx) }
        case let .heartbeat(digest, inventory) where fromServer:
            membership.heard(sender, inventory: inventory, at: ctx.now)
            if digest != catalog.digest { ctx.send(.catalogPull, to: sender) }
        case .catalogPull where fromServer:
            ctx.send(.catalogState(clients: catalog.clients.sorted(), records: catalog.records.keys.sorted().map { catalog.records[$0]! }), to: sender)
        case let .catalogState(clients, records) where fromServer:
            catalog.merge(clients: clients, records: records, limit: config.limits.maxCatalogEntries, in: &ctx)
        case let .register(client) where fromServer:
            catalog.add(client, in: &ctx)
            ctx.send(.registered(client: client), to: sender)
        case let .registered(client) where fromServer:
            try handleRegistered(client, from: sender, &ctx)
        case let .store(transfer, record, source, key) where fromServer:
            copyAsked[record.blobName] = ctx.now
            try handleStore(transfer: transfer, record: record, source: source, key: key, from: sender, &ctx)
        case let .stored(transfer, blob) where fromServer && isCounting(transfer):
            try handleStored(transfer: transfer, blob: blob, from: sender, &ctx)
        case let .storeFailed(transfer, reason) where fromServer && isCounting(transfer):
            try handleStoreFailed(transfer: transfer, reason: reason, from: sender, &ctx)
        case .stored where fromServer, .storeFailed where fromServer:
            return  // about a transfer over, or still uploading (once whole, `startCopies` asks every target again)
        case let .commit(transfer, record) where fromServer:
            catalog.merge(record, in: &ctx)
            ctx.send(.committed(transfer: transfer), to: sender)
        case let .committed(transfer) where fromServer:
            try handleCommitted(transfer: transfer, from: sender, &ctx)
        default:
            ctx.log("ignoring \(message) from \(sender)")
        }
    }

    // MARK: Given machinery

    /// What blob names of files being uploaded to a coordinator that keeps no copy start with.
    static let stagePrefix = "stage-"

    /// Whether transfer `id` is this server's and past its upload: only then are answers about copies counted.
    /// Targets asked while the upload still arrives (the pipeline) are asked again once it is whole.
    func isCounting(_ id: UInt64) -> Bool {
        transfers[id].map { $0.upload == nil } ?? false
    }

    /// Whether a coordinator may still be counting this server's copy of `blob` (it asked for one within two
    /// transfer deadlines): such a copy is kept whatever this server's catalog says.
    func mayBeCounted(_ blob: String, _ ctx: inout DepositContext) -> Bool {
        copyAsked[blob].map { ctx.now - $0 <= config.transferDeadline * 2 } ?? false
    }

    /// The servers that should hold `record`'s copies now: the first k of the live servers in rank order.
    func placement(of record: FileRecord, _ ctx: inout DepositContext) throws -> [NodeID] {
        Array(try Self.rank(owner: record.owner, name: record.name, among: membership.live(at: ctx.now)).prefix(record.replicas))
    }

    /// The live servers holding `blob`, this one first when it does.
    func holders(of blob: String, _ ctx: inout DepositContext) -> [NodeID] {
        (ctx.blobs.size(of: blob) != nil ? [ctx.id] : []) + membership.holders(of: blob, at: ctx.now)
    }

    /// Sends `message` for `key` and remembers it, so the same request resent gets the same answer.
    mutating func answer(_ message: DepositMessage, to key: RequestKey, _ ctx: inout DepositContext) {
        ctx.send(message, to: key.node)
        inFlight[key] = nil
        if answers.updateValue(message, forKey: key) == nil { answerOrder.append(key) }
        if answerOrder.count > Self.rememberedAnswers { answers[answerOrder.removeFirst()] = nil }
    }

    /// Sends again the answer remembered for `key`; returns whether there was one.
    mutating func resendAnswer(_ key: RequestKey, _ ctx: inout DepositContext) -> Bool {
        guard let answer = answers[key] else { return false }
        ctx.send(answer, to: key.node)
        return true
    }

    /// Ends transfer `id` **failed** for `reason`: the client is told, and its staged bytes are dropped.
    mutating func abandon(_ id: UInt64, _ reason: DepositRefusal, _ ctx: inout DepositContext) {
        guard let transfer = transfers.removeValue(forKey: id) else { return }
        if let upload = transfer.upload { ctx.blobs.discardPart(upload.blob) }
        if transfer.sourceKey.hasPrefix(Self.stagePrefix) { ctx.blobs.remove(transfer.sourceKey) }
        answerWaitingFetches(of: transfer.sourceKey, &ctx)
        ctx.log("transfer \(id) of \(transfer.record) failed: \(reason)")
        answer(.refused(request: transfer.client.request, reason: reason), to: transfer.client, &ctx)
    }

    /// Asks again for the uploads still coming from clients, and fails those past their deadline.
    private mutating func uploadTick(_ ctx: inout DepositContext) {
        for id in transfers.keys.sorted() where transfers[id]?.upload != nil {
            if ctx.now - transfers[id]!.started > config.transferDeadline(for: transfers[id]!.record.size) {
                abandon(id, .unavailable, &ctx)
            } else {
                transfers[id]!.upload!.tick(&ctx)
            }
        }
    }

    private mutating func heartbeat(_ ctx: inout DepositContext) {
        let inventory = Array(ctx.blobs.names.filter { !$0.hasPrefix(Self.stagePrefix) }.prefix(config.limits.maxInventory))
        for peer in membership.peers { ctx.send(.heartbeat(catalogDigest: catalog.digest, inventory: inventory), to: peer) }
    }

    /// Serves a piece of a committed blob, to a server or a client (blob names are unguessable: they carry the
    /// owner's id and the content's hash); a server's fetch of an upload still arriving here waits for its bytes.
    private mutating func serveFetch(key: String, offset: UInt64, count: Int, to sender: NodeID, _ ctx: inout DepositContext) {
        let fetch = WaitingFetch(node: sender, offset: offset, count: min(max(count, 0), config.limits.pieceSize))
        let committed = ctx.blobs.size(of: key) != nil
        // An upload still arriving here is read only by servers (the targets pulling their copies).
        let upload = committed || !membership.isServer(sender) ? nil : transfers.values.first { $0.upload != nil && $0.sourceKey == key }?.upload
        if let upload, offset + UInt64(fetch.count) > (ctx.blobs.partSize(of: key) ?? 0), offset < upload.size {
            // Bounded: the pieces in flight of as many copies as a file may have.
            var waiting = waitingFetches[key, default: []]
            if !waiting.contains(fetch), waiting.count < config.limits.piecesInFlight * config.limits.maxReplicas { waiting.append(fetch) }
            waitingFetches[key] = waiting
            return
        }
        let bytes = committed ? try? ctx.blobs.read(key, at: offset, count: fetch.count)
            : upload != nil ? try? ctx.blobs.readPart(key, at: offset, count: fetch.count) : nil
        guard let bytes else { return ctx.send(.absent(key: key), to: sender) }
        ctx.send(.piece(key: key, offset: offset, bytes: bytes), to: sender)
    }

    /// Answers the fetches waiting on `key` whose bytes are here now, and all of them once no upload brings it.
    private mutating func answerWaitingFetches(of key: String, _ ctx: inout DepositContext) {
        guard let waiting = waitingFetches.removeValue(forKey: key) else { return }
        for fetch in waiting { serveFetch(key: key, offset: fetch.offset, count: fetch.count, to: fetch.node, &ctx) }
    }

    /// Hands a piece (or an `absent`) of `key` to the pull it belongs to: a client's upload or a copy.
    private mutating func routePiece(key: String, from sender: NodeID, _ ctx: inout DepositContext,
                                     _ step: (inout BlobPull, inout DepositContext) -> BlobPull.Step) throws {
        if let id = transfers.first(where: { $0.value.upload?.key == key && $0.value.client.node == sender })?.key {
            let result = step(&transfers[id]!.upload!, &ctx), stage = transfers[id]!.sourceKey
            try uploadStep(id, result, &ctx)
            return answerWaitingFetches(of: stage, &ctx)
        }
        if let blob = copies.first(where: { $0.value.pull.key == key })?.key {
            let result = step(&copies[blob]!.pull, &ctx)
            return try copyStep(blob, result, &ctx)
        }
    }
}
