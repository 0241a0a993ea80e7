import Foundation

/// The process's peak resident memory, reported at exit when a parent asks (for `labrunner bench video`).
package enum PeakMemory {
    /// Set in a child's environment to make it print its peak memory as it exits.
    package static let environmentKey = "LABRUNNER_REPORT_PEAK_RSS"
    private static let prefix = "peak-rss-bytes "

    /// The most memory this process has had resident, in bytes. On Linux this is `VmHWM` from
    /// /proc/self/status: `getrusage`'s `ru_maxrss` survives `execve`, so a child started by a big parent
    /// would report the parent's peak.
    package static var bytes: Int {
        #if canImport(Darwin)
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024  // kB
        #endif
    }

    /// The line a child prints.
    package static var line: String { prefix + "\(bytes)" }

    /// The byte count in a child's line, if the line is one.
    package static func parse(_ line: String) -> Int? {
        line.hasPrefix(prefix) ? Int(line.dropFirst(prefix.count)) : nil
    }
}
