import VideoKit

/// Mutant: hashing that treats the short last chunk as a whole one — the manifest hashes it padded with zeros, and
/// a chunk is valid only at the full chunk size. The scenarios that must catch it are listed in `VideoDataMutants`.
public enum FullLastChunkHasher: ChunkHashing {
    public static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        let file = try RandomAccessFile.open(path, mode: .read)
        defer { file.close() }
        let size = try file.size()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(chunkSize), alignment: 16)
        defer { buffer.deallocate() }
        var hashes: [[UInt8]] = []
        var offset: UInt64 = 0
        while offset < size {
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            offset += UInt64(try file.read(at: offset, into: buffer))
            hashes.append(SHA256.hash(UnsafeRawBufferPointer(buffer)))
        }
        return Manifest(name: name, size: size, chunkSize: chunkSize, chunkHashes: hashes)
    }

    public static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) -> Bool {
        guard index >= 0, index < manifest.chunkCount, bytes.count == Int(manifest.chunkSize) else { return false }
        return SHA256.hash(bytes) == manifest.chunkHashes[index]
    }
}
