import Catalog
import Foundation

/// `labrunner skeleton [--check]`: writes each lab's student skeleton from its reference solution (exercise
/// bodies replaced by `try todo("x.y")`), or checks that the checked-in skeletons are exactly that.
struct SkeletonCommand: RunnerCommand {
    let spec = CommandSpec(name: "skeleton", maxPositionals: 0, options: [.init(name: "check", takesValue: false)], help: Help.skeleton)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        guard Catalog.hasSolutions else {
            throw UsageError("this copy is a student handout: skeletons are made from Sources/Solutions, which it has not", command: "skeleton")
        }
        let tree: SkeletonTree
        do { tree = try SkeletonTree(root: try KitRoot.locate()) } catch let error as SkeletonError {
            context.console.err("error: \(error)")
            return 1
        }
        let bodies = tree.files.reduce(0) { $0 + $1.markers.bodies.count }
        if arguments.flags.contains("check") {
            let drift = try tree.drift()
            guard drift.isEmpty else {
                for problem in drift { context.console.err("error: \(problem)") }
                context.console.err("The skeletons are not the ones their solutions generate: run 'labrunner skeleton' and commit the result.")
                return 1
            }
            context.console.out("Skeletons in step: \(tree.files.count) files of \(tree.labs.joined(separator: ", ")), \(bodies) exercise bodies.")
            return 0
        }
        let changed = try tree.write()
        context.console.out("Wrote the skeletons of \(tree.labs.joined(separator: ", ")): \(tree.files.count) files, \(bodies) exercise bodies, \(changed) file(s) changed.")
        return 0
    }
}
