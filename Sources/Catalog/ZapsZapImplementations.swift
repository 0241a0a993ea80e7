import ZapsZapKit
import ZapsZapLab
#if canImport(ZapsZapSolution)
import ZapsZapSolution
#endif

/// The zapszap member type of each implementation, for grading and for real runs (`labrunner node zapszap`).
public enum ZapsZapImplementations {
    /// The member type of `impl`: the student's `Sources/Labs/ZapsZap` or the reference.
    public static func peer(_ impl: Implementation) -> any ChatPeerNode.Type {
        switch impl {
        case .student: return ZapsZapLab.ChatPeer.self
        case .solution:
            #if canImport(ZapsZapSolution)
            return ZapsZapSolution.ChatPeer.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }
}
