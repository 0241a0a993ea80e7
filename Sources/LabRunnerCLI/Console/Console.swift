#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Where the runner writes: standard output and error, or buffers in tests.
public protocol Console: Sendable {
    /// Writes `text` and a newline to standard output.
    func out(_ text: String)
    /// Writes `text` and a newline to standard error.
    func err(_ text: String)
    /// Whether output goes to a terminal (colors, progress) rather than a pipe or file.
    var isTerminal: Bool { get }
}

/// The process's real standard output and error, line-buffered so piped output arrives promptly.
public struct StandardConsole: Console {
    public init() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    public func out(_ text: String) {
        fputs(text + "\n", stdout)
    }

    public func err(_ text: String) {
        fflush(stdout)
        fputs(text + "\n", stderr)
    }

    public var isTerminal: Bool {
        isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
