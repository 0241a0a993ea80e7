import LabKit

/// Why a downloaded `.part` file cannot become the final file: what ``DownloadFinishing`` implementations throw.
public enum PartFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The part file does not have the size the manifest gives.
    case wrongSize(path: String, expected: UInt64, actual: UInt64)
    /// Chunk `index` on disk does not match its hash in the manifest.
    case corruptChunk(path: String, index: Int)

    public var description: String {
        switch self {
        case let .wrongSize(path, expected, actual): "\(path) holds \(actual) bytes, but the file has \(expected)"
        case let .corruptChunk(path, index): "chunk \(index) of \(path) does not match its hash in the manifest"
        }
    }
}
