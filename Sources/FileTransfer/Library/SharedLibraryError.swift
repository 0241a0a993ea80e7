import LabKit

/// Why a share folder could not be scanned. Single files that cannot be shared are skipped and logged instead.
public enum SharedLibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The share folder cannot be listed.
    case cannotListFolder(String, reason: String)
    /// The hashing role is a skeleton's `todo`.
    case notImplemented(NotImplemented)

    public var description: String {
        switch self {
        case let .cannotListFolder(path, reason): "cannot list the share folder \(path): \(reason)"
        case let .notImplemented(missing): missing.description
        }
    }
}
