import Foundation
import LabKit

/// A fresh temporary folder for one scenario run, deleted afterwards whatever happens.
struct ScenarioFolder: Sendable {
    let path: String

    /// Runs `body` with a new folder named after `scenario`, then deletes the folder.
    static func with<T: Sendable>(_ scenario: String, _ body: (ScenarioFolder) async throws -> T) async throws -> T {
        let folder = ScenarioFolder(path: NSTemporaryDirectory() + "labkit-\(scenario)-\(UUID().uuidString.prefix(8))")
        try AtomicFile.makeFolder(folder.path)
        defer { folder.remove() }
        return try await body(folder)
    }

    /// `path/name`.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The names in the folder (or in its subfolder `sub`), hidden ones included, sorted.
    func listing(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : file(sub))) ?? []).sorted()
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    func remove() {
        #if canImport(Glibc)
        _ = chmod(path, 0o755)
        #endif
        try? FileManager.default.removeItem(atPath: path)
    }
}
