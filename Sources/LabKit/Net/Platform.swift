#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket constants and calls that Glibc and Darwin spell differently, in one place.
enum Platform {
    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let datagramType = Int32(SOCK_DGRAM.rawValue)
    /// Linux reports a closed peer as EPIPE instead of raising SIGPIPE only when asked per send.
    static let sendFlags = Int32(MSG_NOSIGNAL)
    static let tcpLevel = Int32(IPPROTO_TCP)
    static let ipv6Level = Int32(IPPROTO_IPV6)
    static let shutdownWrite = Int32(SHUT_WR)
    #else
    static let streamType = SOCK_STREAM
    static let datagramType = SOCK_DGRAM
    /// Darwin has no MSG_NOSIGNAL; sockets get SO_NOSIGPIPE instead (see `configure`).
    static let sendFlags: Int32 = 0
    static let tcpLevel = IPPROTO_TCP
    static let ipv6Level = IPPROTO_IPV6
    static let shutdownWrite = SHUT_WR
    #endif

    /// Receive buffer for UDP sockets: loopback bursts overflow the default and lose datagrams.
    static let datagramReceiveBuffer: Int32 = 4 << 20

    /// Ignores SIGPIPE for the whole process, once: `sendfile` has no MSG_NOSIGNAL flag, and a write to a
    /// closed peer must become an error rather than kill the program.
    static func ignoreBrokenPipeSignal() { _ = brokenPipeIgnored }
    private static let brokenPipeIgnored: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A new non-blocking, close-on-exec socket of `type` for `family`.
    static func makeSocket(family: Int32, type: Int32) throws(NetError) -> Int32 {
        let fd = socket(family, type, 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        do throws(NetError) {
            try configure(fd)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Makes `fd` non-blocking and close-on-exec, and on Darwin stops writes to a closed peer raising SIGPIPE.
    static func configure(_ fd: Int32) throws(NetError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw .system(call: "fcntl(O_NONBLOCK)", errno: errno)
        }
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw .system(call: "fcntl(FD_CLOEXEC)", errno: errno) }
        #if canImport(Darwin)
        try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1 as Int32, name: "SO_NOSIGPIPE")
        #endif
    }

    /// `setsockopt(fd, level, option, value)`, naming `name` in the error.
    static func setOption<Value>(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Value,
                                 name: String) throws(NetError) {
        var value = value
        let result = withUnsafeBytes(of: &value) {
            setsockopt(fd, level, option, $0.baseAddress, socklen_t($0.count))
        }
        guard result == 0 else { throw .system(call: "setsockopt(\(name))", errno: errno) }
    }

    /// Turns off Nagle's algorithm so small frames leave at once instead of waiting for more bytes.
    static func disableNagle(_ fd: Int32) throws(NetError) {
        try setOption(fd, tcpLevel, TCP_NODELAY, 1 as Int32, name: "TCP_NODELAY")
    }

    /// Binds `fd` to `address`, reporting a taken address as `addressInUse`.
    static func bindSocket(_ fd: Int32, to address: SocketAddress) throws(NetError) {
        let code = try address.withSockAddr { raw, length throws(NetError) in bind(fd, raw, length) == 0 ? 0 : errno }
        guard code == 0 else { throw code == EADDRINUSE ? .addressInUse(address) : .system(call: "bind", errno: code) }
    }

    /// Starts connecting `fd` to `address`: 0 on success, otherwise the errno (EINPROGRESS when non-blocking).
    static func startConnect(_ fd: Int32, to address: SocketAddress) -> Int32 {
        (try? address.withSockAddr { raw, length in connect(fd, raw, length) == 0 ? 0 : errno }) ?? EINVAL
    }

    /// Accepts one pending connection on `fd`: the new descriptor and its peer, or the errno.
    static func acceptConnection(_ fd: Int32) -> Result<(Int32, SocketAddress?), NetError> {
        var client: Int32 = -1
        let (_, peer) = SocketAddress.filled { raw, length in
            client = accept(fd, raw, length)
            return client
        }
        return client >= 0 ? .success((client, peer)) : .failure(.system(call: "accept", errno: errno))
    }

    /// The error a non-blocking `connect` ended with (`SO_ERROR`), 0 if none.
    static func pendingError(_ fd: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 ? code : errno
    }

    /// `close(2)`, callable from types that have a `close()` method of their own.
    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// True for the errno values that mean "not now, try again when the socket is ready".
    static func wouldBlock(_ code: Int32) -> Bool {
        code == EAGAIN || code == EWOULDBLOCK
    }
}
