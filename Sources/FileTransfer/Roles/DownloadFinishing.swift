import LabKit

/// Making a download final: exercise 5.2.
public protocol DownloadFinishing: Sendable {
    /// Checks every chunk of `partFile` against `manifest`, flushes it to disk and renames it to
    /// `destination` atomically. On a mismatch it throws and leaves nothing at `destination`.
    static func finish(partFile: String, manifest: Manifest, destination: String) throws
}
