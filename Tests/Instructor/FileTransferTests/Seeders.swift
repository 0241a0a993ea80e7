import LabKit
import FileTransfer

/// Chunk services on loopback serving a library, each running in a task until `stop()`.
struct Seeders {
    let services: [ChunkService<TestResponder>]
    let tasks: [Task<Void, Never>]

    init(count: Int, library: [String: LibraryEntry], idleTimeout: Duration = .seconds(120)) throws {
        let loopback = try SocketAddress.parse("127.0.0.1:0")
        services = try (0..<count).map { _ in try ChunkService<TestResponder>(library: library, listen: loopback, idleTimeout: idleTimeout) }
        tasks = services.map { service in Task { await service.run() } }
    }

    /// One source per service: `seed-1`, `seed-2`, …
    var contacts: [PeerContact] {
        services.enumerated().map { PeerContact(peer: NodeID("seed-\($0.offset + 1)"), address: "\($0.element.localAddress!)") }
    }

    func stop() async {
        for service in services { service.stop() }
        for task in tasks { await task.value }
    }

    /// A library of the files at `paths` (named after their last component), with manifests in `chunkSize` chunks.
    static func library(_ paths: [String], chunkSize: UInt32) throws -> [String: LibraryEntry] {
        var library: [String: LibraryEntry] = [:]
        for path in paths {
            let name = String(path.split(separator: "/").last!)
            library[name] = LibraryEntry(manifest: try TestHashing.manifest(ofFileAt: path, name: name, chunkSize: chunkSize), path: path)
        }
        return library
    }
}

/// A port on loopback where nothing listens.
func closedPort() throws -> String {
    let listener = try TCPListener.bind(SocketAddress.parse("127.0.0.1:0"))
    let address = "\(listener.localAddress)"
    listener.close()
    return address
}
