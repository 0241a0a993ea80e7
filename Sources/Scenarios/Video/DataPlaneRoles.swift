import VideoKit

/// The four data-plane roles under test, as values the scenarios' `@Sendable` bodies can carry.
struct DataPlaneRoles: Sendable {
    var responder: any ChunkResponding.Type
    var hashing: any ChunkHashing.Type
    var plan: any DownloadPlanning.Type
    var finisher: any DownloadFinishing.Type

    init<V: VideoImplementation>(_: V.Type) {
        responder = V.Responder.self
        hashing = V.Hashing.self
        plan = V.Plan.self
        finisher = V.Finisher.self
    }

    /// These roles with `role` swapped in.
    func replacing(_ role: DataPlaneRole) -> DataPlaneRoles {
        var roles = self
        switch role {
        case let .responder(type): roles.responder = type
        case let .hashing(type): roles.hashing = type
        case let .plan(type): roles.plan = type
        case let .finisher(type): roles.finisher = type
        }
        return roles
    }

    /// These roles with the grader's own plan, for scenarios that grade other exercises.
    var withGraderPlan: DataPlaneRoles {
        replacing(.plan(FirstAskerPlan.self))
    }
}
