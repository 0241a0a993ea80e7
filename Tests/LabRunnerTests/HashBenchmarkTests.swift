import Foundation
import LabRunnerCLI
import Testing

@Suite(.serialized, .timeLimit(.minutes(1))) struct HashBenchmarkTests {
    static let size = (3 << 20) + 5  // not a whole number of 1 MiB reads, nor of 64-byte blocks

    @Test("a small run measures LabKit and every tool on PATH, they agree, and the result round-trips through JSON")
    func smallRun() throws {
        let result = try HashBenchmark.run(bytes: Self.size)
        #expect(result.bytes == Self.size)
        #expect(result.digest.count == 64)
        #expect(result.labKit.bytes == Self.size && result.labKit.gigabytesPerSecond > 0)
        #expect((result.sha256sum == nil) == (result.labKitToSHA256Sum == nil))
        #expect((result.openssl == nil) == (result.labKitToOpenSSL == nil))
        if let sha256sum = result.sha256sum, let ratio = result.labKitToSHA256Sum {
            #expect(abs(ratio - result.labKit.gigabytesPerSecond / sha256sum.gigabytesPerSecond) < 1e-9)
        }
        let decoded = try JSONDecoder().decode(HashBenchmarkResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
        #expect(leftoverFiles().isEmpty)
    }

    @Test("a tool missing from PATH is reported as nil, not as an error")
    func missingTools() throws {
        let result = try HashBenchmark.run(bytes: 1_000, rounds: 2, searchPath: "/nonexistent-labkit-path")
        #expect(result.sha256sum == nil && result.openssl == nil)
        #expect(result.labKitToSHA256Sum == nil && result.labKitToOpenSSL == nil)
        #expect(result.rounds == 2)
    }

    @Test("a tool that prints another digest is a mismatch error, and the file is deleted anyway")
    func mismatch() throws {
        let wrong = String(repeating: "0", count: 64)
        try withFakeTool("sha256sum", script: "echo '\(wrong)  '\"$1\"") { directory in
            let error = #expect(throws: HashBenchmarkError.self) { try HashBenchmark.run(bytes: 1_000, rounds: 1, searchPath: directory) }
            guard case let .digestMismatch(tool, _, actual) = error else { Issue.record("expected a mismatch, got \(String(describing: error))"); return }
            #expect(tool == "sha256sum" && actual == wrong)
            #expect(error?.description.contains("one of them is wrong") == true)
        }
        #expect(leftoverFiles().isEmpty)
    }

    @Test("a tool that fails is an error that carries its status and output")
    func failingTool() throws {
        try withFakeTool("openssl", script: "echo 'dgst: unknown option' >&2; exit 3") { directory in
            #expect(throws: HashBenchmarkError.toolFailed(tool: "openssl", status: 3, output: "dgst: unknown option")) {
                try HashBenchmark.run(bytes: 1_000, rounds: 1, searchPath: directory)
            }
        }
        #expect(leftoverFiles().isEmpty)
    }

    /// Runs `body` with a directory holding one executable shell script `name`, then removes the directory.
    private func withFakeTool(_ name: String, script: String, _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-fake-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tool = directory.appendingPathComponent(name)
        try "#!/bin/sh\n\(script)\n".write(to: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        try body(directory.path)
    }

    /// Benchmark files still in the temporary directory (the suite is serialized, so none should be).
    private func leftoverFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        return names.filter { $0.hasPrefix("labkit-hashbench-") }
    }
}
