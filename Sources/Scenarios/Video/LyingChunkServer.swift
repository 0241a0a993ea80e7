import VideoKit

/// A grader-owned peer that lies: it serves the right manifest and its first chunk honestly, then flips a
/// byte in every chunk it sends, and counts what it served and how many chunks it corrupted.
final class LyingChunkServer: Sendable {
    struct Counts: Sendable {
        var chunksServed = 0
        var lies = 0
    }

    let manifest: Manifest
    let path: String
    private let listener: TCPListener
    private let counts = Lock(Counts())
    private let connections = Lock<[TCPConnection]>([])

    init(manifest: Manifest, path: String) throws {
        self.manifest = manifest
        self.path = path
        listener = try TCPListener.bind(SocketAddress.parse("127.0.0.1:0"))
    }

    func contact(_ peer: NodeID) -> PeerContact { PeerContact(peer: peer, address: "\(listener.localAddress)") }

    var snapshot: Counts { counts.withLock { $0 } }

    func run() async {
        await withDiscardingTaskGroup { group in
            while let connection = try? await listener.accept() {
                connections.withLock { $0.append(connection) }
                group.addTask { await self.serve(connection) }
            }
        }
    }

    func stop() {
        listener.close()
        for connection in connections.withLock({ $0 }) { connection.close() }
    }

    private func serve(_ connection: TCPConnection) async {
        defer { connection.close() }
        guard let file = try? RandomAccessFile.open(path, mode: .read) else { return }
        defer { file.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(manifest.chunkSize), alignment: 64)
        defer { buffer.deallocate() }
        var decoder = FrameDecoder(maxFrameLength: 64 << 10)
        while let frame = try? await connection.readFrame(&decoder, timeout: .seconds(30)), let request = try? ChunkRequest.decode(frame) {
            switch request {
            case .manifest:
                guard (try? await connection.writeFrame(ChunkResponse.manifest(manifest).encoded())) != nil else { return }
            case let .chunk(_, index):
                guard Int(index) < manifest.chunkCount else { return }
                let lie = counts.withLock { counts in
                    counts.chunksServed += 1
                    return counts.chunksServed >= 2
                }
                let (offset, length) = manifest.range(ofChunk: Int(index))
                let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
                guard (try? file.read(at: offset, into: chunk)) == length else { return }
                if lie { chunk[length / 2] ^= 0x5A }
                do {
                    try await connection.writeFrame(ChunkResponse.chunk(index: index, length: UInt32(length)).encoded())
                    try await connection.write(UnsafeRawBufferPointer(chunk))
                } catch {
                    return
                }
                if lie { counts.withLock { $0.lies += 1 } }
            }
        }
    }
}
