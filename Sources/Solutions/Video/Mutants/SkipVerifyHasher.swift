import VideoKit

/// Mutant: a peer that skips chunk verification — every chunk that arrives counts as valid. The scenarios that must
/// catch it are listed in `VideoDataMutants`.
public enum SkipVerifyHasher: ChunkHashing {
    public static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        try ChunkHasher.manifest(ofFileAt: path, name: name, chunkSize: chunkSize)
    }

    public static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) -> Bool {
        true
    }
}
