#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabKit
import Testing

@Suite(.timeLimit(.minutes(2))) struct TCPTransferTests {
    @Test("64 MiB written in uneven chunks arrive intact through read(into:)")
    func bulk() async throws {
        let total = 64 << 20
        let period = 65_521  // prime, so chunk boundaries never line up with the pattern
        let cycle = Loopback.pattern(period)
        let source = Array((0..<(period + (1 << 20))).lazy.map { cycle[$0 % period] })  // byte k of the stream is cycle[k % period]
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        let (received, mismatches) = try await Loopback.bounded(.seconds(90)) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: source.count, alignment: 16)
                    defer { buffer.deallocate() }
                    buffer.copyBytes(from: source)
                    var sent = 0
                    while sent < total {
                        let length = min(total - sent, (1 << 20) - sent % 4099)
                        let start = sent % period
                        try await client.write(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]))
                        sent += length
                    }
                    try client.shutdownWrite()
                }
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
                defer { buffer.deallocate() }
                var received = 0
                var mismatches = 0
                while true {
                    let count = try await server.read(into: buffer, timeout: .seconds(60))
                    if count == 0 { break }
                    let matches = source.withUnsafeBytes { expected in
                        memcmp(buffer.baseAddress!, expected.baseAddress! + received % period, count) == 0
                    }
                    if !matches { mismatches += 1 }
                    received += count
                }
                try await group.waitForAll()
                return (received, mismatches)
            }
        }
        #expect(received == total)
        #expect(mismatches == 0)
    }

    @Test("sendFile sends exactly the requested range of a file")
    func sendFileRange() async throws {
        let contents = Loopback.pattern(8 << 20)
        let file = try TemporaryFile(contents)
        defer { file.remove() }
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        let offset = 12_345
        let count = 7_000_000
        let received = try await Loopback.bounded {
            async let all = Loopback.readAll(server)
            try await client.sendFile(descriptor: file.descriptor, offset: Int64(offset), count: Int64(count))
            try client.shutdownWrite()
            return try await all
        }
        #expect(received.count == count)
        #expect(received == Array(contents[offset..<(offset + count)]))
    }

    @Test("sendFile past the end of the file fails with fileEnded after sending what exists")
    func sendFilePastEnd() async throws {
        let file = try TemporaryFile(Loopback.pattern(1000))
        defer { file.remove() }
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close(); server.close() }
        await #expect(throws: NetError.fileEnded(offset: 1000)) {
            try await client.sendFile(descriptor: file.descriptor, offset: 500, count: 1000)
        }
        client.close()
        #expect(try await Loopback.readAll(server) == Array(Loopback.pattern(1000)[500...]))
    }

    @Test("sendFile to a peer that closed fails with a typed error and does not kill the process")
    func sendFileToClosedPeer() async throws {
        let file = try TemporaryFile(Loopback.pattern(1 << 20))
        defer { file.remove() }
        let (client, server) = try await Loopback.connectedPair()
        defer { client.close() }
        server.close()
        await #expect {
            for _ in 0..<1000 { try await client.sendFile(descriptor: file.descriptor, offset: 0, count: 1 << 20) }
        } throws: { error in
            [NetError.connectionReset, .connectionClosed].contains(error as? NetError)
        }
    }
}

/// A file in the temporary directory, open for reading, removed by `remove()`.
private struct TemporaryFile {
    let path: String
    let descriptor: Int32

    init(_ contents: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-net-\(UUID().uuidString)").path
        try Data(contents).write(to: URL(fileURLWithPath: path))
        descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
    }

    func remove() {
        close(descriptor)
        unlink(path)
    }
}
