import Foundation

/// Saves a trace as `<name>.jsonl` and `<name>.svg` side by side, and loads a saved trace back.
///
/// Each file appears atomically (temporary name, flush, rename), so a crash or a concurrent reader never
/// sees half a trace. Failure reports point students at these two files.
/// ```swift
/// let paths = try TraceFiles.write(sim.trace, to: "traces/ping.2.2", name: "seed-7")
/// print(paths.svg)  // traces/ping.2.2/seed-7.svg
/// ```
public enum TraceFiles {
    /// The folder and name ``write(_:to:name:diagram:)`` takes for a trace file the user named `path`
    /// (`run/server.jsonl` or `run/server`: `run` and `server`), split as text so relative paths print as given.
    public static func location(of path: String) -> (directory: String, name: String) {
        let slash = path.lastIndex(of: "/")
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return (slash.map { String(path[..<$0]) } ?? ".", base.hasSuffix(".jsonl") ? String(base.dropLast(6)) : base)
    }

    /// Writes the JSONL trace and its diagram into `directory` (created if needed), replacing older files of
    /// the same name, and returns both paths. `diagram` styles the SVG; its default is titled with `name`.
    @discardableResult
    public static func write(_ events: [TraceEvent], to directory: String, name: String,
                             diagram: SpaceTimeDiagram? = nil) throws(TraceFilesError) -> (jsonl: String, svg: String) {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
            throw .invalidName(name)
        }
        let folder = directory.isEmpty ? "." : directory
        let base = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        let paths = (jsonl: base + ".jsonl", svg: base + ".svg")
        do {
            try AtomicFile.write(TraceJSONL.encode(events), to: paths.jsonl)
            try AtomicFile.write((diagram ?? SpaceTimeDiagram(title: name)).render(events), to: paths.svg)
        } catch {
            throw .storage(error)
        }
        return paths
    }

    /// Removes the traces and diagrams in `directory` whose names start with `prefix` (`ping.2.2-retry.seed`):
    /// a grading run clears its scenarios' old runs first, so its folder never mixes stale files with new ones.
    public static func remove(in directory: String, prefix: String) {
        let folder = directory.isEmpty ? "." : directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && (name.hasSuffix(".jsonl") || name.hasSuffix(".svg")) {
            AtomicFile.remove(folder + "/" + name)
        }
    }

    /// The events of a JSONL trace file, to render or compare again.
    public static func read(_ path: String) throws(TraceFilesError) -> [TraceEvent] {
        let bytes: [UInt8]
        do { bytes = try AtomicFile.read(path) } catch { throw .storage(error) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .storage(.cannotRead(path, reason: "the file is not UTF-8 text"))
        }
        do {
            return try TraceJSONL.decode(text)
        } catch {
            throw .malformed(path: path, error)
        }
    }
}
