// Lab 0 — ping: the contract shared by the skeleton, the solution and the graders. Given, not an exercise.

import LabKit

/// The two messages of the ping protocol.
public enum PingMessage: WireCodable, Sendable, Equatable, CustomStringConvertible {
    /// "Are you there?" — the `attempt`-th try of ping number `seq` (both count from 1).
    case ping(seq: UInt32, attempt: UInt32)
    /// The answer to `ping(seq, attempt)`, echoing both numbers so the client knows which try it answers.
    case pong(seq: UInt32, attempt: UInt32)

    public func encode(to writer: inout WireWriter) {
        switch self {
        case let .ping(seq, attempt): writer.write(UInt8(1)); writer.write(seq); writer.write(attempt)
        case let .pong(seq, attempt): writer.write(UInt8(2)); writer.write(seq); writer.write(attempt)
        }
    }

    public init(from reader: inout WireReader) throws(WireError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .ping(seq: try reader.read(), attempt: try reader.read())
        case 2: self = .pong(seq: try reader.read(), attempt: try reader.read())
        case let tag: throw .unknownTag(type: "PingMessage", tag: UInt64(tag))
        }
    }

    public var description: String {
        switch self {
        case let .ping(seq, attempt): "PING \(seq)/\(attempt)"
        case let .pong(seq, attempt): "PONG \(seq)/\(attempt)"
        }
    }
}

/// What a ping client reports to its user.
public enum PingEvent: Sendable, Equatable, CustomStringConvertible {
    /// Ping `seq` was answered; `rtt` is the round trip of the attempt the pong answers.
    case reply(seq: UInt32, attempt: UInt32, rtt: Duration)
    /// Ping `seq` got no answer after `attempts` tries; the client moved on.
    case gaveUp(seq: UInt32, attempts: UInt32)

    public var description: String {
        switch self {
        case let .reply(seq, attempt, rtt): "reply \(seq) (attempt \(attempt)) rtt=\((rtt.milliseconds * 100).rounded() / 100) ms"
        case let .gaveUp(seq, attempts): "no reply to \(seq) after \(attempts) attempts"
        }
    }
}

/// How a ping client behaves.
public struct PingClientConfig: Sendable, Equatable {
    /// The node to ping.
    public var server: NodeID
    /// How many pings to send, one at a time (numbered 1...count).
    public var count: UInt32
    /// How long to wait for a pong before trying again.
    public var timeout: Duration
    /// How many tries each ping gets before the client gives up on it.
    public var maxAttempts: UInt32
    /// The pause between an answered (or abandoned) ping and the next one.
    public var interval: Duration

    public init(server: NodeID, count: UInt32 = 10, timeout: Duration = .milliseconds(200),
                maxAttempts: UInt32 = 20, interval: Duration = .milliseconds(100)) {
        self.server = server
        self.count = count
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.interval = interval
    }
}

/// What a ping node's handlers receive: the time, its random generator, and where its effects go.
public typealias PingContext = NodeContext<PingMessage, PingEvent>

/// A ping server: the role students write in exercise 1.
public protocol PingServerNode: NodeLogic where Message == PingMessage, Output == PingEvent {
    init()
}

/// A ping client: the role students write in exercises 2 and 3.
public protocol PingClientNode: NodeLogic where Message == PingMessage, Output == PingEvent {
    init(config: PingClientConfig)
}

extension Duration {
    /// This duration in (fractional) milliseconds, for display.
    public var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
}
