import Foundation

/// The process's peak resident memory, reported at exit when a parent asks (for `labrunner bench video`).
enum PeakMemory {
    /// Set in a child's environment to make it print its peak memory as it exits.
    static let environmentKey = "LABRUNNER_REPORT_PEAK_RSS"
    private static let prefix = "peak-rss-bytes "

    /// The most memory this process has had resident, in bytes.
    static var bytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        #if canImport(Darwin)
        return Int(usage.ru_maxrss)
        #else
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    /// The line a child prints.
    static var line: String { prefix + "\(bytes)" }

    /// The byte count in a child's line, if the line is one.
    static func parse(_ line: String) -> Int? {
        line.hasPrefix(prefix) ? Int(line.dropFirst(prefix.count)) : nil
    }
}
