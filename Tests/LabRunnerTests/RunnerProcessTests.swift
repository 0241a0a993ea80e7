import LabKit
import Catalog
import Foundation
import Testing

/// The real `labrunner` binary, run as a student would: exit statuses, stderr, and the multi-process demo.
@Suite struct RunnerProcessTests {
    /// The `labrunner` built beside this test bundle.
    static var binary: URL {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("labrunner") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? folder.appendingPathComponent("labrunner")
    }

    /// Runs the binary to completion and returns its status, stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "LAB_IMPL" }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        let errData = Lock(Data())
        let stderrRead = DispatchGroup()
        stderrRead.enter()
        Thread {
            errData.withLock { $0 = Data(err.fileHandleForReading.readAllBytes()) }
            stderrRead.leave()
        }.start()
        let outData = Data(out.fileHandleForReading.readAllBytes())
        stderrRead.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }

    @Test("a mistake exits 2 with one line on stderr and nothing on stdout")
    func usageError() throws {
        let result = try Self.run(["grade", "--bogus"])
        #expect(result.status == 2)
        #expect(result.err == "error: unknown option '--bogus' (see 'labrunner grade --help')\n")
        #expect(result.out.isEmpty)
    }

    @Test("a bad address is a clear error, not a crash")
    func badAddress() throws {
        let result = try Self.run(["node", "ping", "server", "--listen", "nonsense"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("error: --listen 'nonsense': "))
    }

    @Test("the ping demo runs 4 processes, survives the server's crash and ends with every client's summary",
          .enabled(if: Catalog.hasSolutions, "needs the reference solution"), .timeLimit(.minutes(2)))
    func pingDemo() throws {
        let result = try Self.run(["demo", "ping", "--impl", "solution"])
        #expect(result.status == 0, "\(result.out)\n\(result.err)")
        #expect(result.out.contains("killing the server (SIGKILL)"))
        #expect(result.out.contains("restarting the server on 127.0.0.1:"))
        for client in 1...3 { #expect(result.out.contains("[demo    ]   client-\(client)  20/20 answered")) }
        #expect(!result.out.contains("\u{1B}["), "piped output must be plain")
    }

    @Test("the video demo downloads from two seeders, survives one being killed half-way, and checks the hash",
          .enabled(if: Catalog.hasSolutions, "needs the reference solution"), .timeLimit(.minutes(3)))
    func videoDemo() throws {
        let result = try Self.run(["demo", "video", "--size", "48MiB", "--impl", "solution"])
        #expect(result.status == 0, "\(result.out)\n\(result.err)")
        #expect(result.out.contains("killing seeder-1 (SIGKILL) half-way through the download"))
        #expect(result.out.contains("the download survived the seeder's death and matches the original byte for byte"))
        let hashes = result.out.split(separator: "\n").filter { $0.contains("sha256 ") && $0.contains("[demo") }.map { $0.split(separator: " ").last! }
        #expect(hashes.count == 3 && Set(hashes).count == 1, "\(hashes)")
    }

    @Test("the deposit demo: 4 servers, a SIGKILL right after an ok, recovery by id elsewhere, repair, rejoin, a new k, isolation",
          .enabled(if: Catalog.hasSolutions, "needs the reference solution"), .timeLimit(.minutes(3)))
    func depositDemo() throws {
        let result = try Self.run(["demo", "deposit", "--size", "8MiB", "--impl", "solution"])
        #expect(result.status == 0, "\(result.out)\n\(result.err)")
        #expect(result.out.contains("(SIGKILL) right after video.mp4's ok"))
        #expect(result.out.contains("sha256 matches, photo.jpg sha256 matches, video.mp4 sha256 matches"))
        #expect(result.out.contains("every file is back at k"))
        #expect(result.out.contains("reconciled: exactly k copies of every file"))
        #expect(result.out.contains("notes.txt 2/2 · photo.jpg 4/4 · video.mp4 2/2"))
        #expect(result.out.contains("bob, another client: sees 0 files and cannot recover alice's"))
        #expect(result.out.contains("every acknowledged file survived the server's death, came back to k, and matches byte for byte"))
    }

    @Test("the zapszap demo: four chat processes with loss, a crash and a late joiner end with equal history digests",
          .enabled(if: Catalog.hasSolutions, "needs the reference solution"), .timeLimit(.minutes(2)))
    func zapszapDemo() throws {
        let result = try Self.run(["demo", "zapszap", "--impl", "solution"])
        #expect(result.status == 0, "\(result.out)\n\(result.err)")
        #expect(result.out.contains("killing bob (SIGKILL)"))
        #expect(result.out.contains("dave joins late"))
        #expect(result.out.contains("all four members hold the same history, in the same order"))
    }
}
