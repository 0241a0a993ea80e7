import LabKit
import Testing

@Suite struct TraceFilesLocationTests {
    @Test("a trace file named by the user splits into the folder and name TraceFiles.write takes, relative paths kept")
    func location() {
        #expect(TraceFiles.location(of: "traces/demo-ping.jsonl") == ("traces", "demo-ping"))
        #expect(TraceFiles.location(of: "run/server") == ("run", "server"))
        #expect(TraceFiles.location(of: "/tmp/a/b.jsonl") == ("/tmp/a", "b"))
        #expect(TraceFiles.location(of: "server.jsonl") == (".", "server"))
        #expect(TraceFiles.location(of: "notes.txt") == (".", "notes.txt"))
    }
}
