import DepositKit
import DepositLab
#if canImport(DepositSolution)
import DepositSolution
#endif

/// The deposit server type of each implementation, for grading and for real runs (`labrunner node deposit`).
public enum DepositImplementations {
    /// The server type of `impl`: the student's `Sources/Labs/Deposit` or the reference.
    public static func server(_ impl: Implementation) -> any DepositServerNode.Type {
        switch impl {
        case .student: return DepositLab.DepositServer.self
        case .solution:
            #if canImport(DepositSolution)
            return DepositSolution.DepositServer.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }
}
