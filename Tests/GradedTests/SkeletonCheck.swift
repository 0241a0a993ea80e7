import LabKit
import Testing

/// What every lab's skeleton must do in its scenarios: stop at its first `todo`, reported as not implemented.
enum SkeletonCheck {
    /// Records an issue for each of `scenarios` whose seed 1 does not fail as "not implemented".
    static func failsAsNotImplemented(_ scenarios: [Scenario]) async {
        for scenario in scenarios {
            let failure = await ScenarioRunner.runOnce(scenario, seed: 1)
            guard case .notImplemented = failure?.reason else {
                Issue.record("\(scenario.id): expected 'not implemented', got \(failure.map(\.description) ?? "a pass")")
                continue
            }
        }
    }
}

/// What every live scenario must do when no `labrunner` can be found to start its nodes: fail, saying so.
enum LiveScenarioCheck {
    /// Records an issue unless `scenario`, started with no executable, crashes naming the missing labrunner.
    static func failsWithoutExecutable(_ scenario: Scenario) async {
        let failure = await ScenarioRunner.runOnce(scenario, seed: 1)
        guard case let .crashed(reason)? = failure?.reason else {
            Issue.record("expected a crash naming the missing labrunner, got \(failure.map(\.description) ?? "a pass")")
            return
        }
        #expect(reason.contains("no labrunner executable"))
    }
}
