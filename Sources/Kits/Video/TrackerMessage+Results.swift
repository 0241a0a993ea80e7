// Lab video — the one way a tracker's search answer is put on the wire: capped, so it always fits a frame.

import FileTransfer
import LabKit

extension TrackerMessage {
    /// The RESULTS for search `requestID` from what a search found, as the given tracker code sends it: the
    /// first ``TrackerLimits/hitsPerAnswer`` hits, each with its first ``TrackerLimits/holdersPerHit``
    /// holders, within ``TrackerLimits/answerBytes``; `more` when anything was left out. A hit the searcher
    /// could not decode (a name or address beyond the contract's limits) is left out too.
    public static func results(requestID: UInt32, capping hits: [SearchHit]) -> TrackerMessage {
        var kept: [SearchHit] = []
        var bytes = 0
        var more = hits.count > TrackerLimits.hitsPerAnswer
        for var hit in hits.prefix(TrackerLimits.hitsPerAnswer) {
            if hit.holders.count > TrackerLimits.holdersPerHit {
                hit.holders = Array(hit.holders.prefix(TrackerLimits.holdersPerHit))
                more = true
            }
            let encoded = hit.encoded()
            guard (try? SearchHit.decode(encoded)) != nil else { continue }
            guard bytes + encoded.count <= TrackerLimits.answerBytes else {
                more = true
                break
            }
            bytes += encoded.count
            kept.append(hit)
        }
        return .results(requestID: requestID, hits: kept, more: more)
    }
}
