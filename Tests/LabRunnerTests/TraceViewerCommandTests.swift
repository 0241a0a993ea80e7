import Foundation
import LabKit
import Testing

/// `labrunner view`: its exact output, where it writes, and its errors for traces it cannot read.
@Suite struct TraceViewerCommandTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("view-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("view writes the page beside the trace and says where and how to open it")
    func writesBesideTheTrace() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TraceFiles.write([TraceEvent(time: .zero, kind: .send, node: "a", peer: "b", messageID: 1, detail: "hi"),
                              TraceEvent(time: .milliseconds(1), kind: .receive, node: "b", peer: "a", messageID: 1, detail: "hi")],
                             to: folder.path, name: "run.seed1")
        let result = await runner(["view", folder.path + "/run.seed1.jsonl"])
        #expect(result.status == 0 && result.err.isEmpty)
        #expect(result.out == """
        Wrote \(folder.path)/run.seed1.html (2 events, 2 nodes; one file, works offline).
        Open it in a browser: file://\(folder.path)/run.seed1.html
        Keys: → / ← step through the events, f jumps to the failure, / searches, Enter finds the next match.
        """)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/run.seed1.html"))
    }

    @Test("a trace view cannot read is one line on stderr and exit status 1, with no page written")
    func unreadableTraces() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "".write(toFile: folder.path + "/empty.jsonl", atomically: true, encoding: .utf8)
        try "{\"t_ns\":0,\"kind\":\"log\",\"node\":\"a\"}\nnot json\n".write(toFile: folder.path + "/bad.jsonl", atomically: true, encoding: .utf8)
        let cases = [
            ("missing.jsonl", "error: cannot read \(folder.path)/missing.jsonl: No such file or directory"),
            ("empty.jsonl", "error: \(folder.path)/empty.jsonl holds no events: a trace has one JSON object per line (labrunner writes them with --trace or on a failure)"),
            ("bad.jsonl", "error: \(folder.path)/bad.jsonl: trace line 2, column 1: expected '{' at the start of the event"),
        ]
        for (name, message) in cases {
            let result = await runner(["view", folder.path + "/" + name])
            #expect(result.status == 1 && result.out.isEmpty)
            #expect(result.err == message)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.jsonl", "empty.jsonl"])
    }
}
