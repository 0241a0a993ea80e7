// Lab messaging, phase 2 — a client of the processing service (what Bob and Alice use): given, not an exercise.

/// A client of the processing service: numbers its requests, sends each to every processor (whoever leads
/// orders it) and sends it again, the same, until the first reply, which it reports as
/// ``ProcessingEvent/answered(request:result:)``. It finds a live leader by asking everyone, so a failover
/// needs nothing of it.
public struct ProcessingClient: NodeLogic {
    public typealias Message = MessagingMessage
    public typealias Output = MessagingEvent
    public typealias Command = Operation

    static let retryTimer: TimerID = "processing-retry"

    let replicas: [NodeID]
    let retry: Duration
    /// The client id; drawn at random on start unless configured (a grader reusing another client's id).
    public private(set) var clientID: UInt64?
    var secret: [UInt8] = []
    var issued: UInt64 = 0
    /// The requests sent and not yet answered.
    public private(set) var pending: [RequestID: ProcessingRequest] = [:]

    /// A client of `replicas` that sends unanswered requests again every `retry`; `clientID` fixes its id.
    public init(replicas: [NodeID], retry: Duration = .milliseconds(200), clientID: UInt64? = nil) {
        self.replicas = replicas
        self.retry = retry
        self.clientID = clientID
    }

    public mutating func start(_ ctx: inout MessagingContext) throws {
        if clientID == nil { clientID = ctx.random.next() }
        secret = (0..<ProcessingRequest.secretLength).map { _ in UInt8.random(in: 0...255, using: &ctx.random) }
        ctx.setTimer(Self.retryTimer, after: retry)
    }

    public mutating func command(_ operation: Operation, _ ctx: inout MessagingContext) throws {
        submit(operation, &ctx)
    }

    /// Sends `operation` as the next request and returns its id, which its answer will carry.
    @discardableResult
    public mutating func submit(_ operation: Operation, _ ctx: inout MessagingContext) -> RequestID {
        issued += 1
        let request = ProcessingRequest(id: RequestID(client: clientID ?? 0, number: issued), secret: secret, operation: operation)
        pending[request.id] = request
        send(request, &ctx)
        return request.id
    }

    public mutating func receive(_ message: MessagingMessage, from sender: NodeID, _ ctx: inout MessagingContext) throws {
        guard case let .processing(.reply(id, result)) = message, let request = pending.removeValue(forKey: id) else { return }
        ctx.deliver(.processing(.answered(request: request, result: result)))
    }

    public mutating func timerFired(_ timer: TimerID, _ ctx: inout MessagingContext) throws {
        guard timer == Self.retryTimer else { return }
        ctx.setTimer(Self.retryTimer, after: retry)
        for id in pending.keys.sorted() { send(pending[id]!, &ctx) }
    }

    private func send(_ request: ProcessingRequest, _ ctx: inout MessagingContext) {
        for replica in replicas { ctx.send(.processing(.request(request)), to: replica) }
    }
}
