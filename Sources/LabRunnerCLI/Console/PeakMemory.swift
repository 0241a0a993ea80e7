import Foundation

/// The process's peak resident memory, reported at exit when a parent asks (for `labrunner bench video`).
enum PeakMemory {
    /// Set in a child's environment to make it print its peak memory as it exits.
    static let environmentKey = "LABRUNNER_REPORT_PEAK_RSS"
    private static let prefix = "peak-rss-bytes "

    /// The most memory this process has had resident, in bytes.
    static var bytes: Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #endif
    }

    /// The line a child prints.
    static var line: String { prefix + "\(bytes)" }

    /// The byte count in a child's line, if the line is one.
    static func parse(_ line: String) -> Int? {
        line.hasPrefix(prefix) ? Int(line.dropFirst(prefix.count)) : nil
    }
}
