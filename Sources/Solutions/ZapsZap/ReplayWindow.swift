import ZapsZapKit

/// What a member accepted from one sender, so that a datagram accepted once is refused ever after: the
/// sender's newest epoch, and the counters accepted in it, within ``ZapLimits/replayWindow`` of the highest.
struct ReplayWindow {
    /// The newest epoch of the sender accepted so far (0: none yet).
    var epoch: UInt32 = 0
    /// The highest counter accepted in `epoch` (`nil`: none yet).
    var highest: UInt64?
    /// The counters accepted in `epoch`; those too far below `highest` may be forgotten.
    var seen: Set<UInt64> = []

    /// Exercise 2.2 — whether to accept the authentic datagram (`epoch`, `counter`) of this sender, remembering
    /// it if so. Refuse (return `false`):
    /// - a datagram from an older epoch than `self.epoch` (the sender restarted since: it is an old copy);
    /// - a counter already accepted in this epoch;
    /// - a counter `ZapLimits.replayWindow` or more below `highest` (too old to tell; the sender's later
    ///   datagrams and anti-entropy make up for it).
    /// A newer epoch starts afresh. Forget counters that fell out of the window now and then, so that memory
    /// stays bounded however long a sender talks.
    ///
    /// Tested by `zapszap.2.2-replays`: every copy after the first, and every datagram of an older epoch, is
    /// refused as replayed; every first copy is accepted. Hint: a `Set<UInt64>`, pruned when it doubles.
    mutating func accept(epoch: UInt32, counter: UInt64) throws -> Bool {
        try Exercise.begin("2.2")
        if epoch < self.epoch { return false }
        if epoch > self.epoch { self = ReplayWindow(epoch: epoch) }
        if let highest, counter + ZapLimits.replayWindow <= highest { return false }
        guard seen.insert(counter).inserted else { return false }
        let top = max(highest ?? counter, counter)
        highest = top
        if seen.count > 2 * Int(ZapLimits.replayWindow) {
            seen = seen.filter { $0 + ZapLimits.replayWindow > top }
        }
        return true
        // end exercise 2.2
    }

    /// Whether every datagram accepted so far comes before (`epoch`, `counter`): it would be the newest.
    func isOlder(thanEpoch epoch: UInt32, counter: UInt64) -> Bool {
        epoch > self.epoch || (epoch == self.epoch && highest.map { counter > $0 } ?? true)
    }
}
