// Lab video — the two sans-IO roles of the control plane, as the graders drive them.

import FileTransfer
import LabKit

/// How the tracker behaves.
public struct TrackerConfig: Sendable, Equatable {
    /// A peer silent for longer than this disappears from search results.
    public var ttl: Duration

    public init(ttl: Duration = .seconds(10)) { self.ttl = ttl }
}

/// How a peer's tracker agent behaves.
public struct PeerAgentConfig: Sendable, Equatable {
    /// The tracker's node name.
    public var tracker: NodeID
    /// The `HOST:PORT` of this peer's chunk server, announced in JOIN.
    public var address: String
    /// The files this peer shares when it starts.
    public var files: [SharedFile]
    /// How long to wait for JOINED or RESULTS before asking again (messages can be lost).
    public var retry: Duration

    public init(tracker: NodeID = "tracker", address: String, files: [SharedFile], retry: Duration = .seconds(1)) {
        self.tracker = tracker
        self.address = address
        self.files = files
        self.retry = retry
    }
}

/// What a peer's user asks of its tracker agent.
public enum PeerCommand: Sendable, Equatable, CustomStringConvertible {
    /// Search the tracker for files whose name contains the text.
    case search(String)
    /// Tell the tracker this peer now holds a file (after downloading it).
    case announce(SharedFile)
    /// Leave the tracker.
    case leave

    public var description: String {
        switch self {
        case let .search(text): "search \"\(text)\""
        case let .announce(file): "announce \(file.name)"
        case .leave: "leave"
        }
    }
}

/// What a peer's tracker agent reports to its user.
public enum PeerEvent: Sendable, Equatable, CustomStringConvertible {
    /// The tracker registered this peer (again, after an expiry or a tracker restart).
    case joined(ttl: Duration)
    /// The answer to a search; `more` when the tracker had more hits or holders than one answer carries.
    case results(query: String, hits: [SearchHit], more: Bool)

    public var description: String {
        switch self {
        case let .joined(ttl): "joined the tracker (ttl \(ttl))"
        case let .results(query, hits, more):
            (hits.isEmpty ? "no file matches \"\(query)\"" : "\(hits.count) file(s) match \"\(query)\": " + hits.map(\.description).joined(separator: "; "))
                + (more ? " — and more than one answer lists: type more of the name to narrow the search" : "")
        }
    }
}

/// The context of the video control-plane nodes.
public typealias VideoContext = NodeContext<TrackerMessage, PeerEvent>

/// The tracker: exercises 1 and 2.1.
public protocol TrackerNode: NodeLogic where Message == TrackerMessage, Output == PeerEvent {
    init(config: TrackerConfig)
}

/// A peer's tracker agent: exercise 2.2.
public protocol PeerAgentNode: NodeLogic where Message == TrackerMessage, Output == PeerEvent, Command == PeerCommand {
    init(config: PeerAgentConfig)
}
