/// Why a JSON Lines trace could not be read back. Line numbers count from 1, columns are byte offsets from 1.
///
/// Each case prints as a sentence that points at the broken line, so a hand-edited trace is easy to fix.
public enum TraceJSONLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line is not a flat JSON object of strings, integers and nulls; `reason` says what was wrong at `column`.
    case malformed(line: Int, column: Int, reason: String)
    /// A field every event needs (`t_ns`, `kind` or `node`) is absent.
    case missingField(line: Int, field: String)
    /// A field holds a value of the wrong type or out of range (an unknown `kind`, a string `t_ns`, …).
    case invalidField(line: Int, field: String, reason: String)

    /// The error as one sentence that starts with the line number, for students and failure reports.
    public var description: String {
        switch self {
        case let .malformed(line, column, reason):
            "trace line \(line), column \(column): \(reason)"
        case let .missingField(line, field):
            "trace line \(line): missing field \"\(field)\""
        case let .invalidField(line, field, reason):
            "trace line \(line): field \"\(field)\" \(reason)"
        }
    }
}
