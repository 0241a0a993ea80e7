import Catalog
import Foundation
import LabKit
import MessagingKit
import VideoKit
import ZapsZapKit

/// `labrunner bench net|video|deposit|zapszap|messaging`: each lab's figures next to baselines measured in the same run (for `net`,
/// loopback TCP against a plain blocking socket loop, and the simulator's messages per second). Figures, not assertions.
struct BenchCommand: RunnerCommand {
    let spec = CommandSpec(name: "bench", maxPositionals: 1, options: [
        .init(name: "bytes", takesValue: true), .init(name: "json", takesValue: true),
        .init(name: "size", takesValue: true), .init(name: "impl", takesValue: true), .init(name: "rounds", takesValue: true),
    ], help: Help.bench)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        switch arguments.positionals.first {
        case "net": return try await net(arguments, context)
        case "video": return try await video(arguments, context)
        case "deposit": return try await deposit(arguments, context)
        case "zapszap": return try zapszap(arguments, context)
        case "messaging": return try await messaging(arguments, context)
        case nil: throw UsageError("bench needs a subject, e.g. 'bench net'", command: "bench")
        case let other?: throw UsageError("nothing to bench named '\(other)' (subjects: net, video, deposit, zapszap, messaging)", command: "bench")
        }
    }

    private func video(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let size = try arguments.byteCount("size", command: "bench") ?? 2 << 30
        let rounds = try arguments.integer("rounds", in: 1...9, command: "bench") ?? 3
        let impl = try context.implementation(arguments)
        #if DEBUG
        context.console.out(context.style.yellow("note: this is a debug build; measure with 'swift run -c release labrunner bench video'"))
        #endif
        let result = try await open(VideoImplementations.bundle(impl), size: size, rounds: rounds, impl: impl, context)
        if let path = arguments.value("json") {
            try JSONResults.write(result, to: path, console: context.console)
        }
        return 0
    }

    private func open<V: VideoImplementation>(_: V.Type, size: Int, rounds: Int, impl: Implementation,
                                              _ context: CommandContext) async throws -> VideoBenchmarkResult {
        try await VideoBenchmark<V>(bytes: size, rounds: rounds, rssSizes: [1 << 30, 4 << 30], impl: impl, context: context).run()
    }

    private func deposit(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let size = try arguments.byteCount("size", command: "bench") ?? 1 << 30
        #if DEBUG
        context.console.out(context.style.yellow("note: this is a debug build; measure with 'swift run -c release labrunner bench deposit'"))
        #endif
        let rounds = try arguments.integer("rounds", in: 1...9, command: "bench") ?? 3
        let result = try await DepositBenchmark(bytes: size, rounds: rounds, rssSizes: [size, 4 * size], impl: try context.implementation(arguments),
                                                context: context).run()
        if let path = arguments.value("json") {
            try JSONResults.write(result, to: path, console: context.console)
        }
        return 0
    }

    private func zapszap(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let result = try measure(ZapsZapImplementations.peer(try context.implementation(arguments)), context)
        if let path = arguments.value("json") {
            try JSONResults.write(result, to: path, console: context.console)
        }
        return 0
    }

    private func measure<Peer: ChatPeerNode>(_: Peer.Type, _ context: CommandContext) throws -> ZapBenchmarkResult {
        try ZapBenchmark<Peer>(context: context).run()
    }

    private func messaging(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        #if DEBUG
        context.console.out(context.style.yellow("note: this is a debug build; measure with 'swift run -c release labrunner bench messaging'"))
        #endif
        let impl = try context.implementation(arguments)
        let result = try await measure(MessagingImplementations.toolkit(impl), impl: impl, context)
        if let path = arguments.value("json") {
            try JSONResults.write(result, to: path, console: context.console)
        }
        return 0
    }

    private func measure<Toolkit: RSAToolkit>(_: Toolkit.Type, impl: Implementation, _ context: CommandContext) async throws -> MessagingBenchmarkResult {
        try await MessagingBenchmark<Toolkit>(impl: impl, context: context, seconds: 3).run()
    }

    private func net(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let megabytes = try arguments.integer("bytes", in: 1...65_536, command: "bench") ?? 1024
        let console = context.console
        #if DEBUG
        console.out(context.style.yellow("note: this is a debug build; measure with 'swift run -c release labrunner bench net'"))
        #endif
        console.out("Loopback TCP, \(megabytes) MiB per transfer, best of 3 interleaved rounds…")
        let net = try await NetBenchmark.run(bytes: megabytes << 20)
        for (name, measurement, ratio) in [("plain blocking sockets (baseline)", net.baseline, 1.0),
                                            ("Net TCPConnection write/read", net.net, net.netToBaseline),
                                            ("Net sendFile → read", net.sendFile, net.sendFileToBaseline)] {
            console.out("  " + pad(name, 36) + String(format: "%6.2f GB/s  %.2f× baseline", measurement.gigabytesPerSecond, ratio))
        }
        console.out("  (goal: Net ≥ 0.9× baseline)")
        console.out("Simulator: delivering 3,000,000 messages (8 pairs, 64 in flight each, 1–5 ms random delays, each through its encoder and decoder, tracing off)…")
        let sim = try SimulatorBenchmark.run()
        console.out(String(format: "  %.2f M messages/s (%d delivered in %.2f s; goal ≥ 1 M/s)", sim.messagesPerSecond / 1e6, sim.delivered, sim.seconds))
        if let path = arguments.value("json") {
            struct Document: Encodable { let net: NetBenchmarkResult; let simulator: SimulatorBenchmark.Result; let simulatorMessagesPerSecond: Double }
            try JSONResults.write(Document(net: net, simulator: sim, simulatorMessagesPerSecond: sim.messagesPerSecond), to: path, console: console)
        }
        return 0
    }
}
