import Foundation
import LabKit

/// Chromium run headless on a page, for tests that check what a browser makes of it: the DOM after the
/// page's scripts ran, or a screenshot.
enum HeadlessChromium {
    /// The browser found on `PATH`, or `nil` (tests that need it are skipped then; CI installs it).
    static let executable: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// The DOM of `url` once it has loaded and its scripts have run, as HTML.
    static func dumpDOM(_ url: String) throws -> String {
        String(decoding: try run(["--dump-dom", url]), as: UTF8.self)
    }

    /// Runs the browser with `arguments` in a profile of its own (so runs never share state) and returns
    /// what it printed on stdout; its stderr (start-up chatter) is discarded.
    static func run(_ arguments: [String]) throws -> [UInt8] {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? "chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,900",
                             "--user-data-dir=\(profile.path)"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = out.fileHandleForReading.readAllBytes()
        process.waitUntilExit()
        return bytes
    }
}
