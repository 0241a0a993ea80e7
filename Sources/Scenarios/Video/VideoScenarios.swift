import VideoKit

/// Lab 1 — video: the tracker's scenarios (steps 1–2, simulated) and the data plane's (steps 3–7, live).
public enum VideoScenarios {
    public static let exercises = TrackerScenarios.exercises + DataPlaneScenarios.exercises

    /// The lab as the runner shows it, bound to the implementation `V`.
    public static func lab<V: VideoImplementation>(_ implementation: V.Type) -> LabDescriptor {
        LabDescriptor(id: "video", number: 1, title: "P2P sharing of giant video files through a tracker", exercises: exercises,
                      scenarios: TrackerScenarios.all(implementation) + DataPlaneScenarios.all(implementation))
    }
}
