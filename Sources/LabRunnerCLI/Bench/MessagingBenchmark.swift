import Foundation
import LabKit
import MessagingKit

/// `labrunner bench messaging`: the lab's RSA-2048 next to `openssl` in the same sitting — private operations
/// (CRT) and public operations per second against `openssl speed rsa2048`, key generation (median of 20)
/// against `openssl genpkey` timed the same way, and OAEP encrypt + decrypt pairs of a 190-byte message — then
/// the whole system with one of those keys (``MessagingSystemBenchmark``).
struct MessagingBenchmark<Toolkit: RSAToolkit>: Sendable {
    /// Whose processors and stores the whole system runs (`Toolkit` is its RSA).
    let impl: Implementation
    let context: CommandContext
    /// Seconds each rate is measured for, by the kit and by `openssl speed`.
    let seconds: Int
    /// Keys generated for each median.
    let keys = 20

    func run() async throws -> MessagingBenchmarkResult {
        let console = context.console
        console.out("RSA-2048 key generation, median of \(keys)…")
        var random = SeededRandom(seed: 2_048)
        var generated: [RSAPrivateKey] = []
        let keygen = try (0..<keys).map { _ in
            try time { generated.append(try Toolkit.generateKey(bits: 2_048, using: &random)) }
        }.median!
        let opensslKeygen = opensslGenpkey()
        let key = generated[0]
        console.out("RSA-2048 operations, \(seconds) s each, then openssl speed -seconds \(seconds) rsa2048…")
        let numbers = try (0..<64).map { _ in try BigUInt.random(below: key.modulus, using: &random) }
        var index = 0
        let privateRate = try rate { _ = try Toolkit.privateOperation(numbers[index & 63], key: key); index += 1 }
        let publicRate = try rate { _ = try Toolkit.publicOperation(numbers[index & 63], key: key.publicKey); index += 1 }
        let message = (0..<190).map { UInt8(truncatingIfNeeded: $0) }
        let oaepRate = try rate {
            let sealed = try Toolkit.encrypt(message, key: key.publicKey, using: &random)
            guard try Toolkit.decrypt(sealed, label: [], key: key) == message else { throw MessagingBenchmarkError.roundTrip }
        }
        let halves = try rate { for prime in [(key.prime1, key.exponent1), (key.prime2, key.exponent2)] { _ = try numbers[index & 63].power(prime.1, modulo: prime.0) }; index += 1 }
        let speed = opensslSpeed()
        var result = MessagingBenchmarkResult(
            privateOpsPerSecond: privateRate, publicOpsPerSecond: publicRate, keygenMedianSeconds: keygen,
            oaepPairsPerSecond: oaepRate, twoHalfPowersPerSecond: halves,
            openSSLPrivateOpsPerSecond: speed?.privateOps, openSSLPublicOpsPerSecond: speed?.publicOps, openSSLKeygenMedianSeconds: opensslKeygen)
        for line in result.reportLines { console.out(line) }
        // An RSA done before the services are (phase 1 alone) keeps its figures: the whole system is then not measured.
        do {
            result.system = try await MessagingSystemBenchmark(impl: impl, key: key, privateOpsPerSecond: privateRate, context: context).run()
        } catch {
            console.out(context.style.yellow("  the whole system was not measured: \(error)"))
        }
        return result
    }

    /// Seconds `body` takes.
    private func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock(), started = clock.now
        try body()
        return Double((clock.now - started).nanoseconds) / 1e9
    }

    /// Calls of `body` per second over `seconds` seconds (checking the clock every call: each takes ≥ 10 µs).
    private func rate(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock(), started = clock.now, end = started + .seconds(seconds)
        var calls = 0
        while clock.now < end {
            try body()
            calls += 1
        }
        return Double(calls) / (Double((clock.now - started).nanoseconds) / 1e9)
    }

    /// The median of `keys` runs of `openssl genpkey` for a 2048-bit key, process start included; nil without openssl.
    private func opensslGenpkey() -> Double? {
        var times: [Double] = []
        for _ in 0..<keys {
            var run: OpenSSL.Run?
            let took = time { run = OpenSSL.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]) }
            guard run?.status == 0 else { return nil }
            times.append(took)
        }
        return times.median
    }

    /// `openssl speed -seconds N rsa2048`'s sign/s and verify/s (private and public operations); nil without openssl.
    private func opensslSpeed() -> (privateOps: Double, publicOps: Double)? {
        guard let run = OpenSSL.run(["speed", "-seconds", "\(seconds)", "rsa2048"]), run.status == 0 else { return nil }
        return Self.openSSLRates(speedOutput: String(decoding: run.output, as: UTF8.self))
    }

    /// Reads `rsa 2048 bits 0.000233s 0.000014s 4291.7 73512.3` (sign and verify times, then sign/s and verify/s)
    /// from `openssl speed`'s table; nil if there is no such line.
    static func openSSLRates(speedOutput: String) -> (privateOps: Double, publicOps: Double)? {
        for line in speedOutput.split(separator: "\n") where line.hasPrefix("rsa 2048 bits") || line.hasPrefix("rsa  2048 bits") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            guard numbers.count >= 3, let signs = numbers.dropLast().last, let verifies = numbers.last else { continue }
            return (signs, verifies)
        }
        return nil
    }
}

/// Why `labrunner bench messaging` could not finish: the implementation is wrong, not slow.
enum MessagingBenchmarkError: Error, CustomStringConvertible {
    /// An OAEP encrypt + decrypt did not give the message back.
    case roundTrip
    /// The whole system did not do what it should, as said.
    case system(String)

    var description: String {
        switch self {
        case .roundTrip: "an OAEP encrypt + decrypt did not give the message back: grade the lab first (labrunner grade messaging)"
        case let .system(what): what
        }
    }
}
