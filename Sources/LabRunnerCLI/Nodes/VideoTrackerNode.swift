import Catalog
import LabKit
import VideoKit

/// `labrunner node video tracker`: the tracker as a real TCP node.
enum VideoTrackerNode {
    /// The options only the tracker reads.
    static let options: [CommandSpec.Option] = [.init(name: "ttl", takesValue: true)]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions(arguments, role: "tracker", command: "node")
        let ttl = try arguments.duration("ttl", command: "node") ?? TrackerConfig().ttl
        return await serve(VideoImplementations.bundle(impl), config: TrackerConfig(ttl: ttl), options: options, context: context)
    }

    private static func serve<V: VideoImplementation>(_: V.Type, config: TrackerConfig, options: NodeOptions, context: CommandContext) async -> Int32 {
        await LiveNode(logic: V.Tracker(config: config), options: options, transport: .tcp, context: context, title: "video tracker") { "\($0)" }.run()
    }
}
