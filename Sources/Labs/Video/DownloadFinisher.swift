import Dispatch
import VideoKit

/// The last step of a download: a file appears under its final name only once every byte of it is checked
/// and on disk. The engine calls `finish` when the plan has no chunk left.
public enum DownloadFinisher: DownloadFinishing {
    /// Exercise 5.2 — make the download final: check that `partFile` has exactly `manifest.size` bytes and
    /// that every chunk read back from disk matches its hash in the manifest (a reused buffer of
    /// `manifest.chunkSize` bytes; going further: two threads with a buffer each halve the time on two
    /// cores), flush the file to disk, then rename it to `destination` in one step.
    /// On any mismatch throw (`PartFileError.wrongSize` or `.corruptChunk`) and leave nothing at `destination`.
    ///
    /// Tested by `video.5.2-single-source` (a 24 MiB download ends as an identical file, no `.part` left) and
    /// `video.5.2-finish-safely` (a `.part` with one bad byte is refused and nothing appears under the final
    /// name). Hint: `RandomAccessFile`'s `size()`, `read(at:into:)` and `synchronize()`, then
    /// `AtomicFile.move(_:to:)`.
    public static func finish(partFile: String, manifest: Manifest, destination: String) throws {
        try todo("5.2")
    }
}
