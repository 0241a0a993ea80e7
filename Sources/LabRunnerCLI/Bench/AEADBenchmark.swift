import Foundation
import LabKit

/// Measures LabKit's ChaCha20-Poly1305 sealing and opening 1 KiB messages, next to `openssl speed` in the same run.
///
/// ```swift
/// let result = AEADBenchmark.run(messages: 500_000)
/// result.reportLines.forEach { print($0) }   // pairs/s and seals-or-opens/s, each with its ratio to OpenSSL
/// ```
/// Each message gets a fresh nonce (a sender number and a counter, as the chat lab builds them) and a 16-byte header
/// as associated data, and is sealed and opened with the combined forms the chat lab sends (ciphertext ‖ tag).
/// Build in release: a debug build is about 50× slower.
public enum AEADBenchmark {
    /// Bytes in every message.
    static let messageBytes = 1024
    /// Seconds `openssl speed` runs for.
    static let openSSLSeconds = 3

    /// Seals and opens `messages` 1 KiB messages with `ChaChaPoly.sealCombined` and `openCombined`, then runs
    /// `openssl speed` if `openssl` is on the PATH.
    public static func run(messages: Int) -> AEADBenchmarkResult {
        precondition(messages > 0, "the benchmark needs at least one message")
        let seconds = measureLabKit(messages: messages)
        return AEADBenchmarkResult(
            messageBytes: messageBytes, messages: messages, seconds: seconds, openSSLMessagesPerSecond: measureOpenSSL())
    }

    /// Seconds LabKit takes to seal and open `messages` messages; traps if one does not open to what was sealed.
    static func measureLabKit(messages: Int) -> Double {
        var random = SeededRandom(seed: 1024)
        let key = (0..<ChaChaPoly.keyLength).map { _ in UInt8.random(in: 0...255, using: &random) }
        let header = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        let message = (0..<messageBytes).map { _ in UInt8.random(in: 0...255, using: &random) }
        var nonce = [UInt8](repeating: 0, count: ChaChaPoly.nonceLength)
        nonce[0] = 7  // the sender; bytes 4–11 count messages
        var checksum: UInt8 = 0
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<messages {
            for byte in 0..<8 { nonce[4 + byte] = UInt8(truncatingIfNeeded: index >> (8 * byte)) }
            do {
                let sealed = try ChaChaPoly.sealCombined(message, key: key, nonce: nonce, authenticating: header)
                let opened = try ChaChaPoly.openCombined(sealed, key: key, nonce: nonce, authenticating: header)
                precondition(index > 0 || opened == message, "AEAD benchmark: the first message did not open to what was sealed")
                checksum &+= opened[index % messageBytes]
            } catch {
                preconditionFailure("AEAD benchmark: message \(index) failed: \(error)")
            }
        }
        let elapsed = (clock.now - started).components
        withExtendedLifetime(checksum) {}
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// 1 KiB messages per second from `openssl speed -evp chacha20-poly1305 -bytes 1024 -seconds 3`, or nil when
    /// `openssl` is not on the PATH, fails, or prints something unexpected.
    static func measureOpenSSL() -> Double? {
        guard let openssl = executable(named: "openssl") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["speed", "-evp", "chacha20-poly1305", "-bytes", "\(messageBytes)", "-seconds", "\(openSSLSeconds)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try SignalMask.unblocked { try process.run() }
        } catch {
            return nil
        }
        let data = Data(output.fileHandleForReading.readAllBytes())
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return openSSLMessagesPerSecond(speedOutput: String(decoding: data, as: UTF8.self))
    }

    /// Reads the 1024-byte figure of `openssl speed`'s table, which is in thousands of bytes per second
    /// (`ChaCha20-Poly1305  4641784.71k`), as messages per second; nil if there is no such line.
    package static func openSSLMessagesPerSecond(speedOutput: String) -> Double? {
        for line in speedOutput.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, fields[0].lowercased() == "chacha20-poly1305", fields[1].hasSuffix("k"),
                let thousands = Double(fields[1].dropLast())
            else { continue }
            return thousands * 1000 / Double(messageBytes)
        }
        return nil
    }

    /// The full path of the executable `name` in a directory of the PATH, or nil.
    private static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
