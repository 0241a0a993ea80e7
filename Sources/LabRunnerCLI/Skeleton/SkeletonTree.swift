import Foundation
import LabKit

/// Every lab's skeleton as `labrunner skeleton` makes it from the reference solutions: each file of
/// `Sources/Solutions/<Lab>` (mutants and hazards aside) becomes `Sources/Labs/<Lab>` with its exercise bodies replaced.
struct SkeletonTree {
    /// One solution file and what it becomes.
    struct File {
        /// The solution file, relative to the kit (`Sources/Solutions/Ping/PingServer.swift`).
        let solution: String
        /// Its skeleton, relative to the kit (`Sources/Labs/Ping/PingServer.swift`).
        let skeleton: String
        let markers: ExerciseMarkers
    }

    /// A difference between the checked-in skeletons and the generated ones.
    enum Drift: Equatable, CustomStringConvertible {
        case differs(String)
        case missing(String)
        case extra(String)

        var description: String {
            switch self {
            case let .differs(path): "\(path) differs from what its solution generates"
            case let .missing(path): "\(path) is missing"
            case let .extra(path): "\(path) has no solution file to come from"
            }
        }
    }

    let root: URL
    let files: [File]

    /// Folders of a solution that are no part of the skeleton: deliberately wrong variants (`Mutants/`), and
    /// implementations that trap, hang or eat memory to prove the grader contains them (`Hazards/`).
    static let instructorOnly = ["Mutants/", "Hazards/"]

    /// Reads every solution file below `root`.
    init(root: URL) throws {
        self.root = root
        var files: [File] = []
        for lab in try Self.folders(in: root.appendingPathComponent("Sources/Solutions")) {
            for relative in Self.swiftFiles(in: root.appendingPathComponent("Sources/Solutions/\(lab)")) where !Self.instructorOnly.contains(where: relative.hasPrefix) {
                let solution = "Sources/Solutions/\(lab)/\(relative)"
                let text = try String(contentsOf: root.appendingPathComponent(solution), encoding: .utf8)
                files.append(File(solution: solution, skeleton: "Sources/Labs/\(lab)/\(relative)",
                                  markers: try ExerciseMarkers(source: text, path: solution)))
            }
        }
        self.files = files
    }

    /// The labs that have a solution folder.
    var labs: [String] { Array(Set(files.map { $0.solution.split(separator: "/")[2] }.map(String.init))).sorted() }

    /// How the checked-in skeletons differ from the generated ones; empty when they are in step.
    func drift() throws -> [Drift] {
        var drift: [Drift] = []
        for file in files {
            let path = root.appendingPathComponent(file.skeleton)
            guard let text = try? String(contentsOf: path, encoding: .utf8) else { drift.append(.missing(file.skeleton)); continue }
            if text != file.markers.skeleton { drift.append(.differs(file.skeleton)) }
        }
        let generated = Set(files.map(\.skeleton))
        for lab in labs {
            for relative in Self.swiftFiles(in: root.appendingPathComponent("Sources/Labs/\(lab)")) {
                let path = "Sources/Labs/\(lab)/\(relative)"
                if !generated.contains(path) { drift.append(.extra(path)) }
            }
        }
        return drift
    }

    /// Writes every skeleton file (each atomically) and removes skeleton files no solution file makes.
    /// Returns how many files changed.
    func write() throws -> Int {
        var changed = 0
        for file in files {
            let path = root.appendingPathComponent(file.skeleton)
            if (try? String(contentsOf: path, encoding: .utf8)) == file.markers.skeleton { continue }
            try AtomicFile.makeFolder(path.deletingLastPathComponent().path)
            try AtomicFile.write(file.markers.skeleton, to: path.path)
            changed += 1
        }
        for case let .extra(path) in try drift() {
            try FileManager.default.removeItem(at: root.appendingPathComponent(path))
            changed += 1
        }
        return changed
    }

    private static func folders(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }

    /// The `.swift` files below `folder`, relative to it, sorted.
    private static func swiftFiles(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
    }
}
