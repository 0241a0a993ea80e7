/// What a deposit node's handlers receive: the time, its random generator, its storage and blobs, its effects.
public typealias DepositContext = NodeContext<DepositMessage, DepositEvent>

/// The deposit client: gets or proves its id, then runs its user's commands one request at a time, tries
/// each request again while unanswered, moves to the next server when one stays silent, and reports every
/// request as **ok**, **failed** or **unknown** (a refusal that another server it asked might have overtaken
/// is **unknown**: asking again is safe). Given, not an exercise: students write the server.
///
/// It serves the bytes of the file it deposits (`fetch` of `upload-<request>`) to the server that pulls them,
/// and recovers a file by pulling its blob from the holders a server names, verified before it is committed; with
/// ``DepositClientConfig/resumeRecoveries``, after what an interrupted recovery of the same content left.
public struct DepositClient: NodeLogic {
    public typealias Command = DepositCommand

    static let retryTimer: TimerID = "retry"

    public let config: DepositClientConfig
    /// The client's id, once a server issued or accepted it.
    public private(set) var id: ClientID?
    private var serverIndex = 0
    private var tries = 0
    private var nextRequest: UInt64 = 1
    /// Commands not yet sent, in order.
    private var queue: [DepositCommand] = []
    /// The request in flight, and when it is reported **unknown** if still unanswered.
    private var current: (request: UInt64, command: DepositCommand, message: DepositMessage, deadline: Duration)?
    /// The servers the request in flight went to: when more than one, a refusal from one may be overtaken by
    /// another's success, so only the refusals every server gives alike are final.
    private var askedServers: Set<NodeID> = []
    /// The recovery in progress, once a server said where the file is.
    private var download: (pull: BlobPull, record: FileRecord)?
    private var helloStarted: Duration = .zero
    /// Whether a server answered the hello (with an id, or refusing the one given).
    private var welcomed = false

    public init(config: DepositClientConfig) {
        self.config = config
        self.id = config.id
    }

    /// The server the client talks to now.
    public var server: NodeID { config.servers[serverIndex % config.servers.count] }

    public mutating func start(_ ctx: inout DepositContext) {
        helloStarted = ctx.now
        sendHello(&ctx)
    }

    public mutating func command(_ command: DepositCommand, _ ctx: inout DepositContext) {
        queue.append(command)
        if welcomed { sendNext(&ctx) }
    }

    public mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) {
        switch message {
        case let .welcome(0, client) where !welcomed && (config.id == nil || config.id == client):
            id = client
            welcomed = true
            ctx.deliver(.welcome(client))
            sendNext(&ctx)
        case .refused(0, .unknownClient) where !welcomed:
            welcomed = true
            ctx.cancelTimer(Self.retryTimer)
            ctx.deliver(.unknownID)
        case let .fetch(key, offset, count):
            serveUpload(key: key, offset: offset, count: count, to: sender, &ctx)
        case let .piece(key, offset, bytes) where key == download?.pull.key:
            tries = 0
            let step = download!.pull.received(offset: offset, bytes: bytes, from: sender, &ctx)
            downloadStep(step, &ctx)
        case let .absent(key) where key == download?.pull.key:
            let step = download!.pull.absent(from: sender, &ctx)
            downloadStep(step, &ctx)
        default:
            guard let current, let request = message.request, request == current.request, download == nil else { return }
            answer(message, for: current.command, &ctx)
        }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout DepositContext) {
        guard timer == Self.retryTimer else { return }
        if !welcomed {
            guard ctx.now - helloStarted < config.deadline else { return ctx.log("no server answered hello") }
            moveOnIfSilent()
            return sendHello(&ctx)
        }
        guard let current else { return }
        if ctx.now >= current.deadline { return finish(.unknown, &ctx) }
        if download != nil {
            download!.pull.tick(&ctx)
        } else {
            moveOnIfSilent()
            askedServers.insert(server)
            ctx.send(current.message, to: server)
        }
        ctx.setTimer(Self.retryTimer, after: config.retry)
    }

    private mutating func moveOnIfSilent() {
        tries += 1
        if tries >= config.triesPerServer {
            tries = 0
            serverIndex += 1
        }
    }

    private mutating func sendHello(_ ctx: inout DepositContext) {
        ctx.send(.hello(request: 0, client: config.id), to: server)
        ctx.setTimer(Self.retryTimer, after: config.retry)
    }

    private mutating func sendNext(_ ctx: inout DepositContext) {
        guard current == nil, let id, !queue.isEmpty else { return }
        let command = queue.removeFirst()
        let request = nextRequest
        nextRequest += 1
        let message: DepositMessage
        var deadline = ctx.now + config.deadline
        switch command {
        case let .deposit(name, file, replicas):
            if let problem = FileName.problem(with: name) {
                ctx.deliver(.finished(request: request, command: command, outcome: .failed(.invalidName(reason: problem))))
                return sendNext(&ctx)
            }
            message = .deposit(request: request, client: id, name: name, size: file.size, sha256: file.sha256, replicas: replicas)
            deadline = ctx.now + config.deadline(for: file.size)
        case let .recover(name): message = .recover(request: request, client: id, name: name)
        case .list: message = .list(request: request, client: id)
        case let .replicas(name, replicas): message = .setReplicas(request: request, client: id, name: name, replicas: replicas)
        }
        current = (request, command, message, deadline)
        tries = 0
        askedServers = [server]
        ctx.send(message, to: server)
        ctx.setTimer(Self.retryTimer, after: config.retry)
    }

    private mutating func answer(_ message: DepositMessage, for command: DepositCommand, _ ctx: inout DepositContext) {
        switch message {
        case .done: finish(.ok, &ctx)
        case let .refused(_, reason): finish(askedServers.count > 1 && !reason.isSameEverywhere ? .unknown : .failed(reason), &ctx)
        case let .listing(_, files): finish(.listed(files), &ctx)
        case let .found(_, record, holders):
            guard case let .recover(name) = command, record.owner == id, record.name == name, !holders.isEmpty else { return }
            if config.resumeRecoveries { noteRecovery(of: record, &ctx) }
            var pull = BlobPull(key: record.blobName, blob: record.blobName, size: record.size, sources: holders, pieceSize: config.pieceSize,
                                resuming: config.resumeRecoveries ? record.sha256 : nil)
            let step = pull.start(&ctx)
            download = (pull, record)
            if pull.resumedAt > 0, let current {
                ctx.deliver(.resuming(request: current.request, name: record.name, offset: pull.resumedAt, size: record.size))
            }
            let deadline = ctx.now + config.deadline(for: record.size)
            if let current, current.deadline < deadline { self.current!.deadline = deadline }
            downloadStep(step, &ctx)
        default: return
        }
    }

    private mutating func downloadStep(_ step: BlobPull.Step, _ ctx: inout DepositContext) {
        guard let record = download?.record else { return }
        switch step {
        case .waiting: return
        case .held: finish(.recovered(record), &ctx)
        case .whole:
            do throws(StorageError) { try ctx.blobs.commit(record.blobName, size: record.size, sha256: record.sha256) } catch {
                return finish(.failed(.contentMismatch), &ctx)  // a holder served other bytes: nothing is kept
            }
            finish(.recovered(record), &ctx)
        case let .failed(reason): finish(.failed(reason), &ctx)
        }
    }

    private mutating func finish(_ outcome: DepositOutcome, _ ctx: inout DepositContext) {
        guard let current else { return }
        if config.resumeRecoveries, let record = download?.record, outcome != .unknown {
            ctx.persist(nil, forKey: Self.recoveryKey(record))  // its part is committed or dropped: nothing to resume
        }
        self.current = nil
        download = nil
        ctx.cancelTimer(Self.retryTimer)
        ctx.deliver(.finished(request: current.request, command: current.command, outcome: outcome))
        sendNext(&ctx)
    }

    /// Remembers which blob the recovery of `record`'s file pulls into, dropping the part an earlier recovery of
    /// another version of that file left: a client that resumes recoveries keeps one unfinished recovery per file.
    private func noteRecovery(of record: FileRecord, _ ctx: inout DepositContext) {
        let key = Self.recoveryKey(record), blob = Array(record.blobName.utf8)
        guard ctx.storage[key] != blob else { return }
        if let earlier = ctx.storage[key] { ctx.blobs.discardPart(String(decoding: earlier, as: UTF8.self)) }
        ctx.persist(blob, forKey: key)
    }

    /// The storage key naming the blob an unfinished recovery of `record`'s file (its owner and name) pulls into.
    static func recoveryKey(_ record: FileRecord) -> String {
        "recovering-" + SHA256.hash(record.owner.bytes + Array(record.name.utf8)).hex
    }

    /// Sends the asked piece of the file being deposited, to the server it was sent to (or any server it tried).
    private mutating func serveUpload(key: String, offset: UInt64, count: Int, to sender: NodeID, _ ctx: inout DepositContext) {
        guard let current, case let .deposit(_, file, _) = current.command, key == Self.uploadKey(current.request),
              config.servers.contains(sender) else {
            return ctx.send(.absent(key: key), to: sender)
        }
        tries = 0
        guard let bytes = file.bytes(at: offset, count: min(max(count, 0), DepositLimits.standard.pieceSize)) else {
            return ctx.send(.absent(key: key), to: sender)
        }
        ctx.send(.piece(key: key, offset: offset, bytes: bytes), to: sender)
    }

    /// The key under which a client serves the bytes of its deposit `request`.
    public static func uploadKey(_ request: UInt64) -> String { "upload-\(request)" }
}

extension DepositMessage {
    /// The request number an answer to a client echoes, `nil` for other messages.
    public var request: UInt64? {
        switch self {
        case let .welcome(request, _), let .done(request), let .refused(request, _), let .listing(request, _), let .found(request, _, _):
            request
        default: nil
        }
    }
}
