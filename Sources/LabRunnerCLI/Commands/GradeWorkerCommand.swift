import Catalog
import Foundation
import LabKit
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// `labrunner grade-worker`: not for people. `labrunner grade` and the graded `swift test` suite start it
/// (``ContainedRunner``) to run scenarios where a trap, an endless loop or runaway memory in the code under
/// test ends only this process. It runs the scenarios named, in order, and reports on its original stdout one
/// JSON line per seed started and per scenario finished (``WorkerReport``); whatever else prints (a
/// student's `print`, the runtime's crash report) goes to stderr.
struct GradeWorkerCommand: RunnerCommand {
    let spec = CommandSpec(name: "grade-worker", maxPositionals: 10_000, options: [
        .init(name: "impl", takesValue: true), .init(name: "mutant", takesValue: true),
        .init(name: "seed", takesValue: true), .init(name: "runs", takesValue: true),
        .init(name: "base-seed", takesValue: true), .init(name: "traces", takesValue: true),
        .init(name: "memory-limit", takesValue: true),
    ], help: Help.gradeWorker)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let pool = try arguments.value("mutant").map { try Catalog.mutant(named: $0).scenarios } ?? Catalog.labs(impl).flatMap(\.scenarios)
        let scenarios = try arguments.positionals.map { id in
            guard let scenario = pool.first(where: { $0.id == id }) else { throw UsageError("no scenario '\(id)'", command: "grade-worker") }
            return scenario
        }
        let plan: SeedPlan
        if let runs = try arguments.integer("runs", in: 1...1_000_000, command: "grade-worker") {
            plan = .fresh(runs: runs, base: try arguments.integer("base-seed", in: 0...Int.max, command: "grade-worker").map(UInt64.init) ?? 0)
        } else if let seed = try arguments.integer("seed", in: 0...Int.max, command: "grade-worker") {
            plan = .one(UInt64(seed))
        } else {
            plan = .standard
        }
        if let mebibytes = try arguments.integer("memory-limit", in: 64...(1 << 30), command: "grade-worker") {
            Self.limitMemory(mebibytes: mebibytes)
        }
        if context.environment["LABRUNNER_PARENT_PIPE"] != nil {
            Self.exitWhenParentIsGone()
        }
        let reports = Self.takeStandardOutput()
        let traceDirectory = arguments.value("traces")
        for scenario in scenarios {
            if let traceDirectory { TraceFiles.remove(in: traceDirectory, prefix: "\(scenario.id).seed") }  // no stale runs beside new ones
            var ran: [UInt64] = []
            var failures: [WorkerReport.SeedFailure] = []
            let census = FaultCensus()
            for seed in plan.seeds(for: scenario) {
                reports.send(.started(scenario: scenario.id, seed: seed))
                ran.append(seed)
                guard let failure = await census.record({ await ScenarioRunner.runOnce(scenario, seed: seed) }) else { continue }
                var reported = WorkerReport.SeedFailure(seed: seed, reason: failure.reason)
                if let traceDirectory, let files = saveTrace(failure, scenario: scenario, seed: seed, to: traceDirectory, context) {
                    reported.trace = files.jsonl
                    reported.diagram = files.svg
                }
                failures.append(reported)
                if !plan.keepGoing { break }
            }
            reports.send(.finished(scenario: scenario.id, seedsRun: ran, failures: failures, faults: census.faults))
        }
        return 0
    }

    /// Caps the data segment (heap and private mappings), so runaway memory fails an allocation here — a
    /// trap the grader reports — before it starves the machine.
    static func limitMemory(mebibytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(mebibytes) << 20, rlim_max: rlim_t(mebibytes) << 20)
        #if canImport(Darwin)
        _ = setrlimit(RLIMIT_DATA, &limit)
        #else
        _ = setrlimit(Int32(RLIMIT_DATA.rawValue), &limit)
        #endif
    }

    /// Our stdin is a pipe from the grader: its end, once the grader is no longer our parent, means it is gone,
    /// and so is the reason to go on.
    /// A raw `read`, not `readLine`: `readLine` holds stdin's stdio lock while it waits, and `exit` takes that
    /// lock to flush, so a worker that finished would hang at exit for ever.
    static func exitWhenParentIsGone() {
        let parent = getppid()
        let watcher = Thread {
            var byte: UInt8 = 0
            while read(STDIN_FILENO, &byte, 1) > 0 {}
            StandardInput.whenParentGone(parent) { _exit(3) }
        }
        watcher.name = "labrunner.stdin-end"
        watcher.start()
    }

    /// Moves this process's stdout to a descriptor only the reports use, and points stdout at stderr: a
    /// `print` in the code under test can never garble a report.
    static func takeStandardOutput() -> WorkerReports {
        fflush(nil)
        let reports = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return WorkerReports(handle: FileHandle(fileDescriptor: reports, closeOnDealloc: true))
    }

    /// The failure as the diagram shows it in full: what was expected and observed on lines of their own.
    static func diagramText(_ failure: ScenarioFailure) -> String {
        if case let .wrong(expected, observed) = failure.reason { return "expected: \(expected)\nobserved: \(observed)" }
        return failure.description
    }

    /// Writes the failing run's trace as JSONL and SVG, unless there is nothing to draw.
    private func saveTrace(_ failure: ScenarioFailure, scenario: Scenario, seed: UInt64, to directory: String,
                           _ context: CommandContext) -> (jsonl: String, svg: String)? {
        guard !failure.trace.isEmpty else { return nil }
        do {
            return try TraceFiles.write(failure.trace, to: directory, name: "\(scenario.id).seed\(seed)",
                                        diagram: SpaceTimeDiagram(title: "\(scenario.id), seed \(seed)", failure: Self.diagramText(failure)))
        } catch {
            context.console.err("note: could not save the trace: \(error)")
            return nil
        }
    }
}

/// The worker's report stream: one JSON line per ``WorkerReport``, written whole.
struct WorkerReports: Sendable {
    let handle: FileHandle

    func send(_ report: WorkerReport) {
        guard let json = try? JSONEncoder().encode(report) else { return }
        try? handle.write(contentsOf: json + Data("\n".utf8))
    }
}
