import Foundation
import LabKit

/// Runs one node in this process until it finishes, fails, is interrupted (Ctrl-C) or loses its parent,
/// printing its outputs and log and writing its trace.
struct LiveNode<Logic: NodeLogic>: Sendable {
    let logic: Logic
    let options: NodeOptions
    let transport: Transport
    let context: CommandContext
    /// What the node is, for the "listening" line (`ping server`).
    let title: String
    /// Whether `ctx.random` comes from the OS's secure generator (a deposit server's ids are credentials).
    var secureRandom = false
    /// Over TCP, the key the servers of the node's cluster share: the peers' names must be proven with it.
    var clusterKey: ClusterKey?
    /// Over TCP, the node's second path for bulk bytes (the deposit's data plane), if it has one.
    var bulkLane: (any BulkLane<Logic.Message>)?
    /// Over standard input: what the node does with each line typed (`nil`: it reads none), and when input ends.
    var prompt: Prompt?
    /// Formats an output for the terminal.
    let describe: @Sendable (Logic.Output) -> String

    /// A node's prompt: each line typed, in order, with the node's shell (a store's `digest`, Bob's messages),
    /// and the end of input (Ctrl-D, or the end of a pipe). A demo's child stops at the end instead: its parent is gone.
    struct Prompt: Sendable {
        let line: @Sendable (String, NodeShell<Logic>) async -> Void
        var ended: @Sendable (NodeShell<Logic>) async -> Void = { _ in }
    }

    /// Runs the node; `finished` sees every output and returns true when the node's work is done;
    /// `ready` runs once the node listens (to start reading commands, say).
    func run(finished: @escaping @Sendable (Logic.Output) -> Bool = { _ in false },
             ready: @escaping @Sendable (NodeShell<Logic>) -> Void = { _ in }) async -> Int32 {
        let console = context.console, style = context.style
        let trace = TraceRecorder(options), verbose = options.verbose
        let shellBox = Lock<NodeShell<Logic>?>(nil)
        var configuration = options.configuration(for: Logic.self, transport: transport)
        configuration.secureRandom = secureRandom
        configuration.clusterKey = clusterKey
        configuration.bulkLane = bulkLane
        let shell = NodeShell(logic, configuration: configuration) { event in
            switch event {
            case let .output(output):
                console.out(describe(output))
                if finished(output), let shell = shellBox.withLock({ $0 }) { Task { await shell.stop() } }
            case let .log(line):
                console.out(style.dim("· \(line)"))
            case let .trace(event):
                trace.record(event)
                if verbose, let line = Self.narrate(event) { console.out(style.dim(line)) }
            }
        }
        shellBox.withLock { $0 = shell }
        let address: SocketAddress
        do {
            address = try await shell.start()
        } catch {
            console.err("error: \(title) '\(options.id)' could not start: \(error)")
            return 1
        }
        console.out(NodeOutputLine.listening("\(title) '\(options.id)'", transport: transport, address: address))
        ready(shell)
        let stopOnSignal = InterruptWatch { Task { await shell.stop() } }
        // Started by `labrunner demo`: our stdin is a pipe from the parent; its end means the parent may be gone.
        let parentPipe = context.environment["LABRUNNER_PARENT_PIPE"] != nil, parent = getppid()
        let stopWhenParentGone: @Sendable () -> Void = { StandardInput.whenParentGone(parent) { Task { await shell.stop() } } }
        var typing: Task<Void, Never>?
        if let prompt {
            let (lines, feed) = AsyncStream<String?>.makeStream()
            StandardInput.lines({ feed.yield($0) }, end: { feed.yield(nil) })
            typing = Task {
                for await line in lines {
                    if let line { await prompt.line(line, shell) } else if parentPipe { stopWhenParentGone() } else { await prompt.ended(shell) }
                }
            }
        } else if parentPipe {
            StandardInput.watchForEnd(stopWhenParentGone)
        }
        var status: Int32 = 0
        do {
            try await shell.run()
        } catch let error as NodeShellError where error.notImplemented != nil {
            console.err("error: \(error.notImplemented!) — see exercises/\(title.split(separator: " ").first ?? "").md")
            status = 1
        } catch {
            console.err("error: \(error)")
            status = 1
        }
        stopOnSignal.cancel()
        typing?.cancel()
        if !trace.write(title: "\(title) '\(options.id)'", console: console) { status = 1 }
        console.out("\(title) '\(options.id)' stopped")
        return status
    }

    /// One line for `--verbose`: messages and timers, not the logs and outputs printed anyway.
    private static func narrate(_ event: TraceEvent) -> String? {
        switch event.kind {
        case .send: "→ \(event.detail) to \(event.peer?.name ?? "?")"
        case .receive: "← \(event.detail) from \(event.peer?.name ?? "?")"
        case .drop: "✕ \(event.detail) (to \(event.peer?.name ?? "?"))"
        case .timerFired: "⏰ \(event.detail)"
        default: nil
        }
    }
}
