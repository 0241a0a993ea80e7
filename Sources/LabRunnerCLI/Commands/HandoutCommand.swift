import Catalog
import Foundation
import LabKit

/// `labrunner handout --out DIR`: the student copy of the kit, without solutions, mutants, CI or build output.
struct HandoutCommand: RunnerCommand {
    let spec = CommandSpec(name: "handout", maxPositionals: 0, options: [.init(name: "out", takesValue: true)], help: Help.handout)

    /// Paths (relative to the kit) that never go to students.
    static let excluded: Set<String> = ["Sources/Solutions", "Tests/Instructor", ".git", ".ci", ".swiftpm", "Package.resolved", "traces", "grade-results", ".labrunner"]

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard let out = arguments.value("out") else { throw UsageError("missing --out DIR", command: "handout") }
        guard Catalog.hasSolutions else {
            throw UsageError("this copy is already a student handout (it has no solutions to leave out)", command: "handout")
        }
        let root = try KitRoot.locate()
        let fileManager = FileManager.default
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        if destination.path.hasPrefix(root.path + "/") || destination.path == root.path {
            throw UsageError("--out must lie outside the kit (\(root.path))", command: "handout")
        }
        if let existing = try? fileManager.contentsOfDirectory(atPath: destination.path), !existing.isEmpty {
            throw UsageError("\(destination.path) already exists and is not empty", command: "handout")
        }
        // Build the copy beside its final place, then rename: a half-written handout never has the final name.
        let staging = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
        try? fileManager.removeItem(at: staging)
        let fingerprints = AnswerFingerprints(try SkeletonTree(root: root))
        let copied: Int
        do {
            copied = try copyTree(from: root, to: staging, relative: "")
            let answers = try Self.answers(in: staging, fingerprints: fingerprints)
            guard answers.isEmpty else {
                try? fileManager.removeItem(at: staging)
                for answer in answers { context.console.err("error: \(answer)") }
                context.console.err("The handout would hand out answers: move that code to Sources/Solutions or Tests/Instructor, or rewrite it. Nothing was written.")
                return 1
            }
            try? fileManager.removeItem(at: destination)  // An empty folder may stand there; rename needs it gone.
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        context.console.out("Wrote the student handout to \(destination.path) (\(copied) files; no solutions, no mutants; none of the \(fingerprints.count) fingerprints of the solutions' exercise bodies found in it).")
        context.console.out("Next: cd \(destination.path) && swift build && swift test   (every scenario fails with \"not implemented\" until the student starts)")
        return 0
    }

    /// Every place in the copy at `folder` (its Swift and Markdown files) that repeats a solution's exercise body.
    static func answers(in folder: URL, fingerprints: AnswerFingerprints) throws -> [AnswerFingerprints.Finding] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var findings: [AnswerFingerprints.Finding] = []
        for case let path as String in walker where path.hasSuffix(".swift") || path.hasSuffix(".md") {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            findings += fingerprints.findings(in: text, path: path)
        }
        return findings.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
    }

    private func copyTree(from source: URL, to target: URL, relative: String) throws -> Int {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: target, withIntermediateDirectories: true)
        var count = 0
        for name in try fileManager.contentsOfDirectory(atPath: source.path).sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            if Self.excluded.contains(path) || name.hasPrefix(".build") { continue }
            if relative == "report" && !["templates", "README.md"].contains(name) { continue }  // reports written here, not templates
            let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: from.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                count += try copyTree(from: from, to: to, relative: path)
            } else {
                try fileManager.copyItem(at: from, to: to)
                count += 1
            }
        }
        return count
    }
}

/// Finds the kit's source folder: the nearest folder above the working directory whose Package.swift is the
/// kit's, else the folder this binary was built from.
enum KitRoot {
    static func locate() throws(UsageError) -> URL {
        let fileManager = FileManager.default
        var folder = URL(fileURLWithPath: fileManager.currentDirectoryPath)
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for candidate in sequence(first: folder, next: { $0.path == "/" ? nil : $0.deletingLastPathComponent() }) + [built] {
            folder = candidate
            let manifest = candidate.appendingPathComponent("Package.swift").path
            if let text = try? String(contentsOfFile: manifest, encoding: .utf8), text.contains("DistributedLabKit") {
                return candidate.standardizedFileURL
            }
        }
        throw UsageError("cannot find the kit's sources: run labrunner from inside the kit's folder")
    }
}
