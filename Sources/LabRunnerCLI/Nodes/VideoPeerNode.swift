import Catalog
import Foundation
import LabKit
import VideoKit

/// `labrunner node video peer`: one peer process — a chunk server for its shared folder, a tracker agent,
/// and downloads on request — interactive at a prompt, or scripted with `--search` and `--download`.
enum VideoPeerNode {
    static let options: [CommandSpec.Option] = [
        .init(name: "tracker", takesValue: true), .init(name: "tracker-id", takesValue: true),
        .init(name: "share", takesValue: true), .init(name: "downloads", takesValue: true),
        .init(name: "download", takesValue: true), .init(name: "search", takesValue: true),
        .init(name: "min-sources", takesValue: true), .init(name: "stay", takesValue: false),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let impl = try context.implementation(arguments)
        let options = try NodeOptions(arguments, role: "peer", unique: true, command: "node")
        guard let tracker = arguments.value("tracker") else {
            throw UsageError("a video peer needs --tracker HOST:PORT", command: "node")
        }
        if arguments.value("search") != nil && arguments.value("download") != nil {
            throw UsageError("give --search or --download, not both", command: "node")
        }
        let settings = VideoPeerSettings(
            options: options,
            tracker: try NodeOptions.address(tracker, option: "tracker", command: "node"),
            trackerID: NodeID(arguments.value("tracker-id") ?? "tracker"),
            share: arguments.value("share"),
            downloads: arguments.value("downloads") ?? "downloads",
            script: arguments.value("download").map { .download($0) } ?? arguments.value("search").map { .search($0) },
            minimumSources: try arguments.integer("min-sources", in: 1...TrackerLimits.holdersPerHit, command: "node") ?? 1,
            stay: arguments.flags.contains("stay"))
        return await open(VideoImplementations.bundle(impl), settings, context)
    }

    private static func open<V: VideoImplementation>(_: V.Type, _ settings: VideoPeerSettings, _ context: CommandContext) async -> Int32 {
        await VideoPeer<V>(settings: settings, context: context).run()
    }
}

/// What a video peer was asked to do on the command line.
struct VideoPeerSettings: Sendable {
    /// One scripted action instead of (or before) the prompt.
    enum Script: Sendable, Equatable { case search(String), download(String) }

    let options: NodeOptions
    let tracker: SocketAddress
    let trackerID: NodeID
    let share: String?
    let downloads: String
    let script: Script?
    let minimumSources: Int
    let stay: Bool
}
