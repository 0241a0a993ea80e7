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
