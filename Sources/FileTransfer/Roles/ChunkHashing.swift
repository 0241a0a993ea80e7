import LabKit

/// Manifests and chunk checks: exercises 4.1 and 4.2. A thrown error stops the download or scenario that
/// called it, and a skeleton's `try todo("x.y")` reads as "not implemented".
public protocol ChunkHashing: Sendable {
    /// The manifest of the file at `path`, read chunk by chunk so memory does not grow with the file.
    static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest
    /// Whether `bytes` are exactly chunk `index` of the file `manifest` describes (length and SHA-256).
    static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) throws -> Bool
}
