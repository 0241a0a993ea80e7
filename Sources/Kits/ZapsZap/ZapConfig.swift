// Lab zapszap — how a member behaves: given, not an exercise.

import LabKit

/// Everything a chat member needs to join its group: the key, whom to contact first, and its timings.
///
/// The member's name is its node name (`--name alice` on the command line). Peers are node names too; for
/// real runs their addresses come from the command line, and others are learned from the datagrams they send.
public struct ZapConfig: Sendable, Equatable {
    /// The group's key, derived from its name and passphrase.
    public var key: GroupKey
    /// Members to greet on start (any one that answers is enough).
    public var peers: [NodeID]
    /// How long to wait for an answer to hello before greeting again.
    public var helloRetry: Duration
    /// The mean time between two anti-entropy rounds (each round waits 0.5 to 1.5 times this).
    public var syncInterval: Duration
    /// How often to send a heartbeat to every member.
    public var presenceInterval: Duration
    /// A member silent for longer than this is shown offline.
    public var presenceTimeout: Duration
    /// The most bytes of a sync page's payload (unless it holds a single message), so that a datagram stays
    /// under ``ZapLimits/maxDatagramBytes``.
    public var pageBytes: Int

    /// A member of `group`; the key is derived from `passphrase` (see ``GroupKey``).
    public init(group: String, passphrase: String, peers: [NodeID] = [], helloRetry: Duration = .seconds(1),
                syncInterval: Duration = .seconds(10), presenceInterval: Duration = .seconds(2),
                presenceTimeout: Duration = .seconds(6), pageBytes: Int = 1000) {
        self.init(key: GroupKey(group: group, passphrase: passphrase), peers: peers, helloRetry: helloRetry,
                  syncInterval: syncInterval, presenceInterval: presenceInterval, presenceTimeout: presenceTimeout,
                  pageBytes: pageBytes)
    }

    /// A member with an already derived key (many members of one group share one).
    public init(key: GroupKey, peers: [NodeID] = [], helloRetry: Duration = .seconds(1),
                syncInterval: Duration = .seconds(10), presenceInterval: Duration = .seconds(2),
                presenceTimeout: Duration = .seconds(6), pageBytes: Int = 1000) {
        self.key = key
        self.peers = peers
        self.helloRetry = helloRetry
        self.syncInterval = syncInterval
        self.presenceInterval = presenceInterval
        self.presenceTimeout = presenceTimeout
        self.pageBytes = pageBytes
    }
}
