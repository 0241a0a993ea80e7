#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions between `SocketAddress` and the C `sockaddr` structures the socket calls take.
extension SocketAddress {
    /// The address family for `socket(2)`: `AF_INET` or `AF_INET6`.
    var family: Int32 { isIPv6 ? AF_INET6 : AF_INET }

    /// The address in `storage`, or `nil` for families other than IPv4 and IPv6 (such as Unix sockets).
    init?(_ storage: sockaddr_storage) {
        let family = Int32(storage.ss_family)
        let parsed: SocketAddress? = withUnsafeBytes(of: storage) { raw in
            switch family {
            case AF_INET:
                let address = raw.load(as: sockaddr_in.self)
                return SocketAddress(storage: .v4(address.sin_addr.s_addr), port: UInt16(bigEndian: address.sin_port))
            case AF_INET6:
                let address = raw.load(as: sockaddr_in6.self)
                let words = withUnsafeBytes(of: address.sin6_addr) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
                return SocketAddress(storage: .v6(words.0, words.1, scope: address.sin6_scope_id),
                                     port: UInt16(bigEndian: address.sin6_port))
            default:
                return nil
            }
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Calls `body` with this address as a `sockaddr` pointer and its length, as `bind`, `connect` and `sendto` take.
    func withSockAddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(NetError) -> Result) throws(NetError) -> Result {
        switch storage {
        case let .v4(address):
            var raw = sockaddr_in()
            raw.sin_family = sa_family_t(AF_INET)
            raw.sin_port = port.bigEndian
            raw.sin_addr.s_addr = address
            #if canImport(Darwin)
            raw.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
            #endif
            return try withUnsafePointer(to: &raw) { pointer throws(NetError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(NetError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case let .v6(high, low, scope):
            var raw = sockaddr_in6()
            raw.sin6_family = sa_family_t(AF_INET6)
            raw.sin6_port = port.bigEndian
            raw.sin6_scope_id = scope
            withUnsafeMutableBytes(of: &raw.sin6_addr) {
                $0.storeBytes(of: high, as: UInt64.self)
                $0.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
            }
            #if canImport(Darwin)
            raw.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
            #endif
            return try withUnsafePointer(to: &raw) { pointer throws(NetError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(NetError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Calls `fill` (`getsockname`, `accept`, `recvfrom`…) with room for any address, then reads what it wrote.
    static func filled(by fill: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32) -> (result: Int32, address: SocketAddress?) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { fill($0, &length) }
        }
        return (result, result >= 0 ? SocketAddress(storage) : nil)
    }

    /// The address `fd` is bound to, via `getsockname`.
    static func local(of fd: Int32) throws(NetError) -> SocketAddress {
        let (result, address) = filled { getsockname(fd, $0, $1) }
        guard result == 0 else { throw .system(call: "getsockname", errno: errno) }
        guard let address else { throw .system(call: "getsockname", errno: EAFNOSUPPORT) }
        return address
    }

    /// The address of the peer `fd` is connected to, via `getpeername`.
    static func remote(of fd: Int32) throws(NetError) -> SocketAddress {
        let (result, address) = filled { getpeername(fd, $0, $1) }
        guard result == 0 else { throw .system(call: "getpeername", errno: errno) }
        guard let address else { throw .system(call: "getpeername", errno: EAFNOSUPPORT) }
        return address
    }
}
