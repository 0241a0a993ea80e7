#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabKit

#if canImport(Glibc)
private let streamType = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)  // the same flag `TCPConnection` sends with
#else
private let streamType = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif

/// The benchmark's baseline: a plain blocking `send`/`recv` loop over loopback on two dedicated threads,
/// with the same socket options as `TCPConnection` (`TCP_NODELAY`) and the same 1 MiB buffers.
enum BlockingTransfer {
    /// Sends `bytes` from one thread and receives them on another, timing first send to last receive.
    /// Runs on its own threads, never on Swift's cooperative pool, since every call here blocks.
    static func measure(bytes: Int, chunkSize: Int) async throws -> NetBenchmarkResult.Measurement {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { () throws(NetError) in try transfer(bytes: bytes, chunkSize: chunkSize) })
            }.start()
        }
    }

    private static func transfer(bytes: Int, chunkSize: Int) throws(NetError) -> NetBenchmarkResult.Measurement {
        let (client, server) = try connectedPair()
        defer {
            close(client)
            close(server)
        }
        let start = ContinuousClock.now
        let senderDone = DispatchSemaphore(value: 0)
        Thread {
            sendAll(bytes, chunkSize: chunkSize, on: client)
            senderDone.signal()
        }.start()
        defer { senderDone.wait() }  // the sender must be done with `client` before it is closed
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        var received = 0
        while received < bytes {
            let count = recv(server, buffer.baseAddress, chunkSize, 0)
            if count > 0 {
                received += count
            } else if count == 0 {
                throw .connectionClosed
            } else if errno != EINTR {
                throw .system(call: "recv", errno: errno)
            }
        }
        return NetBenchmarkResult.Measurement(bytes: bytes, elapsed: start.duration(to: .now))
    }

    /// Sends `bytes` from a 1 MiB buffer; on failure shuts the stream so the receiver sees end of file.
    private static func sendAll(_ bytes: Int, chunkSize: Int, on fd: Int32) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0x5A)
        var sent = 0
        while sent < bytes {
            var offset = 0
            let count = min(chunkSize, bytes - sent)
            while offset < count {
                let result = send(fd, buffer.baseAddress! + offset, count - offset, sendFlags)
                if result >= 0 {
                    offset += result
                } else if errno != EINTR {
                    shutdown(fd, Int32(SHUT_WR))
                    return
                }
            }
            sent += count
        }
    }

    /// A blocking client socket connected to a blocking accepted socket on 127.0.0.1, both with `TCP_NODELAY`.
    private static func connectedPair() throws(NetError) -> (client: Int32, server: Int32) {
        let listener = try makeSocket()
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound else { throw .system(call: "bind/listen", errno: errno) }
        let client = try makeSocket()
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
        }
        guard connected else {
            close(client)
            throw .system(call: "connect", errno: errno)
        }
        let server = accept(listener, nil, nil)
        guard server >= 0 else {
            close(client)
            throw .system(call: "accept", errno: errno)
        }
        var one: Int32 = 1
        setsockopt(server, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return (client, server)
    }

    private static func makeSocket() throws(NetError) -> Int32 {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return fd
    }
}
