import Foundation
import LabKit

/// `labrunner demo ping`: a server and N clients as separate processes on loopback. The clients inject 10 %
/// loss on their own traffic; the server is killed mid-run and restarted on the same port; the clients'
/// retries carry every ping through. Ends with each client's summary.
struct PingDemo: Sendable {
    let clients: Int
    let impl: Implementation
    /// Where the run's trace goes.
    let trace: DemoTrace
    let context: CommandContext

    func run() async throws -> Int32 {
        let names = ["server"] + (1...clients).map { "client-\($0)" }
        let out = DemoConsole(console: context.console, style: context.style, names: names)
        let started = ContinuousClock.now
        let elapsed = { String(format: "%.1f s", (ContinuousClock.now - started).milliseconds / 1000) }
        out.say("ping: 1 server and \(clients) clients as separate processes on loopback, running the \(impl.rawValue)'s code")
        out.say("the clients drop 10 % of what they send; the server will be killed and restarted once")

        let address = Lock<String?>(nil)
        let ready = AsyncStream<Void>.makeStream()
        let serverArguments = { (listen: String) in ["node", "ping", "server", "--listen", listen, "--verbose", "--impl", impl.rawValue] }
        var server = try spawn("server", index: 0, serverArguments("127.0.0.1:0"), out) { line in
            if address.withLock({ $0 }) == nil, let found = NodeOutputLine.address(in: line) {
                address.withLock { $0 = found }
                ready.continuation.yield()
            }
        }
        let readiness = ready.stream
        let listening = try? await withDeadline(.seconds(20)) { await readiness.first { true } != nil }
        guard listening == true, let serverAddress = address.withLock({ $0 }) else {
            server.kill()
            out.say(context.style.red("the server did not start (see its output above)"))
            return 1
        }

        let summaries = Lock<[String: String]>([:])
        var children: [ChildProcess] = []
        for number in 1...clients {
            let name = "client-\(number)"
            children.append(try spawn(name, index: number, [
                "node", "ping", "client", "--id", name, "--server", serverAddress, "--count", "20",
                "--interval", "100ms", "--timeout", "250ms", "--drop", "0.1", "--seed", "\(number)", "--impl", impl.rawValue,
            ], out) { line in
                if line.hasPrefix("summary: ") { summaries.withLock { $0[name] = String(line.dropFirst(9)) } }
            })
        }

        try await Task.sleep(for: .seconds(1))
        out.say(context.style.red("killing the server (SIGKILL) at \(elapsed())"))
        server.kill()
        _ = await server.waitForExit()
        trace.note(.crash, "server")
        try await Task.sleep(for: .milliseconds(1500))
        out.say(context.style.green("restarting the server on \(serverAddress) at \(elapsed())"))
        trace.note(.restart, "server")
        server = try spawn("server", index: 0, serverArguments(serverAddress), out) { _ in }

        let clientProcesses = children
        let statuses = try? await withDeadline(.seconds(90)) {
            var statuses: [Int32] = []
            for child in clientProcesses { statuses.append(await child.waitForExit()) }
            return statuses
        }
        server.terminate()
        _ = await server.waitForExit()
        guard let statuses else {
            children.forEach { $0.kill() }
            out.say(context.style.red("the clients did not finish within 90 s"))
            return 1
        }

        out.say(context.style.bold("summary after \(elapsed())"))
        let collected = summaries.withLock { $0 }
        for (number, status) in statuses.enumerated() {
            let name = "client-\(number + 1)"
            out.say("  \(pad(name, 9)) \(collected[name] ?? "no summary (exit status \(status))")")
        }
        let success = statuses.allSatisfy { $0 == 0 }
        out.say(success ? context.style.green("every client finished every ping despite the loss and the server's crash")
                        : context.style.red("some clients did not finish every ping (see above)"))
        trace.finish(out)
        return success ? 0 : 1
    }

    private func spawn(_ name: String, index: Int, _ arguments: [String], _ out: DemoConsole,
                       onLine: @escaping @Sendable (String) -> Void) throws -> ChildProcess {
        try ChildProcess(name: name, executable: LabRunnerExecutable.running, arguments: arguments + trace.arguments(for: name), environment: context.environment) { line in
            out.line(from: name, index: index, line)
            onLine(line)
        }
    }
}
