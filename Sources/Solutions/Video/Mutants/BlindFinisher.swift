import VideoKit

/// Mutant: a finisher that renames the part file without checking it. The scenarios that must catch it are listed
/// in `VideoDataMutants`.
public enum BlindFinisher: DownloadFinishing {
    public static func finish(partFile: String, manifest: Manifest, destination: String) throws {
        try AtomicFile.move(partFile, to: destination)
    }
}
