import Foundation
import LabKit
import ZapsZapKit

/// A chat member at a prompt: typed lines go to the node as `.say`; its events are printed in order.
struct ChatSession<Member: ChatPeerNode>: Sendable {
    let config: ZapConfig
    let options: NodeOptions
    let context: CommandContext

    func run() async -> Int32 {
        let console = context.console, style = context.style
        let clock = Lock(DateFormatter.chatClock)
        let presence = Presence()
        let trace = TraceRecorder(options)
        let shell = NodeShell(Member(config: config), configuration: options.configuration(for: Member.self, transport: .udp)) { event in
            switch event {
            case let .output(.message(message)):
                console.out(Self.line(message, at: clock.withLock { $0.string(from: Date()) }, style: style))
            case let .output(.late(message, after)):
                console.out(style.yellow("(late, belongs after \(after.map(\.description) ?? "the start")) ")
                            + Self.line(message, at: clock.withLock { $0.string(from: Date()) }, style: style))
            case let .output(.presence(member, isOnline)):
                presence.members.withLock { if isOnline { $0.insert(member) } else { $0.remove(member) } }
                console.out(style.dim("* \(member) is \(isOnline ? "online" : "offline")"))
            case let .output(.dropped(reason, from)):
                // Duplicates and replays are routine on a lossy network: counted, and shown on request.
                if options.verbose { console.out(style.dim("· dropped a datagram from \(from): \(reason)")) }
            case let .log(line):
                if options.verbose { console.out(style.dim("· \(line)")) }
            case let .trace(event):
                trace.record(event)
            }
        }
        let address: SocketAddress
        do { address = try await shell.start() } catch {
            console.err("error: zapszap member '\(options.id)' could not start: \(error)")
            return 1
        }
        console.out(NodeOutputLine.listening("zapszap member '\(options.id)' in \(config.key)", transport: .udp, address: address))
        console.out(style.dim("type a message and press return; /history, /who, /digest, /quit"))
        let interrupt = InterruptWatch { Task { await shell.stop() } }
        let me = options.id
        // Typed lines are handled one after the other, in the order they were typed.
        let (typed, type) = AsyncStream<String?>.makeStream()
        StandardInput.lines({ type.yield($0) }, end: { type.yield(nil) })
        let prompt = Task {
            for await line in typed {
                guard let line else {
                    await shell.command(.leave)
                    await shell.stop()
                    return
                }
                await Self.handle(line, shell: shell, me: me, online: presence.members.withLock { $0 }, console: console)
            }
        }
        var status: Int32 = 0
        do { try await shell.run() } catch {
            console.err("error: \(error)")
            status = 1
        }
        interrupt.cancel()
        prompt.cancel()
        let (digest, rejected) = await shell.inspect { (Self.digest(of: $0), $0.rejections) }
        console.out("dropped datagrams: \(rejected); not even an envelope \(await shell.undecodable)")
        console.out(NodeOutputLine.historyDigest(digest))
        if !trace.write(title: "zapszap member '\(options.id)'", console: console) { status = 1 }
        console.out("zapszap member '\(options.id)' stopped")
        return status
    }

    private static func handle(_ line: String, shell: NodeShell<Member>, me: NodeID, online: Set<NodeID>, console: Console) async {
        let text = line.trimmingCharacters(in: .whitespaces)
        switch text {
        case "": return
        case "/quit", "/exit":
            await shell.command(.leave)
            await shell.stop()
        case "/history":
            let history = await shell.inspect { $0.orderedHistory }
            console.out(history.isEmpty ? "no messages yet" : history.map { "  \($0.lamport) \($0.sender)#\($0.seq): \($0.text.escapingControlCharacters)" }.joined(separator: "\n"))
        case "/who":
            console.out("online: " + ([me] + online.sorted()).map(\.name).joined(separator: ", "))
        case "/digest":
            console.out(NodeOutputLine.historyDigest(await shell.inspect(Self.digest)))
        default:
            if text.hasPrefix("/") {
                console.out("unknown command \(text.split(separator: " ").first ?? ""): /history, /who, /digest, /quit")
            } else {
                await shell.command(.say(text))
            }
        }
    }

    private static func digest(of member: Member) -> NodeOutputLine.HistoryDigest {
        NodeOutputLine.HistoryDigest(hex: member.historyDigest.hex, count: member.orderedHistory.count)
    }

    private static func line(_ message: ChatMessage, at time: String, style: Style) -> String {
        "[\(time)] " + style.bold("\(message.sender)") + ": \(message.text.escapingControlCharacters)"
    }
}

/// Who the member currently sees online, updated by its events and read by `/who`.
private final class Presence: Sendable {
    let members = Lock<Set<NodeID>>([])
}

extension DateFormatter {
    /// `14:03:27`, for chat lines.
    static var chatClock: DateFormatter {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }
}
