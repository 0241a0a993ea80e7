import Foundation
import LabRunnerCLI
import Testing

@Suite struct AEADBenchmarkTests {
    @Test("openssl speed's 1024-byte figure, in thousands of bytes per second, reads as messages per second")
    func readsOpenSSLSpeed() {
        let output = """
            version: 3.0.19
            built on: Fri Apr  3 12:29:32 2026 UTC
            options: bn(64,64)
            The 'numbers' are in 1000s of bytes per second processed.
            type           1024 bytes
            ChaCha20-Poly1305  4641784.71k

            """
        #expect(AEADBenchmark.openSSLMessagesPerSecond(speedOutput: output) == 4_641_784.71 * 1000 / 1024)
    }

    @Test("output without a ChaCha20-Poly1305 figure reads as no figure")
    func unreadableOpenSSLSpeed() {
        #expect(AEADBenchmark.openSSLMessagesPerSecond(speedOutput: "") == nil)
        #expect(AEADBenchmark.openSSLMessagesPerSecond(speedOutput: "speed: Unknown algorithm chacha20-poly1305\n") == nil)
        #expect(AEADBenchmark.openSSLMessagesPerSecond(speedOutput: "ChaCha20-Poly1305  fast\n") == nil)
    }

    @Test("the result computes its rates and ratio, and round-trips through JSON")
    func result() throws {
        let result = AEADBenchmarkResult(messageBytes: 1024, messages: 1_000, seconds: 0.5, openSSLMessagesPerSecond: 8_000)
        #expect(result.labKitMessagesPerSecond == 2_000)
        #expect(result.labKitOperationsPerSecond == 4_000)
        #expect(result.ratioToOpenSSL == 0.25)
        #expect(result.operationRatioToOpenSSL == 0.5)
        #expect(try JSONDecoder().decode(AEADBenchmarkResult.self, from: JSONEncoder().encode(result)) == result)
        let alone = AEADBenchmarkResult(messageBytes: 1024, messages: 10, seconds: 1, openSSLMessagesPerSecond: nil)
        #expect(alone.ratioToOpenSSL == nil && alone.operationRatioToOpenSSL == nil)
    }

    @Test("the report gives pairs and operations per second, each ratio rounded down and marked with whether it meets the goal")
    func reportLines() {
        let result = AEADBenchmarkResult(messageBytes: 1024, messages: 600_000, seconds: 1, openSSLMessagesPerSecond: 4_000_000)
        #expect(result.reportLines == [
            "openssl speed: 4.00 M encryptions/s (one per 1024-byte message)",
            "LabKit per pair: 0.60 M seal + open pairs/s, ratio 0.150 (goal ≥ 0.25) ✘",
            "LabKit per operation: 1.20 M seals or opens/s, ratio 0.300 (goal ≥ 0.25) ✔",
        ])
        let justShort = AEADBenchmarkResult(messageBytes: 1024, messages: 499_960, seconds: 1, openSSLMessagesPerSecond: 4_000_000)
        #expect(justShort.reportLines.last == "LabKit per operation: 1.00 M seals or opens/s, ratio 0.249 (goal ≥ 0.25) ✘")
        let alone = AEADBenchmarkResult(messageBytes: 1024, messages: 600_000, seconds: 1, openSSLMessagesPerSecond: nil)
        #expect(alone.reportLines == [
            "openssl speed: not measured (openssl not found or unreadable)",
            "LabKit per pair: 0.60 M seal + open pairs/s",
            "LabKit per operation: 1.20 M seals or opens/s",
        ])
    }
}
