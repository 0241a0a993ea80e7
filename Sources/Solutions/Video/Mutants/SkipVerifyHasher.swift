import VideoKit

/// Mutant: a peer that skips chunk verification — every chunk that arrives counts as valid. The graded
/// suite must catch it (`video.4.2-verify`, `video.7.1-corrupt-peer`).
public enum SkipVerifyHasher: ChunkHashing {
    public static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        try ChunkHasher.manifest(ofFileAt: path, name: name, chunkSize: chunkSize)
    }

    public static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) -> Bool {
        true
    }
}
