import VideoKit

extension TrackerScenarios {
    /// One step of a probe's script: at virtual time `time`, send `message` to the tracker.
    struct Step {
        var time: Duration
        var message: TrackerMessage
    }

    /// A grader-owned peer that sends a fixed script to the tracker, so the tracker is graded without the
    /// student's agent. Optionally it heartbeats while it believes it is registered and answers UNKNOWN-PEER
    /// with a JOIN of its current list. After a restart it resumes its script where the clock is.
    struct ProbePeer: NodeLogic {
        static let heartbeatTimer: TimerID = "heartbeat"

        let tracker: NodeID
        let script: [Step]
        /// Send a HEARTBEAT this often while registered as far as the probe knows; `nil`: only the script.
        let heartbeat: Duration?
        /// Whether to send JOIN again when the tracker says UNKNOWN-PEER.
        let rejoins: Bool
        /// The address and files of the probe's latest JOIN, with the files of its UPDATEs since.
        var address = ""
        var files: [SharedFile] = []
        /// Whether the probe believes it is registered (it joined or spoke, and did not leave).
        var active = false

        init(tracker: NodeID = "tracker", script: [Step], heartbeat: Duration? = nil, rejoins: Bool = false) {
            self.tracker = tracker
            self.script = script
            self.heartbeat = heartbeat
            self.rejoins = rejoins
        }

        mutating func start(_ ctx: inout VideoContext) {
            for (index, step) in script.enumerated() {
                if step.time < ctx.now {
                    note(step.message)
                } else {
                    ctx.setTimer(TimerID("step", index + 1), after: step.time - ctx.now)
                }
            }
            if let heartbeat { ctx.setTimer(Self.heartbeatTimer, after: heartbeat) }
        }

        mutating func timerFired(_ timer: TimerID, _ ctx: inout VideoContext) {
            if timer.name == "step" {
                let step = script[timer.index - 1]
                note(step.message)
                ctx.send(step.message, to: tracker)
            } else if timer == Self.heartbeatTimer, let heartbeat {
                if active { ctx.send(.heartbeat, to: tracker) }
                ctx.setTimer(Self.heartbeatTimer, after: heartbeat)
            }
        }

        mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) {
            if message == .unknownPeer, rejoins, active {
                ctx.send(.join(address: address, files: files), to: tracker)
            }
        }

        /// Keeps track of what the probe told the tracker.
        mutating func note(_ message: TrackerMessage) {
            switch message {
            case let .join(address, files):
                self.address = address
                self.files = files
                active = true
            case let .update(file):
                if !files.contains(file) { files.append(file) }
                active = true
            case .heartbeat:
                active = true
            case .leave:
                active = false
            case .search, .joined, .results, .unknownPeer, .refused:
                break
            }
        }
    }

    /// A grader-owned tracker for grading the agent alone, simpler than a real one: it answers every JOIN
    /// (after leaving the first `unansweredJoins` unanswered), says UNKNOWN-PEER to a HEARTBEAT or UPDATE
    /// from a peer it does not know, and answers every SEARCH with canned hits that depend on the text only.
    /// A crash empties its memory, like a real tracker's.
    struct StubTracker: NodeLogic {
        let ttl: Duration
        var unansweredJoins: Int
        var known: Set<NodeID> = []

        init(ttl: Duration, unansweredJoins: Int = 0) {
            self.ttl = ttl
            self.unansweredJoins = unansweredJoins
        }

        mutating func receive(_ message: TrackerMessage, from sender: NodeID, _ ctx: inout VideoContext) {
            switch message {
            case .join where unansweredJoins > 0:
                unansweredJoins -= 1
                ctx.log("leaving this JOIN unanswered")
            case .join:
                known.insert(sender)
                ctx.send(.joined(ttl: ttl), to: sender)
            case .heartbeat, .update:
                if !known.contains(sender) { ctx.send(.unknownPeer, to: sender) }
            case .leave:
                known.remove(sender)
            case let .search(requestID, text):
                ctx.send(.results(requestID: requestID, hits: Self.hits(for: text), more: Self.more(for: text)), to: sender)
            case .joined, .results, .unknownPeer, .refused:
                break
            }
        }

        /// The canned answer to a search: one made-up file named after the text (none for an empty text),
        /// so that an answer delivered for the wrong search shows.
        static func hits(for text: String) -> [SearchHit] {
            guard !text.isEmpty else { return [] }
            let file = SharedFile(name: "\(text) (director's cut).mp4", size: UInt64(text.utf8.count) << 20,
                                  contentID: ContentID(SHA256.hash(Array("stub \(text)".utf8))))
            return [SearchHit(file: file, holders: [PeerContact(peer: "seeder", address: "10.0.0.99:9000")])]
        }

        /// Whether the canned answer says there is more: for a text that starts with a capital letter, so
        /// that an agent that drops `more` shows.
        static func more(for text: String) -> Bool { text.first?.isUppercase == true }
    }
}
