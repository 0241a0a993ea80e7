#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabKit

/// Measures loopback TCP throughput of the `Net` layer against a plain blocking-socket baseline, in one run.
///
/// ```swift
/// let result = try await NetBenchmark.run(bytes: 1 << 30)
/// print(result.netToBaseline)   // ≥ 0.9 means the async layer costs little
/// ```
/// Rounds interleave the three transfers (baseline, `write`/`read(into:)`, `sendFile`) so machine noise hits
/// them alike; each figure is the best of its rounds. Every transfer uses 1 MiB buffers and `TCP_NODELAY`.
public enum NetBenchmark {
    /// Bytes per `send`/`write` and per `recv`/`read` in every transfer.
    static let chunkSize = 1 << 20
    /// The temporary file `sendFile` serves, sent repeatedly until `bytes` have gone out.
    static let fileSize = 64 << 20

    /// Transfers `bytes` over loopback `rounds` times in each of the three ways and reports the best of each.
    public static func run(bytes: Int = 1 << 30, rounds: Int = 3) async throws -> NetBenchmarkResult {
        precondition(bytes > 0 && rounds > 0, "the benchmark needs bytes and rounds above 0")
        let file = try BenchmarkFile(size: min(bytes, fileSize))
        defer { file.remove() }
        var baseline: [NetBenchmarkResult.Measurement] = []
        var net: [NetBenchmarkResult.Measurement] = []
        var sendFile: [NetBenchmarkResult.Measurement] = []
        for _ in 0..<rounds {
            baseline.append(try await BlockingTransfer.measure(bytes: bytes, chunkSize: chunkSize))
            net.append(try await measureWrites(bytes: bytes))
            sendFile.append(try await measureSendFile(bytes: bytes, file: file))
        }
        return NetBenchmarkResult(baseline: fastest(baseline), net: fastest(net), sendFile: fastest(sendFile), rounds: rounds)
    }

    /// `TCPConnection.write` of a 1 MiB buffer until `bytes` are sent, read with `read(into:)`.
    static func measureWrites(bytes: Int) async throws -> NetBenchmarkResult.Measurement {
        try await measure(bytes: bytes) { client in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
            defer { buffer.deallocate() }
            buffer.initializeMemory(as: UInt8.self, repeating: 0x5A)
            var sent = 0
            while sent < bytes {
                let count = min(chunkSize, bytes - sent)
                try await client.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                sent += count
            }
        }
    }

    /// `TCPConnection.sendFile` of the whole file, repeated until `bytes` are sent, read with `read(into:)`.
    static func measureSendFile(bytes: Int, file: BenchmarkFile) async throws -> NetBenchmarkResult.Measurement {
        try await measure(bytes: bytes) { client in
            var sent = 0
            while sent < bytes {
                let count = min(file.size, bytes - sent)
                try await client.sendFile(descriptor: file.descriptor, offset: 0, count: Int64(count))
                sent += count
            }
        }
    }

    /// Times `send` on a fresh loopback connection while the other end reads `bytes` into a 1 MiB buffer.
    private static func measure(bytes: Int, send: @escaping @Sendable (TCPConnection) async throws -> Void) async throws -> NetBenchmarkResult.Measurement {
        let listener = try TCPListener.bind(SocketAddress(host: "127.0.0.1", port: 0))
        async let accepted = listener.accept(timeout: .seconds(10))
        let client = try await TCPConnection.connect(to: listener.localAddress)
        let server = try await accepted
        listener.close()
        defer {
            client.close()
            server.close()
        }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await send(client) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
            defer { buffer.deallocate() }
            var received = 0
            while received < bytes {
                let count = try await server.read(into: buffer, timeout: .seconds(30))
                guard count > 0 else { throw NetError.connectionClosed }
                received += count
            }
            try await group.waitForAll()
        }
        return NetBenchmarkResult.Measurement(bytes: bytes, elapsed: start.duration(to: .now))
    }

    private static func fastest(_ measurements: [NetBenchmarkResult.Measurement]) -> NetBenchmarkResult.Measurement {
        measurements.max { $0.gigabytesPerSecond < $1.gigabytesPerSecond }!
    }
}
