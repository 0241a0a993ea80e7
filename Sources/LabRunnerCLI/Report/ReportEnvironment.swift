import Foundation
import LabKit

/// The machine and the kit a report's outputs came from: recorded by `labrunner report --run` beside the
/// outputs (`environment.json`), else read when the report is written (and the report says so).
struct ReportEnvironment: Codable, Equatable {
    /// When it was recorded (ISO 8601, UTC).
    let recorded: String
    let os: String
    let cpu: String
    let cores: Int
    let swift: String
    /// The kit's git commit (with `+ changes` when the working tree differs), or why there is none.
    let commit: String

    /// The environment now, for the kit at `root`.
    static func current(kit root: URL, now: Date = Date()) -> ReportEnvironment {
        ReportEnvironment(recorded: ISO8601DateFormatter().string(from: now), os: operatingSystem(), cpu: processor(),
                          cores: ProcessInfo.processInfo.activeProcessorCount,
                          swift: firstLine(run("swift", ["--version"])) ?? "unknown", commit: commit(root))
    }

    private static func operatingSystem() -> String {
        let kernel = firstLine(run("uname", ["-sr"])) ?? "unknown"
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("PRETTY_NAME=") }.map { $0.dropFirst(12).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        return release.map { "\($0) (\(kernel))" } ?? kernel
    }

    private static func processor() -> String {
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return firstLine(run("sysctl", ["-n", "machdep.cpu.brand_string"])) ?? "unknown"
    }

    private static func commit(_ root: URL) -> String {
        guard let hash = firstLine(run("git", ["-C", root.path, "rev-parse", "--short=12", "HEAD"])) else { return "not a git checkout" }
        let changed = !(run("git", ["-C", root.path, "status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty
        return changed ? "\(hash) + changes" : hash
    }

    private static func firstLine(_ text: String?) -> String? {
        text?.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// What `tool arguments` prints, or `nil` if it cannot run or fails.
    private static func run(_ tool: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let bytes = pipe.fileHandleForReading.readAllBytes()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
