import Foundation
import LabKit

/// Plain, test-local implementations of the video roles, so LabKit's machinery is tested on its own
/// (the reference solutions live in another module and are graded elsewhere).
struct TestResponder: ChunkResponding {
    let library: [String: LibraryEntry]
    init(library: [String: LibraryEntry]) { self.library = library }

    func reply(to request: ChunkRequest) -> ChunkReply {
        guard let entry = library[request.name] else { return .refused(.unknownFile(request.name)) }
        switch request {
        case .manifest: return .manifest(entry.manifest)
        case let .chunk(_, index):
            guard Int(index) < entry.manifest.chunkCount else {
                return .refused(.unknownChunk(name: request.name, index: index, count: entry.manifest.chunkCount))
            }
            let (offset, length) = entry.manifest.range(ofChunk: Int(index))
            return .chunk(index: index, path: entry.path, offset: offset, length: length)
        }
    }
}

enum TestHashing: ChunkHashing {
    static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        let file = try RandomAccessFile.open(path, mode: .read)
        defer { file.close() }
        let size = try file.size()
        var hashes: [[UInt8]] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(chunkSize), alignment: 16)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while offset < size {
            let count = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(min(UInt64(chunkSize), size - offset))]))
            var hasher = SHA256()
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            hashes.append(hasher.finalize())
            offset += UInt64(count)
        }
        return Manifest(name: name, size: size, chunkSize: chunkSize, chunkHashes: hashes)
    }

    static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) -> Bool {
        guard index >= 0, index < manifest.chunkCount, bytes.count == manifest.range(ofChunk: index).length else { return false }
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize() == manifest.chunkHashes[index]
    }
}

/// Hands out chunks in order; requeues a failed source's chunks; bans a corrupt source.
struct TestPlan: DownloadPlanning {
    var needed: Set<Int>
    var queue: [Int]
    var inFlight: [Int: NodeID] = [:]
    var banned: Set<NodeID> = []

    init(manifest: Manifest, verified: Set<Int>) {
        needed = Set(0..<manifest.chunkCount).subtracting(verified)
        queue = needed.sorted(by: >)
    }

    var remaining: Int { needed.count }

    mutating func nextChunk(for source: NodeID) -> Int? {
        guard !banned.contains(source) else { return nil }
        while let index = queue.popLast() {
            guard needed.contains(index) && inFlight[index] == nil else { continue }
            inFlight[index] = source
            return index
        }
        return nil
    }

    mutating func chunkArrived(_ index: Int, from source: NodeID) {
        needed.remove(index)
        if inFlight[index] == source { inFlight[index] = nil }
    }

    mutating func sourceFailed(_ source: NodeID) {
        for (index, fetcher) in inFlight where fetcher == source {
            inFlight[index] = nil
            if needed.contains(index) { queue.append(index) }
        }
    }

    mutating func chunkCorrupt(_ index: Int, from source: NodeID) {
        banned.insert(source)
        if inFlight[index] == source { inFlight[index] = nil }
        if needed.contains(index) { queue.append(index) }
    }
}

enum TestFinisher: DownloadFinishing {
    static func finish(partFile: String, manifest: Manifest, destination: String) throws {
        let file = try RandomAccessFile.open(partFile, mode: .readWrite)
        defer { file.close() }
        guard try file.size() == manifest.size else { throw PartFileError.wrongSize(path: partFile, expected: manifest.size, actual: try file.size()) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(manifest.chunkSize), alignment: 16)
        defer { buffer.deallocate() }
        for index in 0..<manifest.chunkCount {
            let (offset, length) = manifest.range(ofChunk: index)
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
            _ = try file.read(at: offset, into: chunk)
            guard TestHashing.isValid(UnsafeRawBufferPointer(chunk), chunk: index, of: manifest) else {
                throw PartFileError.corruptChunk(path: partFile, index: index)
            }
        }
        try file.synchronize()
        try AtomicFile.move(partFile, to: destination)
    }
}

typealias TestEngine = DownloadEngine<TestPlan, TestHashing, TestFinisher>

/// A temporary folder with files of seeded bytes; `remove()` deletes it all.
struct VideoFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "labkit-video-" + UUID().uuidString
        try AtomicFile.makeFolder(path)
    }

    /// Writes `size` seeded bytes to `name` and returns its path.
    @discardableResult
    func makeFile(_ name: String, size: Int, seed: UInt64 = 1) throws -> String {
        let file = try RandomAccessFile.open("\(path)/\(name)", mode: .create)
        defer { file.close() }
        try file.truncate(to: 0)
        var offset = 0
        while offset < size {
            let length = min(1 << 20, size - offset)
            try file.write(at: UInt64(offset), Self.bytes(at: offset, count: length, seed: seed))
            offset += length
        }
        return "\(path)/\(name)"
    }

    /// Bytes `offset..<offset+count` of the seeded file (`offset` a multiple of 8).
    static func bytes(at offset: Int, count: Int, seed: UInt64) -> [UInt8] {
        var words = [UInt64](repeating: 0, count: (count + 7) / 8)
        for word in words.indices {
            var x = UInt64(offset / 8 + word) &+ seed &* 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
            words[word] = x ^ (x >> 29)
        }
        return words.withUnsafeBytes { Array($0.prefix(count)) }
    }

    /// The whole content of the file at `path`.
    func contents(_ name: String) throws -> [UInt8] {
        try AtomicFile.read("\(path)/\(name)")
    }

    /// Names in the folder (or its subfolder `sub`), hidden ones included.
    func listing(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : "\(path)/\(sub)")) ?? []).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
