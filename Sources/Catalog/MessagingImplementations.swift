import MessagingKit
import MessagingLab
#if canImport(MessagingSolution)
import MessagingSolution
#endif

/// The RSA of each implementation, for grading and for `labrunner rsa` and `labrunner bench messaging`.
public enum MessagingImplementations {
    /// The RSA type of `impl`: the student's `Sources/Labs/Messaging` or the reference.
    public static func toolkit(_ impl: Implementation) -> any RSAToolkit.Type {
        switch impl {
        case .student: return MessagingLab.RSA.self
        case .solution:
            #if canImport(MessagingSolution)
            return MessagingSolution.RSA.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }

    /// The processor type of `impl` (phase 2): the student's or the reference's, each running its own phase-1 RSA.
    public static func processor(_ impl: Implementation) -> any ProcessorNode.Type {
        switch impl {
        case .student: return MessagingLab.Processor.self
        case .solution:
            #if canImport(MessagingSolution)
            return MessagingSolution.Processor.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }

    /// The persistence store of `impl`: the student's or the reference's.
    public static func store(_ impl: Implementation) -> any PersistenceStoreNode.Type {
        switch impl {
        case .student: return MessagingLab.PersistenceStore.self
        case .solution:
            #if canImport(MessagingSolution)
            return MessagingSolution.PersistenceStore.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }
}
