import VideoKit

/// Mutant: a finisher that renames the part file without checking it. The graded suite must catch it
/// (`video.5.2-finish-safely`).
public enum BlindFinisher: DownloadFinishing {
    public static func finish(partFile: String, manifest: Manifest, destination: String) throws {
        try AtomicFile.move(partFile, to: destination)
    }
}
