import FileTransfer
import LabKit

/// One role of the video lab's data plane bound to a type: how a mutant says which role it replaces, and
/// how graders run the data-plane scenarios with that role swapped in.
///
/// ```swift
/// ("plan restarts from zero", .plan(RestartFromZeroPlan.self), ["video.5.1-resume"])
/// ```
public enum DataPlaneRole: Sendable, CustomStringConvertible {
    /// The chunk server's decisions (exercise 3.1).
    case responder(any ChunkResponding.Type)
    /// Manifests and chunk checks (exercises 4.1, 4.2).
    case hashing(any ChunkHashing.Type)
    /// The download plan (exercises 5.1, 6.1, 6.2, 7.1).
    case plan(any DownloadPlanning.Type)
    /// The final check and rename (exercise 5.2).
    case finisher(any DownloadFinishing.Type)

    public var description: String {
        switch self {
        case let .responder(type): "responder \(type)"
        case let .hashing(type): "hashing \(type)"
        case let .plan(type): "plan \(type)"
        case let .finisher(type): "finisher \(type)"
        }
    }
}
