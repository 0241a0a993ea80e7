#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turning host text into address bytes and back.
extension SocketAddress {
    /// The address bytes for `host`: a numeric literal first, then `localhost`, then a `getaddrinfo` name lookup.
    static func resolve(_ host: String) throws(NetError) -> Storage {
        var text = host
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty else { throw .invalidAddress(host, reason: "the host is empty") }
        if let numeric = try? lookup(text, numericOnly: true) { return numeric }
        if text.lowercased() == "localhost" { return .v4(UInt32(0x7F00_0001).bigEndian) }
        do {
            return try lookup(text, numericOnly: false)
        } catch let .system(_, code) {
            throw .invalidAddress(host, reason: "cannot resolve this host name: \(String(cString: gai_strerror(code)))")
        }
    }

    /// The first IPv4 or IPv6 result of `getaddrinfo(text)`; the error's errno holds the `EAI_*` code.
    private static func lookup(_ text: String, numericOnly: Bool) throws(NetError) -> Storage {
        var hints = addrinfo()
        hints.ai_flags = numericOnly ? AI_NUMERICHOST : 0
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Platform.streamType
        var results: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(text, nil, &hints, &results)
        guard code == 0 else { throw .system(call: "getaddrinfo", errno: code) }
        defer { freeaddrinfo(results) }
        var entry = results
        while let current = entry {
            if let address = current.pointee.ai_addr, current.pointee.ai_addrlen <= MemoryLayout<sockaddr_storage>.size {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen)))
                }
                if let parsed = SocketAddress(storage) { return parsed.storage }
            }
            entry = current.pointee.ai_next
        }
        throw .system(call: "getaddrinfo", errno: EAI_NONAME)
    }

    /// `127.0.0.1`, `::1`, or `fe80::1%2`: the literal `inet_ntop` writes, plus any scope id.
    static func numericHost(_ storage: Storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch storage {
        case var .v4(address):
            _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        case let .v6(high, low, scope):
            var words = (high, low)
            _ = inet_ntop(AF_INET6, &words, &text, socklen_t(text.count))
            let literal = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return scope == 0 ? literal : "\(literal)%\(scope)"
        }
    }
}
