/// Why a trace's viewer page could not be written; each case prints as a sentence naming the file.
public enum TraceViewerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trace is missing, unreadable, not UTF-8, or a line of it is not an event (with its line number).
    case unreadable(TraceFilesError)
    /// The trace holds no event: nothing to draw.
    case empty(String)
    /// The page would replace the trace it is drawn from, or another trace (its name ends in `.jsonl`).
    case pageIsTheTrace(String)
    /// The page could not be written (nothing is left under its name).
    case cannotWrite(StorageError)

    public var description: String {
        switch self {
        case let .unreadable(error): error.description
        case let .empty(path): "\(path) holds no events: a trace has one JSON object per line (labrunner writes them with --trace or on a failure)"
        case let .pageIsTheTrace(path): "will not write the page to \(path): it is the trace itself or another one; give --out a file ending in .html"
        case let .cannotWrite(error): error.description
        }
    }
}
