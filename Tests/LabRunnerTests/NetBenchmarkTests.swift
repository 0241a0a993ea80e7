import Foundation
import LabRunnerCLI
import Testing

@Suite(.timeLimit(.minutes(1))) struct NetBenchmarkTests {
    @Test("a small net benchmark measures all three transfers and round-trips through JSON")
    func smallRun() async throws {
        let result = try await NetBenchmark.run(bytes: 8 << 20, rounds: 1)
        for measurement in [result.baseline, result.net, result.sendFile] {
            #expect(measurement.bytes == 8 << 20)
            #expect(measurement.seconds > 0)
            #expect(measurement.gigabytesPerSecond > 0)
        }
        #expect(result.netToBaseline > 0)
        #expect(abs(result.netToBaseline - result.net.gigabytesPerSecond / result.baseline.gigabytesPerSecond) < 1e-9)
        let decoded = try JSONDecoder().decode(NetBenchmarkResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }
}
