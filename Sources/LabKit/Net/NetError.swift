#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a network operation failed. Every socket call in `Net` throws one of these (or `CancellationError`).
///
/// Each case prints as a sentence a student can act on, for example
/// `connectionRefused(127.0.0.1:9000)` reads "connection to 127.0.0.1:9000 was refused: nothing is listening there".
public enum NetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `text` is not an address this kit understands; `reason` says what is wrong with it.
    case invalidAddress(String, reason: String)
    /// Another socket (often an earlier run of the same program) is already bound to this address.
    case addressInUse(SocketAddress)
    /// Nothing accepts connections at this address: the server is not running or listens elsewhere.
    case connectionRefused(SocketAddress)
    /// `operation` did not complete within `after`; the socket is still usable unless it was a connect.
    case timedOut(operation: String, after: Duration)
    /// The peer closed the connection, so nothing more can be written (or a read needed more bytes).
    case connectionClosed
    /// The peer reset the connection: it crashed or closed without reading what it was sent.
    case connectionReset
    /// The connection ended in the middle of a frame, after `received` of its bytes had arrived.
    case truncatedFrame(received: Int)
    /// A UDP datagram of `bytes` bytes is larger than the system will send in one datagram.
    case datagramTooLarge(bytes: Int)
    /// A file given to `sendFile` ended at byte `offset`, before the requested range was sent.
    case fileEnded(offset: Int64)
    /// This program closed the socket, possibly while an operation was waiting on it.
    case socketClosed
    /// The system call `call` failed with `errno`; the description includes the system's explanation.
    case system(call: String, errno: Int32)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case let .invalidAddress(text, reason):
            "\"\(text)\" is not a valid address: \(reason)"
        case let .addressInUse(address):
            "address \(address) is already in use: another program (or an earlier run) is bound to it"
        case let .connectionRefused(address):
            "connection to \(address) was refused: nothing is listening there"
        case let .timedOut(operation, after):
            "\(operation) timed out after \(Self.readable(after))"
        case .connectionClosed:
            "the peer closed the connection"
        case .connectionReset:
            "the peer reset the connection: it crashed or closed without reading everything it was sent"
        case let .truncatedFrame(received):
            "the connection closed in the middle of a frame, after \(received) of its bytes had arrived"
        case let .datagramTooLarge(bytes):
            "a datagram of \(bytes) bytes is too large for UDP (at most 65507 bytes over IPv4)"
        case let .fileEnded(offset):
            "the file ended at byte \(offset), before the requested range was sent"
        case .socketClosed:
            "the socket was closed by this program"
        case let .system(call, code):
            "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }

    /// `2 s`, `1.5 s` or `250 ms`: durations as a person writes them.
    private static func readable(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds >= 1000 {
            return milliseconds % 1000 == 0 ? "\(seconds) s" : "\(Double(milliseconds) / 1000) s"
        }
        return "\(milliseconds) ms"
    }
}
