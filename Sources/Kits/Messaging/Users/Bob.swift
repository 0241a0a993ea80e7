// Lab messaging, phase 4 — Bob: given, not an exercise.

/// Bob: each line he types (a command) is encrypted by the processing service under Alice's key, and the
/// ciphertext appended to Alice's mailbox in the order typed. The persistence service never sees a plaintext.
///
/// At most ``UserConfig/window`` encryptions are out at once (each is sent again until answered: a thousand
/// pasted lines must not become three thousand requests every retry); the others wait their turn. Encryptions
/// may be answered out of order (retries, a failover); appends go out in typed order, one at a time, each
/// retried under its request number until stored, so none is appended twice.
public struct Bob: NodeLogic {
    public typealias Message = MessagingMessage
    public typealias Output = MessagingEvent
    public typealias Command = [UInt8]

    let config: UserConfig
    var processing: ProcessingClient
    var persistence: PersistenceClient?
    /// Messages typed so far.
    var typed: UInt64 = 0
    /// Typed messages not handed to the processing service yet, first typed first, with their numbers.
    var queued: [(number: UInt64, plaintext: [UInt8])] = []
    /// The message number of each encryption not answered yet.
    var encrypting: [RequestID: UInt64] = [:]
    /// Encrypted messages (or `nil`: refused) waiting for the ones typed before them.
    var encrypted: [UInt64: [UInt8]?] = [:]
    /// The next message to append, in typed order.
    var nextToStore: UInt64 = 1
    /// The messages handed to the persistence client, in the order it appends them, with the request number
    /// it gives each (it numbers its requests 1, 2, … in the order given).
    var appending: [(request: UInt64, number: UInt64, bytes: Int)] = []
    /// Appends handed to the persistence client so far.
    var appends: UInt64 = 0

    /// Bob, a user of the services `config` names.
    public init(config: UserConfig) {
        self.config = config
        processing = ProcessingClient(replicas: config.processors, retry: config.processingRetry)
    }

    /// Messages typed and not yet stored (or refused).
    public var waiting: Int { Int(typed + 1 - nextToStore) + appending.count }

    public mutating func start(_ ctx: inout MessagingContext) throws {
        let client = ctx.random.next()
        persistence = PersistenceClient(stores: config.stores, clientID: client, first: Int(client % UInt64(max(config.stores.count, 1))),
                                        retryAfter: config.storeRetry)
        try handle(ctx.embedding { try processing.start(&$0) }, &ctx)
    }

    public mutating func command(_ plaintext: [UInt8], _ ctx: inout MessagingContext) throws {
        typed += 1
        let number = typed
        // No processor could decode a longer request: it would be sent again forever, and hold back every later message.
        guard plaintext.count <= Operation.maximumBytes else {
            encrypted[number] = .some(nil)
            ctx.deliver(.conversation(.notSent(number: number, reason: "\(plaintext.count) bytes; a request carries at most \(Operation.maximumBytes)")))
            return try storeInOrder(&ctx)
        }
        queued.append((number, plaintext))
        try handle([], &ctx)
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        switch message {
        case .processing: try handle(ctx.embedding { try processing.receive(message, from: sender, &$0) }, &ctx)
        case .persistence: try handle(ctx.embedding { persistence?.receive(message, from: sender, &$0) }, &ctx)
        }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        try handle(ctx.embedding { try processing.timerFired(timer, &$0); persistence?.timerFired(timer, &$0) }, &ctx)
    }

    /// Acts on what the embedded clients delivered: encryptions answered, appends done.
    private mutating func handle(_ events: [MessagingEvent], _ ctx: inout MessagingContext) throws {
        for event in events {
            switch event {
            case let .processing(.answered(request, result)):
                guard let number = encrypting.removeValue(forKey: request.id) else { continue }
                switch result {
                case let .output(ciphertext): encrypted[number] = .some(ciphertext)
                case let .failed(error):
                    encrypted[number] = .some(nil)
                    ctx.deliver(.conversation(.notSent(number: number, reason: error.description)))
                }
            case let .persistence(.appended(request)):
                guard appending.first?.request == request else { continue }
                let done = appending.removeFirst()
                ctx.deliver(.conversation(.stored(number: done.number, bytes: done.bytes)))
            case let .persistence(.refused(request, reason)):
                guard appending.first?.request == request else { continue }
                ctx.deliver(.conversation(.notSent(number: appending.removeFirst().number, reason: reason.description)))
            default: continue
            }
        }
        while encrypting.count < config.window, !queued.isEmpty {
            let (number, plaintext) = queued.removeFirst()
            _ = ctx.embedding { encrypting[processing.submit(.encrypt(plaintext), &$0)] = number }  // submitting delivers nothing
        }
        try storeInOrder(&ctx)
    }

    /// Hands the persistence client every encrypted message whose turn has come (it only queues them: it
    /// delivers nothing until a store answers).
    private mutating func storeInOrder(_ ctx: inout MessagingContext) throws {
        while let next = encrypted.removeValue(forKey: nextToStore) {
            let number = nextToStore
            nextToStore += 1
            guard let ciphertext = next else { continue }
            appends += 1
            appending.append((appends, number, ciphertext.count))
            let mailbox = config.mailbox
            _ = ctx.embedding { persistence?.command(.append(mailbox: mailbox, bytes: ciphertext), &$0) }
        }
    }
}
