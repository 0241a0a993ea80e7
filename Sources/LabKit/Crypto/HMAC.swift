/// HMAC (RFC 2104) with SHA-256: a keyed digest that only holders of the key can compute, so a receiver
/// can tell that a message came from a peer sharing the key and was not altered.
///
/// ```swift
/// let tag = HMAC.sha256(key: sharedKey, message: Array("chunk 7".utf8))   // 32 bytes
/// ```
/// For a message that arrives in pieces, use `HMAC.SHA256Authenticator`.
public enum HMAC {
    /// The 32-byte HMAC-SHA-256 of `message` under `key`; a key of any length works (longer than 64 bytes is hashed first).
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var authenticator = SHA256Authenticator(key: key)
        authenticator.update(message)
        return authenticator.finalize()
    }
}
