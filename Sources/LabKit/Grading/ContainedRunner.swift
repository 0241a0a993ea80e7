import Foundation

/// Runs scenarios in a worker process (`labrunner grade-worker`), so that what a student's code does to its
/// process — a trap, an endless loop, memory without end — fails one scenario instead of ending the run.
///
/// The worker runs the scenarios one by one and reports each seed it starts and each scenario it finishes
/// (``WorkerReport``). This side enforces every scenario's ``Scenario/timeLimit`` (and each seed's
/// ``Scenario/seedTimeLimit``) by killing the worker;
/// when the worker dies or is killed, the scenario it was running fails — "trapped" with the runtime's
/// message and the student's file and line, or "timed out after N s" — and a new worker takes the rest.
/// `labrunner grade` and the graded `swift test` suite both run scenarios this way.
package struct ContainedRunner: Sendable {
    /// The `labrunner` binary whose `grade-worker` command runs the scenarios.
    package let executable: String
    /// The worker's options choosing the code under test: `--impl student`, or `--mutant NAME`.
    package let selection: [String]
    /// Where the worker writes failing runs' traces; `nil`: none written.
    package var traceDirectory: String?
    /// The worker's memory limit (its data segment, `RLIMIT_DATA`): beyond it an allocation fails and the
    /// worker traps, as it would on a machine without the memory.
    package var memoryLimitMiB: Int
    /// Receives each line the worker prints on stderr (a student's `print` goes there too).
    package var onErrorLine: (@Sendable (String) -> Void)?
    /// Exercises the worker takes out of the reference solution (``Exercise/withheld``), and so every node
    /// process it starts.
    package var withheld: [String] = []

    /// 4 GiB, unless `LABRUNNER_MEMORY_LIMIT_MIB` says otherwise: far above what any honest scenario needs.
    package static func defaultMemoryLimitMiB(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["LABRUNNER_MEMORY_LIMIT_MIB"].flatMap(Int.init).map { max($0, 64) } ?? 4096
    }

    package init(executable: String, selection: [String], traceDirectory: String? = nil,
                 memoryLimitMiB: Int = ContainedRunner.defaultMemoryLimitMiB(), onErrorLine: (@Sendable (String) -> Void)? = nil) {
        self.executable = executable
        self.selection = selection
        self.traceDirectory = traceDirectory
        self.memoryLimitMiB = memoryLimitMiB
        self.onErrorLine = onErrorLine
    }

    /// What the worker (or its death) said about one scenario.
    package struct Outcome: Sendable {
        package let scenario: Scenario
        package let seedsRun: [UInt64]
        /// Each failing seed, as the student reads it.
        package let failures: [FailureReport]
        /// The faults the scenario's simulations injected, as the worker counted them (`nil` if it died first).
        package var faults: FaultModel?

        package var passed: Bool { failures.isEmpty && !seedsRun.isEmpty }
        package var earned: Int { passed ? scenario.points : 0 }
    }

    private enum Event: Sendable {
        case report(String)
        case error(String)
        /// A time limit passed: the scenario's (`seed` nil) or that of one of its seeds.
        case deadline(scenario: String, seed: UInt64?, limit: Duration)
        case exited(ChildProcess.Ending?)
    }

    /// Runs `scenarios` in order with the seeds `plan` gives each, handing each outcome to `onOutcome` as it is known.
    package func run(_ scenarios: [Scenario], plan: SeedPlan, onOutcome: (Outcome) async -> Void) async {
        var remaining = scenarios[...]
        while let next = remaining.first {
            let (events, sink) = AsyncStream<Event>.makeStream()
            let child: ChildProcess
            do {
                child = try startWorker(remaining.map(\.id), plan: plan, sink: sink)
            } catch {
                let reason = ScenarioFailure.Reason.crashed("cannot start the grading worker \(executable): \(error)")
                for scenario in remaining { await onOutcome(failed(scenario, seeds: Array(plan.seeds(for: scenario).prefix(1)), reason)) }
                return
            }
            var current: (scenario: Scenario, seeds: [UInt64])?
            var stderrTail: [String] = []
            var watchdog: Task<Void, Never>?, seedWatchdog: Task<Void, Never>?
            var timedOut: Duration?
            var ending: ChildProcess.Ending?
            events: for await event in events {
                switch event {
                case let .report(line):
                    switch try? JSONDecoder().decode(WorkerReport.self, from: Data(line.utf8)) {
                    case let .started(id, seed)?:
                        if current?.scenario.id != id, let scenario = remaining.first(where: { $0.id == id }) {
                            // The stderr tail is not reset here: stderr is read on another thread, so a trap's
                            // message can arrive before the report of the seed that caused it. One worker traps once.
                            current = (scenario, [])
                            watchdog?.cancel()
                            watchdog = Self.deadline(plan.timeLimit(for: scenario), scenario: id, seed: nil, sink)
                        }
                        current?.seeds.append(seed)
                        seedWatchdog?.cancel()
                        seedWatchdog = current?.scenario.seedTimeLimit.map { Self.deadline($0, scenario: id, seed: seed, sink) }
                    case let .finished(id, seedsRun, failures, faults)?:
                        watchdog?.cancel()
                        seedWatchdog?.cancel()
                        current = nil
                        guard let index = remaining.firstIndex(where: { $0.id == id }) else { continue }
                        let scenario = remaining.remove(at: index)
                        await onOutcome(Outcome(scenario: scenario, seedsRun: seedsRun, failures: failures.map { failure in
                            let files = failure.trace.flatMap { trace in failure.diagram.map { (jsonl: trace, svg: $0) } }
                            return FailureReport(scenario: scenario, seed: failure.seed, failure: ScenarioFailure(failure.reason), traceFiles: files)
                        }, faults: faults))
                    case nil:
                        continue
                    }
                case let .error(line):
                    stderrTail.append(line)
                    if stderrTail.count > 400 { stderrTail.removeFirst(stderrTail.count - 400) }
                case let .deadline(id, seed, limit):
                    guard current?.scenario.id == id, seed == nil || current?.seeds.last == seed else { continue }
                    timedOut = limit
                    child.kill()
                case let .exited(how):
                    ending = how
                    break events
                }
            }
            watchdog?.cancel()
            seedWatchdog?.cancel()
            if let (scenario, seeds) = current, !seeds.isEmpty {
                remaining.removeAll { $0.id == scenario.id }
                let reason = timedOut.map { ScenarioFailure.Reason.timedOut(after: $0) }
                    ?? .trapped(TrapText.describe(stderrTail, ending: ending, memoryLimitMiB: memoryLimitMiB))
                await onOutcome(failed(scenario, seeds: seeds, reason))
            } else if remaining.first?.id == next.id {
                // The worker ended without starting the next scenario: it cannot run it; say why and go on.
                remaining.removeFirst()
                let said = stderrTail.suffix(3).joined(separator: " / ")
                await onOutcome(failed(next, seeds: Array(plan.seeds(for: next).prefix(1)),
                                       .crashed("the grading worker \(ending.map(\.description) ?? "ended") before running it\(said.isEmpty ? "" : ": \(said)")")))
            }
        }
    }

    /// Says `.deadline` to `sink` once `limit` has passed, unless cancelled first.
    private static func deadline(_ limit: Duration, scenario: String, seed: UInt64?, _ sink: AsyncStream<Event>.Continuation) -> Task<Void, Never> {
        Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { sink.yield(.deadline(scenario: scenario, seed: seed, limit: limit)) }
        }
    }

    private func failed(_ scenario: Scenario, seeds: [UInt64], _ reason: ScenarioFailure.Reason) -> Outcome {
        Outcome(scenario: scenario, seedsRun: seeds,
                failures: [FailureReport(scenario: scenario, seed: seeds.last ?? 1, failure: ScenarioFailure(reason), traceFiles: nil)])
    }

    /// Starts `labrunner grade-worker` on `ids`; its reports, stderr lines and ending go to `sink`.
    private func startWorker(_ ids: [String], plan: SeedPlan, sink: AsyncStream<Event>.Continuation) throws -> ChildProcess {
        var arguments = ["grade-worker"] + selection + plan.arguments + ["--memory-limit", "\(memoryLimitMiB)"]
        if let traceDirectory { arguments += ["--traces", traceDirectory] }
        // The runtime's backtrace names the student's file and line; never interactive, no colours, no registers.
        var environment = ProcessInfo.processInfo.environment
        environment[Exercise.environmentVariable] = withheld.isEmpty ? nil : withheld.joined(separator: ",")
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=64"
        let forward = onErrorLine
        let child = try ChildProcess(name: "grading worker", executable: executable, arguments: arguments + ids,
                                     environment: environment, onLine: { sink.yield(.report($0)) },
                                     onErrorLine: { line in
                                         sink.yield(.error(line))
                                         forward?(line)
                                     })
        Task {
            _ = await child.waitForExit()
            sink.yield(.exited(child.ending))
            sink.finish()
        }
        return child
    }
}
