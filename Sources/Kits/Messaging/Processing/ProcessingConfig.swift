// Lab messaging, phase 2 — how a processor is set up: given, not an exercise.

/// The processing service as each processor knows it: the replicas in rank order, Alice's key, the timing.
public struct ProcessingConfig: Sendable {
    /// Every processor, lowest rank first: in the bully algorithm the last one alive leads.
    public var replicas: [NodeID]
    /// Alice's key pair, handed to every processor by configuration.
    public var key: RSAPrivateKey
    /// How often the leader sends `append` (a heartbeat when there is nothing new) and timers are checked.
    public var heartbeat: Duration
    /// How long a follower goes without hearing its leader before it starts an election.
    public var electionTimeout: Duration
    /// How long an election waits for `alive` from above, and a claim for its promises.
    public var answerTimeout: Duration

    public init(replicas: [NodeID], key: RSAPrivateKey, heartbeat: Duration = .milliseconds(50),
                electionTimeout: Duration = .milliseconds(300), answerTimeout: Duration = .milliseconds(150)) {
        self.replicas = replicas
        self.key = key
        self.heartbeat = heartbeat
        self.electionTimeout = electionTimeout
        self.answerTimeout = answerTimeout
    }

    /// `node`'s rank (its place in ``replicas``); -1 for a node that is no processor.
    public func rank(of node: NodeID) -> Int { replicas.firstIndex(of: node) ?? -1 }

    /// How many processors make a majority.
    public var majority: Int { replicas.count / 2 + 1 }
}

/// A processor: the node students write in phase 2. Graders read the hooks between events, never change it.
public protocol ProcessorNode: NodeLogic where Message == MessagingMessage, Output == MessagingEvent, Command == Never {
    /// A processor of the service configured by `config`; it starts on `start`.
    init(config: ProcessingConfig)
    /// The highest term this processor knows of (it promised or leads it).
    var term: UInt64 { get }
    /// Whether it acts as the leader of ``term`` now.
    var isLeader: Bool { get }
    /// What it executed in this run, in order of sequence number.
    var executed: [ExecutedEntry] { get }
}
