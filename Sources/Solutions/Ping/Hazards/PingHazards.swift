import PingKit

/// Ping servers that do to their process what a student's code might: trap, loop forever, eat memory. Not
/// mutants (a mutant misbehaves within the rules and the in-process `MutantTests` run it): these prove that
/// `labrunner grade` and `swift test` contain them — each fails `ping.1.1-answer` and `ping.3.1-live-udp` with
/// a clear message while the client's scenarios still pass and the score table prints. They live here, in the
/// solutions (absent from the handout), because the grading worker inside the `labrunner` binary runs them.
public enum PingHazards {
    /// Each hazard, the scenarios it fails, and the time limit those get (`nil`: their own) — per seed in a
    /// simulated scenario, for the whole of a live one. The endless loop's is short, so that proving it ends
    /// costs seconds, not the default minutes.
    public static let servers: [(name: String, server: any PingServerNode.Type, caughtBy: [String], timeLimit: Duration?)] = [
        ("ping hazard: index out of range", IndexingServer.self, caught, nil),
        ("ping hazard: arithmetic overflow", OverflowingServer.self, caught, nil),
        ("ping hazard: force unwrap of nil", UnwrappingServer.self, caught, nil),
        ("ping hazard: endless loop", LoopingServer.self, caught, .seconds(5)),
        ("ping hazard: runaway memory", HoardingServer.self, caught, nil),
    ]

    /// The server's scenarios.
    static let caught = ["ping.1.1-answer", "ping.3.1-live-udp"]
}

/// Answers each ping from a table of pongs it never filled.
struct IndexingServer: PingServerNode {
    var sent: [PingMessage] = []

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .ping(seq, attempt) = message else { return }
        ctx.send(sent[Int(seq)], to: sender)
        sent.append(.pong(seq: seq, attempt: attempt))
    }
}

/// Counts the pings it answered in a counter that starts near its limit.
struct OverflowingServer: PingServerNode {
    var answered = UInt32.max - 1

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .ping(seq, attempt) = message else { return }
        answered += seq + attempt
        ctx.send(.pong(seq: seq, attempt: attempt), to: sender)
    }
}

/// Answers from the client it remembers, which it never remembered.
struct UnwrappingServer: PingServerNode {
    var lastClient: NodeID?

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .ping(seq, attempt) = message else { return }
        ctx.send(.pong(seq: seq, attempt: attempt), to: lastClient!)
        lastClient = sender
    }
}

/// Waits for a ping that is already here.
struct LoopingServer: PingServerNode {
    var waiting = true

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .ping(seq, attempt) = message else { return }
        var spins = 0
        while waiting { spins &+= 1 }
        ctx.send(.pong(seq: seq, attempt: attempt), to: sender)
    }
}

/// Keeps a copy of every buffer it ever sized for a pong, and sizes them ever larger.
struct HoardingServer: PingServerNode {
    var hoard: [[UInt8]] = []

    mutating func receive(_ message: PingMessage, from sender: NodeID, _ ctx: inout PingContext) throws {
        guard case let .ping(seq, attempt) = message else { return }
        while hoard.count < Int.max {
            hoard.append([UInt8](repeating: UInt8(truncatingIfNeeded: hoard.count), count: 64 << 20))
        }
        ctx.send(.pong(seq: seq, attempt: attempt), to: sender)
    }
}
