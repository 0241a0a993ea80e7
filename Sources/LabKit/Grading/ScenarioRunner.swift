/// Runs scenarios over seeds and turns thrown errors into failures; both `labrunner grade` and the
/// Swift Testing wrappers go through it, so they always agree.
public enum ScenarioRunner {
    /// Runs `scenario` once per seed; stops at the first failure unless `keepGoing`.
    /// Live scenarios get `liveTimeout` per seed.
    public static func run(_ scenario: Scenario, seeds: [UInt64], keepGoing: Bool = false,
                           liveTimeout: Duration = .seconds(60)) async -> ScenarioResult {
        var ran: [UInt64] = []
        var failures: [(UInt64, ScenarioFailure)] = []
        for seed in seeds {
            // A simulated seed is CPU-bound work on Swift's small cooperative pool: let other tasks (a real
            // socket test running beside the graded suite, say) run between seeds.
            await Task.yield()
            ran.append(seed)
            if let failure = await runOnce(scenario, seed: seed, liveTimeout: liveTimeout) {
                failures.append((seed, failure))
                if !keepGoing { break }
            }
        }
        return ScenarioResult(scenario: scenario, seedsRun: ran, failures: failures)
    }

    /// The scenario's own seeds: 1 through `scenario.seeds`.
    public static func standardSeeds(_ scenario: Scenario) -> [UInt64] {
        (1...UInt64(max(scenario.seeds, 1))).map { $0 }
    }

    /// Runs one seed and returns its failure, or `nil` when it passed.
    public static func runOnce(_ scenario: Scenario, seed: UInt64, liveTimeout: Duration = .seconds(60)) async -> ScenarioFailure? {
        do {
            if scenario.mode == .live {
                try await withDeadline(liveTimeout) { try await scenario.body(seed) }
            } else {
                try await scenario.body(seed)
            }
            return nil
        } catch let failure as ScenarioFailure {
            return failure
        } catch let missing as NotImplemented {
            return ScenarioFailure(.notImplemented(exercise: missing.exercise))
        } catch let failed as NodeShellError {
            return ScenarioFailure(failed.notImplemented.map { .notImplemented(exercise: $0.exercise) } ?? .crashed(failed.description))
        } catch is DeadlineExceeded {
            return ScenarioFailure(.timedOut(after: liveTimeout))
        } catch {
            return ScenarioFailure(.crashed("\(error)"))
        }
    }
}

/// Thrown by ``withDeadline(_:_:)`` when the work did not finish in time.
public struct DeadlineExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    public let limit: Duration
    public var description: String { "did not finish within \(limit)" }
}

/// Runs `work`, cancelling it and throwing ``DeadlineExceeded`` if it takes longer than `limit`.
public func withDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded(limit: limit) }
        return value
    }
}
