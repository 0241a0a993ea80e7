extension HMAC {
    /// Incremental HMAC-SHA-256: feed the message in any pieces, then take the 32-byte tag.
    ///
    /// ```swift
    /// var mac = HMAC.SHA256Authenticator(key: sharedKey)
    /// mac.update(header); mac.update(payload)
    /// let tag = mac.finalize()
    /// ```
    /// The key is processed once, in `init`: copying a keyed authenticator and feeding each copy a different
    /// message is cheaper than keying again (HKDF's expand step does exactly that).
    public struct SHA256Authenticator: Sendable {
        /// Bytes in a SHA-256 block, the length keys are padded (or hashed) to.
        static let blockLength = 64

        /// SHA-256 that has absorbed `key ⊕ ipad` and then the message so far.
        private var inner = SHA256()
        /// SHA-256 that has absorbed `key ⊕ opad`; `finalize` feeds it the inner digest.
        private var outer = SHA256()

        /// An authenticator keyed with `key`, of any length (a key longer than 64 bytes is replaced by its digest).
        public init(key: [UInt8]) {
            var block = key.count > Self.blockLength ? SHA256.hash(key) : key
            block += [UInt8](repeating: 0, count: Self.blockLength - block.count)
            inner.update(block.map { $0 ^ 0x36 })
            outer.update(block.map { $0 ^ 0x5c })
        }

        /// Adds `bytes` to the message.
        public mutating func update(_ bytes: [UInt8]) {
            inner.update(bytes)
        }

        /// Adds the bytes of `buffer` to the message.
        public mutating func update(_ buffer: UnsafeRawBufferPointer) {
            inner.update(buffer)
        }

        /// Returns the 32-byte tag of the message; the authenticator should not be used afterwards.
        public mutating func finalize() -> [UInt8] {
            outer.update(inner.finalize())
            return outer.finalize()
        }
    }
}
