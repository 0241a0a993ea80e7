import LabKit
import DepositKit
import MessagingKit
import PingKit
import VideoKit
import ZapsZapKit
import Scenarios

/// Every lab of the kit, bound to the implementation chosen for this run.
public enum Catalog {
    /// Whether this copy of the kit has the reference solutions (the student handout does not).
    public static var hasSolutions: Bool {
        #if canImport(PingSolution)
        true
        #else
        false
        #endif
    }

    /// The implementation to grade when none is named: `LAB_IMPL` if set, else the solution where it exists.
    public static func defaultImplementation(environment: [String: String]) throws(CatalogError) -> Implementation {
        guard let name = environment["LAB_IMPL"] else { return hasSolutions ? .solution : .student }
        return try implementation(named: name)
    }

    /// Parses `student` or `solution`, refusing `solution` in a copy that has none.
    public static func implementation(named name: String) throws(CatalogError) -> Implementation {
        guard let impl = Implementation(rawValue: name) else { throw .unknownImplementation(name) }
        if impl == .solution && !hasSolutions { throw .noSolutions }
        return impl
    }

    /// All labs, in course order, with scenarios bound to `impl`.
    public static func labs(_ impl: Implementation) -> [LabDescriptor] {
        [
            PingScenarios.lab(server: PingImplementations.server(impl), client: PingImplementations.client(impl)),
            VideoScenarios.lab(VideoImplementations.bundle(impl)),
            DepositScenarios.lab(DepositImplementations.server(impl), processes: .labRunner(impl)),
            ZapsZapScenarios.lab(ZapsZapImplementations.peer(impl), processes: .labRunner(impl)),
            MessagingScenarios.lab(MessagingImplementations.toolkit(impl), processor: MessagingImplementations.processor(impl),
                                   store: MessagingImplementations.store(impl), processes: .labRunner(impl)),
        ]
    }

    /// The ids of every lab, in course order.
    public static var labIDs: [String] { labs(.student).map(\.id) }

    /// The lab named `id`, or an error listing the labs there are.
    public static func lab(_ id: String, _ impl: Implementation) throws(CatalogError) -> LabDescriptor {
        guard let lab = labs(impl).first(where: { $0.id == id }) else {
            throw .unknownLab(id, known: labs(impl).map(\.id))
        }
        return lab
    }
}

/// A name on the command line or in `LAB_IMPL` that the catalog does not know.
public enum CatalogError: Error, Equatable, CustomStringConvertible {
    case unknownLab(String, known: [String])
    case unknownImplementation(String)
    case noSolutions
    case unknownMutant(String, known: [String])

    public var description: String {
        switch self {
        case let .unknownLab(name, known): "unknown lab '\(name)' (labs: \(known.joined(separator: ", ")))"
        case let .unknownImplementation(name): "unknown implementation '\(name)' (use student or solution)"
        case let .unknownMutant(name, known): "no mutant '\(name)' (mutants: \(known.map { "'\($0)'" }.joined(separator: ", ")))"
        case .noSolutions: "this copy of the kit has no reference solutions (it is a student handout): use --impl student"
        }
    }
}
