/// HKDF (RFC 5869) with HMAC-SHA-256: turns a shared secret (say, a key exchange's output) into as many
/// independent-looking key bytes as needed, separated by `info` so that each purpose gets its own keys.
///
/// ```swift
/// let keys = HKDF.sha256(inputKeyMaterial: sharedSecret, salt: sessionNonce,
///                        info: Array("lab video chunk keys".utf8), outputLength: 64)
/// let (sendKey, receiveKey) = (Array(keys[..<32]), Array(keys[32...]))
/// ```
public enum HKDF {
    /// The most bytes HKDF-SHA-256 can produce for one input: 255 blocks of 32 bytes (8,160).
    public static let maximumOutputLength = 255 * SHA256.digestLength

    /// Extract then expand: `outputLength` bytes of key material derived from `inputKeyMaterial`.
    ///
    /// An empty `salt` is the RFC's "not provided" (the same as 32 zero bytes). `outputLength` MUST be in
    /// 0…8,160 (`maximumOutputLength`): a longer request is a precondition failure, which stops the process.
    public static func sha256(inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputLength: Int) -> [UInt8] {
        sha256Expand(
            pseudorandomKey: sha256Extract(salt: salt, inputKeyMaterial: inputKeyMaterial),
            info: info, outputLength: outputLength)
    }

    /// The extract step: a 32-byte pseudorandom key, `HMAC-SHA-256(salt, inputKeyMaterial)`.
    public static func sha256Extract(salt: [UInt8], inputKeyMaterial: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: salt, message: inputKeyMaterial)
    }

    /// The expand step: `outputLength` bytes `T(1) ‖ T(2) ‖ …`, where `T(i) = HMAC(prk, T(i-1) ‖ info ‖ i)`.
    ///
    /// `pseudorandomKey` SHOULD be 32 bytes from `sha256Extract` (or otherwise uniformly random).
    /// `outputLength` MUST be in 0…8,160: a longer request is a precondition failure, which stops the process.
    public static func sha256Expand(pseudorandomKey: [UInt8], info: [UInt8], outputLength: Int) -> [UInt8] {
        precondition(
            (0...maximumOutputLength).contains(outputLength),
            "HKDF-SHA-256 can produce 0…\(maximumOutputLength) bytes, not \(outputLength)")
        let keyed = HMAC.SHA256Authenticator(key: pseudorandomKey)
        var output: [UInt8] = []
        output.reserveCapacity(outputLength)
        var block: [UInt8] = []
        var counter: UInt8 = 1
        while output.count < outputLength {
            var mac = keyed
            mac.update(block)
            mac.update(info)
            mac.update([counter])
            block = mac.finalize()
            output += block.prefix(outputLength - output.count)
            counter &+= 1
        }
        return output
    }
}
