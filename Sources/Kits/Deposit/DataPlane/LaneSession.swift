import FileTransfer

/// One stream of a ``DepositLane`` to one server: fetches are sent as ``PieceRequest``s as they come (the same
/// one is not asked twice while its answer is awaited), answers are read in order and handed back as pieces.
/// Once the stream breaks the session is over; the lane opens a new one for the next fetch.
final class LaneSession: Sendable {
    private struct State {
        /// Fetches not sent yet, in order.
        var queue: [PieceRequest] = []
        /// Fetches sent or queued whose answer has not come.
        var awaited: Set<PieceRequest> = []
        var isOver = false
    }

    /// How long an answer may take: a piece of an upload still arriving waits up to 20 s at the server.
    static let answerTimeout: Duration = .seconds(30)

    private let state = Lock(State())
    private let wake: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>

    init(pieceSize: Int, dial: @escaping @Sendable () async throws -> TCPConnection, answer: @escaping @Sendable (DepositMessage) -> Void) {
        let (signals, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        let state = state
        task = Task {
            defer { state.withLock { $0.isOver = true; $0.queue = []; $0.awaited = [] } }
            guard let connection = try? await dial() else { return }
            let client = ChunkClient(connection: connection)
            defer { client.close() }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize, alignment: 16)
            defer { buffer.deallocate() }
            var sent: [PieceRequest] = [], signal = signals.makeAsyncIterator()
            do {
                while !Task.isCancelled {
                    for wanted in state.withLock({ state in defer { state.queue = [] }; return state.queue }) {
                        try await client.send(wanted)
                        sent.append(wanted)
                    }
                    guard !sent.isEmpty else {
                        guard await signal.next() != nil else { return }
                        continue
                    }
                    let wanted = sent.removeFirst()
                    let response = try await client.receive(timeout: Self.answerTimeout)
                    state.withLock { _ = $0.awaited.remove(wanted) }
                    switch response {
                    case let .chunk(_, length) where length <= wanted.count && length > 0:
                        let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(length)])
                        try await client.receivePayload(into: bytes, timeout: Self.answerTimeout)
                        answer(.piece(key: wanted.key, offset: wanted.offset, bytes: Array(bytes)))
                    case .refused:
                        answer(.absent(key: wanted.key))
                    default:
                        return  // Not what was asked: the stream is out of step, so it ends.
                    }
                }
            } catch {
                return
            }
        }
    }

    /// Whether the stream has ended: the lane then opens a new session.
    var isOver: Bool { state.withLock { $0.isOver } }

    /// Sends `request`, unless it is awaited already.
    func fetch(_ request: PieceRequest) {
        let queued = state.withLock { state in
            guard !state.isOver, state.awaited.insert(request).inserted else { return false }
            state.queue.append(request)
            return true
        }
        if queued { wake.yield() }
    }

    /// Ends the session: the stream closes, what was awaited is dropped.
    func close() {
        task.cancel()
        wake.finish()
    }
}
