import Foundation
import LabKit
import ZapsZapKit

/// `labrunner demo zapszap`: four chat members as separate processes on loopback, each dropping 20 % of what
/// it sends. They chat concurrently by script; bob is killed and restarted (his history comes back from his
/// storage folder); dave joins late. At the end every member prints its history digest: all must be equal.
struct ZapDemo: Sendable {
    let impl: Implementation
    /// Where the run's trace goes.
    let trace: DemoTrace
    let context: CommandContext

    func run() async throws -> Int32 {
        let names = ["alice", "bob", "carol", "dave"]
        let out = DemoConsole(console: context.console, style: context.style, names: names)
        let style = context.style
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-zapszap-demo-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        out.say("zapszap: 4 members as separate processes on loopback, each losing 20 % of what it sends (the \(impl.rawValue)'s code)")
        let addresses = Lock<[String: String]>([:])
        let digests = Lock<[String: NodeOutputLine.HistoryDigest]>([:])
        let (announced, announce) = AsyncStream<String>.makeStream()

        func start(_ name: String, peers: [String], port: String = "0") throws -> ChildProcess {
            let index = names.firstIndex(of: name)!
            var arguments = ["node", "zapszap", "--name", name, "--group", "demo", "--passphrase", "correct horse battery staple",
                             "--listen", "127.0.0.1:\(port)", "--drop", "0.2", "--seed", "\(index + 1)", "--sync-interval", "1s",
                             "--store", "\(folder)/\(name)", "--impl", impl.rawValue]
            for peer in peers { arguments += ["--peer", peer] }
            return try ChildProcess(name: name, executable: LabRunnerExecutable.running, arguments: arguments + trace.arguments(for: name), environment: context.environment) { line in
                out.line(from: name, index: index, line)
                if let address = NodeOutputLine.address(in: line) {
                    addresses.withLock { $0[name] = address }
                    trace.note(address: address, of: name)
                    announce.yield(name)
                }
                if let digest = NodeOutputLine.historyDigest(in: line) { digests.withLock { $0[name] = digest } }
            }
        }
        func address(_ name: String) async throws -> String {
            if let known = addresses.withLock({ $0[name] }) { return known }
            let seen = try? await withDeadline(.seconds(20)) { await announced.first { $0 == name } != nil }
            guard seen == true, let known = addresses.withLock({ $0[name] }) else { throw DemoError.didNotStart(name) }
            return known
        }

        var members: [String: ChildProcess] = [:]
        members["alice"] = try start("alice", peers: [])
        let alice = try await address("alice")
        members["bob"] = try start("bob", peers: [alice])
        let bob = try await address("bob")
        members["carol"] = try start("carol", peers: [alice, bob])
        _ = try await address("carol")

        for round in 1...3 {
            for name in ["alice", "bob", "carol"] { members[name]?.send("\(name) says hello #\(round)") }
            try await Task.sleep(for: .milliseconds(400))
        }
        out.say(style.red("killing bob (SIGKILL)"))
        members["bob"]?.kill()
        _ = await members["bob"]?.waitForExit()
        trace.note(.crash, "bob")
        for round in 4...5 {
            for name in ["alice", "carol"] { members[name]?.send("\(name) talks while bob is away #\(round)") }
            try await Task.sleep(for: .milliseconds(400))
        }
        let port = bob.split(separator: ":").last.map(String.init) ?? "0"
        out.say(style.green("restarting bob on \(bob) from his storage folder"))
        trace.note(.restart, "bob")
        members["bob"] = try start("bob", peers: [alice], port: port)
        out.say("dave joins late")
        members["dave"] = try start("dave", peers: [alice])
        _ = try await address("dave")
        try await Task.sleep(for: .milliseconds(500))
        for name in ["bob", "dave", "carol"] { members[name]?.send("\(name) is here #6") }
        out.say("letting anti-entropy repair what the loss took (every ~1 s)…")
        try await Task.sleep(for: .seconds(8))
        for name in names { members[name]?.send("/quit") }
        for name in names { _ = await members[name]?.waitForExit() }

        let collected = digests.withLock { $0 }
        out.say(style.bold("history digests"))
        for name in names { out.say("  \(pad(name, 6)) \(collected[name].map(\.description) ?? "none")") }
        let converged = collected.count == names.count && Set(collected.values).count == 1
        out.say(converged ? style.green("all four members hold the same history, in the same order")
                          : style.red("the members' histories differ (see above)"))
        trace.finish(out)
        return converged ? 0 : 1
    }
}

/// Why a demo could not go on.
enum DemoError: Error, CustomStringConvertible {
    case didNotStart(String)
    /// A client stopped before answering the request.
    case stopped(String)
    var description: String {
        switch self {
        case let .didNotStart(name): "\(name) did not start (see its output above)"
        case let .stopped(request): "the client stopped before answering '\(request)' (see its output above)"
        }
    }
}
