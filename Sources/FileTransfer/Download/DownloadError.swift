import LabKit

/// Why a download did not complete. Every case prints as one sentence saying what happened and what to do.
/// Whatever the error, no file appears under the final name: only a verified file is ever renamed there.
public enum DownloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name could escape the downloads folder or is not a plain visible file name.
    case invalidName(String, reason: String)
    /// The engine was given no source.
    case noSources
    /// No source answered with the file's manifest; one line per source says why.
    case manifestUnavailable(name: String, failures: [String])
    /// Sources answered, but none with the expected content.
    case contentMismatch(name: String, expected: ContentID, offered: [ContentID])
    /// Every source failed or was banned while `remaining` of `total` chunks were still missing.
    case sourcesExhausted(remaining: Int, total: Int, failures: [String])
    /// A file already has the final name.
    case destinationExists(String)
    /// The downloads folder or the part file could not be written (unwritable, full, …).
    case storage(StorageError)
    /// The finisher refused the part file (it was removed, so the next run starts clean).
    case finishFailed(String)
    /// A role is a skeleton's `todo`.
    case notImplemented(NotImplemented)
    /// A role broke its contract (an index out of range, a plan that stalls, a reported error).
    case implementationError(String)
    /// The run was cancelled; `verified` of `total` chunks are kept for the next run.
    case cancelled(verified: Int, total: Int)

    public var description: String {
        switch self {
        case let .invalidName(name, reason):
            "cannot download \(name.debugDescription): not a plain file name (\(reason))"
        case .noSources:
            "no source to download from: search the tracker first, or name a peer"
        case let .manifestUnavailable(name, failures):
            "no source sent the manifest of \(name): \(failures.joined(separator: "; "))"
        case let .contentMismatch(name, expected, offered):
            "no source offers the expected content of \(name) (expected \(expected), offered \(offered.map(\.description).joined(separator: ", ")))"
        case let .sourcesExhausted(remaining, total, failures):
            "every source failed or was banned with \(remaining) of \(total) chunks missing (\(failures.joined(separator: "; "))); run the download again to resume"
        case let .destinationExists(path):
            "\(path) already exists: remove it or download into another folder"
        case let .storage(error):
            "cannot store the download: \(error)"
        case let .finishFailed(reason):
            "the downloaded file failed its final check (\(reason)); its partial file was removed: download it again"
        case let .notImplemented(missing):
            missing.description
        case let .implementationError(reason):
            "the implementation broke its contract: \(reason)"
        case let .cancelled(verified, total):
            "the download was stopped with \(verified) of \(total) chunks verified; run it again to resume"
        }
    }
}

extension DownloadError {
    /// The error a role threw from `call`: a skeleton's `todo` stays "not implemented", anything else is the
    /// role breaking its contract.
    static func role(_ error: any Error, in call: String) -> DownloadError {
        if let missing = error as? NotImplemented { return .notImplemented(missing) }
        if let download = error as? DownloadError { return download }
        return .implementationError("\(call) threw: \(error)")
    }
}
