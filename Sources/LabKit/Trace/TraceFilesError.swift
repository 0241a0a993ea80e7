/// Why a trace could not be saved or loaded; each case names the path and the system's reason.
public enum TraceFilesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name is empty, `.`/`..`, or holds a `/` or NUL, so it could land outside the directory.
    case invalidName(String)
    /// A folder could not be created, a file written (nothing is left under its final name), or read.
    case storage(StorageError)
    /// The file was read but one of its lines is not a trace event.
    case malformed(path: String, TraceJSONLError)

    /// The error as one sentence naming the path and the system's reason.
    public var description: String {
        switch self {
        case let .invalidName(name): "invalid trace name \"\(name)\": use a plain file name without '/'"
        case let .storage(error): error.description
        case let .malformed(path, error): "\(path): \(error)"
        }
    }
}
