import Foundation
import LabKit

/// Times `curl` fetching a file to disk from a local HTTP server — nginx when installed (sendfile, like the
/// kit's chunk server), else Python's `http.server` — for `labrunner bench video`.
enum CurlComparison {
    /// What one fetch measured.
    struct Timing {
        /// Seconds curl took, the file in the page cache when it exits.
        let seconds: Double
        /// Seconds for curl plus an `fsync` of the file: on disk, as durable as a finished download.
        let syncedSeconds: Double
    }

    /// How long curl took to fetch `file` from a server rooted at `folder` into `destination`, and which
    /// server served it; `nil` timing when curl or every server is missing.
    static func fetch(_ folder: String, file: String, into destination: String) async throws -> (timing: Timing?, server: String?) {
        guard let curl = Executables.find("curl") else { return (nil, nil) }
        let port = try FreePort.loopback()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-http-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let server: Process, name: String
        if let nginx = Executables.find("nginx", also: ["/usr/sbin"]) {
            let config = """
            daemon off; master_process off; worker_processes 1; pid \(scratch)/nginx.pid; error_log \(scratch)/error.log;
            events { worker_connections 64; }
            http { access_log off; sendfile on; tcp_nopush on; server { listen 127.0.0.1:\(port); root \(folder); } }
            """
            try AtomicFile.write(config, to: "\(scratch)/nginx.conf")
            server = try Executables.start(nginx, ["-c", "\(scratch)/nginx.conf", "-p", scratch])
            name = "nginx"
        } else if let python = Executables.find("python3") {
            server = try Executables.start(python, ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", folder])
            name = "python3 http.server"
        } else {
            return (nil, nil)
        }
        defer { server.terminate() }
        guard try await waitForListener(port: port) else { return (nil, name) }
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let clock = ContinuousClock(), started = clock.now
        let status = try await Executables.run(curl, ["-s", "-f", "-o", destination, "http://127.0.0.1:\(port)/\(file)"])
        let fetched = clock.now
        defer { try? FileManager.default.removeItem(atPath: destination) }
        guard status == 0 else { return (nil, name) }
        let file = try RandomAccessFile.open(destination, mode: .readWrite)
        defer { file.close() }
        try file.synchronize()
        return (Timing(seconds: seconds(started, fetched), syncedSeconds: seconds(started, clock.now)), name)
    }

    private static func seconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> Double {
        Double((end - start).nanoseconds) / 1e9
    }

    /// Tries to connect for up to 10 s while the server starts.
    private static func waitForListener(port: UInt16) async throws -> Bool {
        let address = try SocketAddress.parse("127.0.0.1:\(port)")
        for _ in 0..<100 {
            if let connection = try? await TCPConnection.connect(to: address, timeout: .milliseconds(200)) {
                connection.close()
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// Finding and running the system's tools (curl, nginx, python3) without blocking Swift's thread pool.
enum Executables {
    /// The full path of `name` on `PATH` (or in `also`), if it is there.
    static func find(_ name: String, also extra: [String] = []) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + extra
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `path` with `arguments`, its output discarded.
    static func start(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try SignalMask.unblocked { try process.run() }
        return process
    }

    /// Runs `path` with `arguments` to the end and returns its exit status.
    static func run(_ path: String, _ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try SignalMask.unblocked { try process.run() } } catch { continuation.resume(throwing: error) }
        }
    }
}
