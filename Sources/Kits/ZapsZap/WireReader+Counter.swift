import LabKit

extension WireReader {
    /// A Lamport time or sequence number, refused above ``ZapLimits/maxCounter``: an insider's 2⁶⁴ − 1 never
    /// reaches a member's arithmetic, its store or anyone it syncs with.
    public mutating func readCounter(field: @autoclosure () -> String) throws(WireError) -> UInt64 {
        let value: UInt64 = try read()
        guard value <= ZapLimits.maxCounter else {
            throw .invalidValue(field: field(), reason: "\(value) is above the limit of \(ZapLimits.maxCounter)")
        }
        return value
    }
}
