import DepositKit

/// A grader-owned node that sends what the scenario tells it and serves the bytes it was given: a coordinator
/// asking for copies, a lying client, an intruder guessing ids. It never checks anything itself; the scenario
/// reads what it received from the simulation's messages.
struct ScriptedPeer: NodeLogic {
    typealias Message = DepositMessage
    typealias Output = DepositEvent

    enum Command: Sendable {
        /// Send `message` to `node` now.
        case send(DepositMessage, to: NodeID)
        /// Answer every `fetch` of `key` with the bytes of `file` (which may not be what was declared).
        case serve(key: String, file: GeneratedFile)
    }

    private var served: [String: GeneratedFile] = [:]

    mutating func command(_ command: Command, _ ctx: inout DepositContext) {
        switch command {
        case let .send(message, node): ctx.send(message, to: node)
        case let .serve(key, file): served[key] = file
        }
    }

    mutating func receive(_ message: DepositMessage, from sender: NodeID, _ ctx: inout DepositContext) {
        guard case let .fetch(key, offset, count) = message else { return }
        guard let file = served[key] else { return ctx.send(.absent(key: key), to: sender) }
        ctx.send(.piece(key: key, offset: offset, bytes: file.bytes(at: offset, count: min(max(count, 0), 64 << 10))), to: sender)
    }
}
