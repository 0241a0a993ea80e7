#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `HashBenchmark.run` could not produce a result. A tool that is simply not installed is not an
/// error (its measurement is nil); one that runs and fails, or disagrees on the digest, is.
public enum HashBenchmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The system call `call` on the benchmark's temporary file at `path` failed with `errno`.
    case file(call: String, path: String, errno: Int32)
    /// `tool` could not be started, exited with a non-zero `status`, or printed no digest; `output` is what it printed.
    case toolFailed(tool: String, status: Int32, output: String)
    /// `tool` computed `actual` for the file where LabKit's `SHA256` computed `expected`: one of them is wrong.
    case digestMismatch(tool: String, expected: String, actual: String)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case let .file(call, path, code):
            "\(call) \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .toolFailed(tool, status, output):
            "\(tool) failed (status \(status)) and printed no digest: \(output.isEmpty ? "no output" : output)"
        case let .digestMismatch(tool, expected, actual):
            "\(tool) says the file's SHA-256 is \(actual), but LabKit's SHA256 says \(expected): one of them is wrong"
        }
    }
}
