import VideoKit

/// Manifests and chunk checks: what lets a downloader trust bytes that came from a stranger.
public enum ChunkHasher: ChunkHashing {
    /// Exercise 4.1 — the manifest of the file at `path`: its size, `chunkSize`, and the SHA-256 of every
    /// chunk in order (the last chunk is shorter when the size is not a multiple of `chunkSize`; an empty
    /// file has no chunks). Memory must not grow with the file: read it one chunk at a time into one
    /// buffer of `chunkSize` bytes, reused for every chunk.
    ///
    /// Tested by `video.4.1-manifest`: files of 0 bytes, 1 byte, an exact number of chunks and an odd size,
    /// with chunk sizes of 1 MiB, 64 KiB and 1000 bytes, must give exactly the grader's manifests.
    /// Hint: `RandomAccessFile.open(path, mode: .read)`, `file.size()`, `file.read(at:into:)`, and
    /// `SHA256()` with `update(_:)` and `finalize()`.
    public static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        try Exercise.begin("4.1")
        guard chunkSize > 0 else { throw WireError.invalidValue(field: "chunkSize", reason: "must not be 0") }
        let file = try RandomAccessFile.open(path, mode: .read)
        defer { file.close() }
        let size = try file.size()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(chunkSize), alignment: 16)
        defer { buffer.deallocate() }
        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(Manifest.chunkCount(size: size, chunkSize: chunkSize))
        var offset: UInt64 = 0
        while offset < size {
            let length = Int(min(UInt64(chunkSize), size - offset))
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
            let count = try file.read(at: offset, into: chunk)
            guard count == length else { throw PartFileError.wrongSize(path: path, expected: size, actual: offset + UInt64(count)) }
            var hasher = SHA256()
            hasher.update(UnsafeRawBufferPointer(chunk))
            hashes.append(hasher.finalize())
            offset += UInt64(length)
        }
        return Manifest(name: name, size: size, chunkSize: chunkSize, chunkHashes: hashes)
        // end exercise 4.1
    }

    /// Exercise 4.2 — whether `bytes` are exactly chunk `index` of the file `manifest` describes: the index
    /// names a chunk, the length is that chunk's length (shorter for the last one), and the SHA-256 of the
    /// bytes is the manifest's hash for that chunk. Never crash on a bad index or length: answer `false`.
    ///
    /// Tested by `video.4.2-verify` (right bytes, a flipped byte, a byte too few or too many, the short last
    /// chunk, indexes out of range) and by every download scenario: the engine calls it for each chunk that
    /// arrives. Hint: `manifest.range(ofChunk:)` gives the length; compare digests as `[UInt8]`.
    public static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) throws -> Bool {
        try Exercise.begin("4.2")
        guard index >= 0, index < manifest.chunkCount, bytes.count == manifest.range(ofChunk: index).length else { return false }
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize() == manifest.chunkHashes[index]
        // end exercise 4.2
    }
}
