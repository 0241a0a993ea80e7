extension StoreLog {
    /// The SHA-256 of every entry's encoding, in log order (ballots included): two stores hold the same log
    /// exactly when their digests are equal.
    public var digest: [UInt8] {
        var hasher = SHA256()
        for entry in entries { hasher.update(entry.encoded()) }
        return hasher.finalize()
    }
}
