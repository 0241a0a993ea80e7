// Lab messaging, phase 4 — Alice: given, not an exercise.

/// Alice: reads her mailbox from any store, has each entry decrypted by the processing service, and reports
/// each once, in mailbox order (``ConversationEvent/received(index:plaintext:)``).
///
/// She reads from where she is, at most ``UserConfig/window`` entries ahead of what she has shown; when the
/// mailbox has nothing new, she reads again after ``UserConfig/poll``.
public struct Alice: NodeLogic {
    public typealias Message = MessagingMessage
    public typealias Output = MessagingEvent

    static let pollTimer: TimerID = "poll"

    let config: UserConfig
    var processing: ProcessingClient
    var persistence: PersistenceClient?
    /// Whether a read is out.
    var reading = false
    /// The index of the next entry to read.
    var nextToRead = 0
    /// The mailbox index of each decryption not answered yet.
    var decrypting: [RequestID: Int] = [:]
    /// Decrypted entries (or `nil`: unreadable) waiting for the ones before them.
    var decrypted: [Int: [UInt8]?] = [:]
    /// The index of the next entry to show: every one before it has been shown once.
    public private(set) var nextToShow = 0

    /// Alice, a user of the services `config` names.
    public init(config: UserConfig) {
        self.config = config
        processing = ProcessingClient(replicas: config.processors, retry: config.processingRetry)
    }

    public mutating func start(_ ctx: inout MessagingContext) throws {
        let client = ctx.random.next()
        persistence = PersistenceClient(stores: config.stores, clientID: client, first: Int(client % UInt64(max(config.stores.count, 1))),
                                        retryAfter: config.storeRetry)
        try handle(ctx.embedding { try processing.start(&$0) }, &ctx)
        read(&ctx)
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        switch message {
        case .processing: try handle(ctx.embedding { try processing.receive(message, from: sender, &$0) }, &ctx)
        case .persistence: try handle(ctx.embedding { persistence?.receive(message, from: sender, &$0) }, &ctx)
        }
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        if timer == Self.pollTimer { return read(&ctx) }
        try handle(ctx.embedding { try processing.timerFired(timer, &$0); persistence?.timerFired(timer, &$0) }, &ctx)
    }

    /// Acts on what the embedded clients delivered: entries read, decryptions answered.
    private mutating func handle(_ events: [MessagingEvent], _ ctx: inout MessagingContext) throws {
        for event in events {
            switch event {
            case let .persistence(.read(mailbox, from, items, _)) where mailbox == config.mailbox:
                reading = false
                guard from == nextToRead, !items.isEmpty else {
                    ctx.setTimer(Self.pollTimer, after: config.poll)
                    continue
                }
                let taken = items.prefix(max(0, config.window - decrypting.count - decrypted.count))
                for (offset, ciphertext) in taken.enumerated() {
                    let index = from + offset
                    // Longer than any request carries (a store keeps up to 4 KiB): no key of the service opens it.
                    guard ciphertext.count <= Operation.maximumBytes else {
                        decrypted[index] = .some(nil)
                        continue
                    }
                    try handle(ctx.embedding { decrypting[processing.submit(.decrypt(ciphertext), &$0)] = index }, &ctx)
                }
                nextToRead += taken.count
                showInOrder(&ctx)
                read(&ctx)
            case let .processing(.answered(request, result)):
                guard let index = decrypting.removeValue(forKey: request.id) else { continue }
                if case let .output(plaintext) = result { decrypted[index] = .some(plaintext) } else { decrypted[index] = .some(nil) }
                showInOrder(&ctx)
                read(&ctx)
            default: continue
            }
        }
    }

    /// Reads the mailbox from ``nextToRead`` if no read is out and the window has room.
    private mutating func read(_ ctx: inout MessagingContext) {
        guard !reading, decrypting.count + decrypted.count < config.window else { return }
        reading = true
        let mailbox = config.mailbox, from = nextToRead
        _ = ctx.embedding { persistence?.command(.read(mailbox: mailbox, from: from), &$0) }
    }

    /// Shows every decrypted entry whose turn has come.
    private mutating func showInOrder(_ ctx: inout MessagingContext) {
        while let next = decrypted.removeValue(forKey: nextToShow) {
            if let plaintext = next {
                ctx.deliver(.conversation(.received(index: nextToShow, plaintext: plaintext)))
            } else {
                ctx.deliver(.conversation(.unreadable(index: nextToShow)))
            }
            nextToShow += 1
        }
    }
}
