/// An IP address and port: where a socket is bound or where to send and connect.
///
/// Prints the way it parses, so it round-trips through command lines and logs:
/// ```swift
/// let server = try SocketAddress.parse("127.0.0.1:9000")   // or "[::1]:9000", "localhost:9000"
/// print(server)                                             // 127.0.0.1:9000
/// ```
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address bytes without any heap allocation, so a UDP receive costs no extra allocation for its sender.
    enum Storage: Hashable, Sendable {
        /// An IPv4 address as `in_addr.s_addr` holds it (network byte order).
        case v4(UInt32)
        /// The 16 bytes of an IPv6 address as two words in memory order, and its scope (interface) id.
        case v6(UInt64, UInt64, scope: UInt32)
    }

    let storage: Storage
    /// The port number, in host byte order; 0 asks `bind` for any free (ephemeral) port.
    public let port: UInt16

    init(storage: Storage, port: UInt16) {
        self.storage = storage
        self.port = port
    }

    /// The address for `host` and `port`: an IPv4 literal, an IPv6 literal (brackets optional),
    /// `localhost` (always 127.0.0.1), or a name resolved with `getaddrinfo`.
    ///
    /// Resolving a name may wait for DNS; do it once at start-up, not on every message.
    public init(host: String, port: UInt16) throws(NetError) {
        self.init(storage: try Self.resolve(host), port: port)
    }

    /// Parses `HOST:PORT` or `[IPV6]:PORT`, as typed on a command line (`--peer 10.0.0.2:9000`).
    public static func parse(_ text: String) throws(NetError) -> SocketAddress {
        let (host, portText) = try split(text)
        guard !portText.isEmpty else { throw .invalidAddress(text, reason: "the port is missing after the colon") }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidAddress(text, reason: "the port \"\(portText)\" is not a number")
        }
        guard let port = UInt16(portText) else {
            throw .invalidAddress(text, reason: "the port \(portText) is not between 0 and 65535")
        }
        guard !host.isEmpty else { throw .invalidAddress(text, reason: "the host is missing before the colon") }
        do {
            return try SocketAddress(host: String(host), port: port)
        } catch let NetError.invalidAddress(_, reason) {
            throw .invalidAddress(text, reason: reason)
        }
    }

    /// The host as a numeric literal: `127.0.0.1`, `::1`, or `fe80::1%2` with a scope id.
    public var host: String { Self.numericHost(storage) }

    /// True for IPv6 addresses.
    public var isIPv6: Bool {
        if case .v6 = storage { true } else { false }
    }

    /// `127.0.0.1:9000` or `[::1]:9000`.
    public var description: String {
        isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Splits `text` into host and port text, insisting on brackets around IPv6 literals.
    private static func split(_ text: String) throws(NetError) -> (Substring, Substring) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw .invalidAddress(text, reason: "the \"[\" of an IPv6 address has no closing \"]\"")
            }
            let afterBracket = text.index(after: close)
            guard afterBracket < text.endIndex, text[afterBracket] == ":" else {
                throw .invalidAddress(text, reason: "expected \":PORT\" after the \"]\", like [::1]:9000")
            }
            return (text[text.index(after: text.startIndex)..<close], text[text.index(after: afterBracket)...])
        }
        guard let colon = text.lastIndex(of: ":") else {
            throw .invalidAddress(text, reason: "expected HOST:PORT, like 127.0.0.1:9000")
        }
        let host = text[..<colon]
        if host.contains(":") {
            throw .invalidAddress(text, reason: "an IPv6 address needs brackets, like [::1]:9000")
        }
        return (host, text[text.index(after: colon)...])
    }
}
