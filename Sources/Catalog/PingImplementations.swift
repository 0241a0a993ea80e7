import PingKit
import PingLab
#if canImport(PingSolution)
import PingSolution
#endif

/// The ping node types of each implementation, for real runs (`labrunner node ping …`, the demo).
public enum PingImplementations {
    public static func server(_ impl: Implementation) -> any PingServerNode.Type {
        switch impl {
        case .student: return PingLab.PingServer.self
        case .solution:
            #if canImport(PingSolution)
            return PingSolution.PingServer.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }

    public static func client(_ impl: Implementation) -> any PingClientNode.Type {
        switch impl {
        case .student: return PingLab.PingClient.self
        case .solution:
            #if canImport(PingSolution)
            return PingSolution.PingClient.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }
}
