/// Why a trace could not be saved or loaded; each case names the path and the system's reason.
public enum TraceFilesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name is empty, `.`/`..`, or holds a `/` or NUL, so it could land outside the directory.
    case invalidName(String)
    /// The directory (or one of its parents) could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// Writing, flushing or renaming into place failed; nothing was left under the final name.
    case cannotWrite(path: String, reason: String)
    /// The file could not be opened or read, or is not UTF-8 text.
    case cannotRead(path: String, reason: String)
    /// The file was read but one of its lines is not a trace event.
    case malformed(path: String, TraceJSONLError)

    /// The error as one sentence naming the path and the system's reason.
    public var description: String {
        switch self {
        case let .invalidName(name): "invalid trace name \"\(name)\": use a plain file name without '/'"
        case let .cannotCreateDirectory(path, reason): "cannot create directory \(path): \(reason)"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, error): "\(path): \(error)"
        }
    }
}
