#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabKit

/// Measures LabKit's pure-Swift SHA-256 against `sha256sum` and `openssl dgst -sha256` on one temporary file.
///
/// ```swift
/// let result = try HashBenchmark.run(bytes: 1 << 30)
/// print(result.labKit.gigabytesPerSecond, result.labKitToOpenSSL ?? 0)
/// ```
/// The file is written from a seeded generator and flushed before timing, so it sits in the page cache and
/// no writeback competes with the measurements; every way reads it whole, LabKit in 1 MiB `read`s. Rounds
/// interleave the three ways so machine noise hits them alike; each figure is the best of its rounds. All
/// digests must agree. The file is deleted before returning, also on error. Blocks the calling thread for
/// seconds: call it from the main thread or a dedicated `Thread`, not from Swift's cooperative pool.
public enum HashBenchmark {
    /// Bytes per `read` when LabKit hashes the file: the size of a chunk in the file-transfer lab.
    static let chunkSize = 1 << 20

    /// Hashes a temporary file of `bytes` bytes `rounds` times in each of the three ways and reports the best of each.
    public static func run(bytes: Int, rounds: Int = 1) throws -> HashBenchmarkResult {
        try run(bytes: bytes, rounds: rounds, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// `run(bytes:rounds:)` looking for the tools in the directories of `searchPath` (colon-separated, like `PATH`).
    package static func run(bytes: Int, rounds: Int, searchPath: String) throws -> HashBenchmarkResult {
        precondition(bytes > 0 && rounds > 0, "the benchmark needs bytes and rounds above 0")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-hashbench-\(UUID().uuidString).bin").path
        defer { unlink(path) }
        try writeFile(at: path, bytes: bytes)
        let tools: [(name: String, executable: String, arguments: [String])] = [
            ("sha256sum", "sha256sum", [path]),
            ("openssl", "openssl", ["dgst", "-sha256", path]),
        ].compactMap { name, executable, arguments in
            find(executable, in: searchPath).map { (name, $0, arguments) }
        }

        var labKit: [HashBenchmarkResult.Measurement] = []
        var measured: [String: [HashBenchmarkResult.Measurement]] = [:]
        var digest = ""
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            digest = try hashWithLabKit(path: path).hex
            labKit.append(HashBenchmarkResult.Measurement(bytes: bytes, elapsed: start.duration(to: .now)))
            for tool in tools {
                let start = ContinuousClock.now
                let actual = try runTool(tool.name, executable: tool.executable, arguments: tool.arguments)
                measured[tool.name, default: []].append(HashBenchmarkResult.Measurement(bytes: bytes, elapsed: start.duration(to: .now)))
                guard actual == digest else { throw HashBenchmarkError.digestMismatch(tool: tool.name, expected: digest, actual: actual) }
            }
        }
        return HashBenchmarkResult(
            bytes: bytes, digest: digest, labKit: fastest(labKit),
            sha256sum: measured["sha256sum"].map(fastest), openssl: measured["openssl"].map(fastest), rounds: rounds)
    }

    /// Writes `bytes` seeded pseudorandom bytes to a new file at `path` and flushes them to disk.
    private static func writeFile(at path: String, bytes: Int) throws(HashBenchmarkError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw .file(call: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        let words = buffer.bindMemory(to: UInt64.self)
        var random = SeededRandom(seed: 0x5A256)
        var written = 0
        while written < bytes {
            for index in words.indices { words[index] = random.next() }
            var offset = 0
            let count = min(chunkSize, bytes - written)
            while offset < count {
                let result = write(descriptor, buffer.baseAddress! + offset, count - offset)
                if result > 0 {
                    offset += result
                } else if result < 0 && errno != EINTR {
                    throw .file(call: "write", path: path, errno: errno)
                }
            }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw .file(call: "fsync", path: path, errno: errno) }
    }

    /// The SHA-256 of the file at `path`, read in 1 MiB pieces and hashed with LabKit's `SHA256`.
    private static func hashWithLabKit(path: String) throws(HashBenchmarkError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .file(call: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count > 0 {
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            } else if count == 0 {
                return hasher.finalize()
            } else if errno != EINTR {
                throw .file(call: "read", path: path, errno: errno)
            }
        }
    }

    /// Runs `executable arguments` to completion and returns the 64-hex-digit digest it printed.
    private static func runTool(_ name: String, executable: String, arguments: [String]) throws(HashBenchmarkError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try SignalMask.unblocked { try process.run() }
        } catch {
            throw .toolFailed(tool: name, status: -1, output: "\(error)")
        }
        let printed = String(decoding: output.fileHandleForReading.readAllBytes(), as: UTF8.self)
        process.waitUntilExit()
        let tokens: [Substring] = printed.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "=" })
        let digest = tokens.first { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
        guard process.terminationStatus == 0, let digest else {
            throw .toolFailed(tool: name, status: process.terminationStatus, output: printed.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return digest.lowercased()
    }

    /// The first executable file named `name` in the colon-separated directories of `searchPath`.
    private static func find(_ name: String, in searchPath: String) -> String? {
        searchPath.split(separator: ":").lazy
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func fastest(_ measurements: [HashBenchmarkResult.Measurement]) -> HashBenchmarkResult.Measurement {
        measurements.min { $0.seconds < $1.seconds }!
    }
}

extension [UInt8] {
    /// The bytes as lowercase hex, two digits a byte.
    fileprivate var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
