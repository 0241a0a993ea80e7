/// Authenticated encryption with ChaCha20-Poly1305 (RFC 8439 §2.8): only holders of the key can read a sealed
/// message, and any change to its ciphertext, its tag or its associated data makes `open` throw.
///
/// The associated data (a datagram's header, say) is authenticated but travels in the clear. A nonce MUST NOT be
/// used twice with one key: derive nonces from a per-sender counter, never reuse one after a restart.
/// Two forms: `seal`/`open` keep ciphertext and tag apart, as the RFC and its test vectors do;
/// `sealCombined`/`openCombined` put the 16-byte tag after the ciphertext, which is what goes on the wire.
///
/// ```swift
/// let datagram = header + (try ChaChaPoly.sealCombined(body, key: key, nonce: nonce, authenticating: header))
/// // on receipt: throws `.authenticationFailed` if anything was altered, `.truncated` if cut short
/// let body = try ChaChaPoly.openCombined(Array(datagram[header.count...]), key: key, nonce: nonce, authenticating: header)
/// ```
public enum ChaChaPoly {
    /// Bytes in a key.
    public static let keyLength = 32
    /// Bytes in a nonce.
    public static let nonceLength = 12
    /// Bytes in a tag (the RFC forbids truncating it).
    public static let tagLength = 16

    /// Encrypts `plaintext` and authenticates it with `aad`: the ciphertext (as long as the plaintext) and its 16-byte tag.
    /// Throws only for a key that is not 32 bytes or a nonce that is not 12.
    ///
    /// ```swift
    /// let (ciphertext, tag) = try ChaChaPoly.seal(body, key: key, nonce: nonce, authenticating: header)
    /// ```
    public static func seal(
        _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
    ) throws(CryptoError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        let cipher = try ChaCha20(key: key, nonce: nonce)
        var tag = [UInt8](repeating: 0, count: tagLength)
        let ciphertext = [UInt8](unsafeUninitializedCapacity: plaintext.count) { output, count in
            plaintext.withUnsafeBytes { plaintext in
                aad.withUnsafeBytes { aad in
                    tag.withUnsafeMutableBytes { tag in
                        seal(plaintext, aad: aad, cipher: cipher, into: UnsafeMutableRawBufferPointer(output), tag: tag.baseAddress!)
                    }
                }
            }
            count = plaintext.count
        }
        return (ciphertext, tag)
    }

    /// The plaintext of `ciphertext` if `tag` proves it and `aad` unchanged under this key and nonce.
    /// Throws `.authenticationFailed` otherwise (no plaintext is returned), and a length error for a malformed key, nonce or tag.
    ///
    /// ```swift
    /// let body = try ChaChaPoly.open(ciphertext, tag: tag, key: key, nonce: nonce, authenticating: header)
    /// ```
    public static func open(
        _ ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        let cipher = try ChaCha20(key: key, nonce: nonce)
        guard tag.count == tagLength else { throw .invalidTagLength(tag.count, expected: tagLength) }
        var authentic = false
        let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertext.count) { output, count in
            ciphertext.withUnsafeBytes { ciphertext in
                aad.withUnsafeBytes { aad in
                    tag.withUnsafeBytes { tag in
                        let plaintext = UnsafeMutableRawBufferPointer(output)
                        authentic = open(ciphertext, tag: tag.baseAddress!, aad: aad, cipher: cipher, into: plaintext)
                    }
                }
            }
            count = authentic ? ciphertext.count : 0
        }
        guard authentic else { throw .authenticationFailed }
        return plaintext
    }

    /// `seal` with the tag appended: ciphertext ‖ tag, 16 bytes longer than `plaintext`.
    ///
    /// ```swift
    /// let sealed = try ChaChaPoly.sealCombined(body, key: key, nonce: nonce, authenticating: header)
    /// ```
    public static func sealCombined(
        _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        let cipher = try ChaCha20(key: key, nonce: nonce)
        return [UInt8](unsafeUninitializedCapacity: plaintext.count + tagLength) { output, count in
            let output = UnsafeMutableRawBufferPointer(output)
            plaintext.withUnsafeBytes { plaintext in
                aad.withUnsafeBytes { aad in
                    let ciphertext = UnsafeMutableRawBufferPointer(rebasing: output[..<plaintext.count])
                    seal(plaintext, aad: aad, cipher: cipher, into: ciphertext, tag: output.baseAddress! + plaintext.count)
                }
            }
            count = plaintext.count + tagLength
        }
    }

    /// `open` for the output of `sealCombined`: throws `.truncated` if `sealed` is shorter than a tag.
    ///
    /// ```swift
    /// let body = try ChaChaPoly.openCombined(sealed, key: key, nonce: nonce, authenticating: header)
    /// ```
    public static func openCombined(
        _ sealed: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        let cipher = try ChaCha20(key: key, nonce: nonce)
        guard sealed.count >= tagLength else { throw .truncated(length: sealed.count, minimum: tagLength) }
        let length = sealed.count - tagLength
        var authentic = false
        let plaintext = [UInt8](unsafeUninitializedCapacity: length) { output, count in
            sealed.withUnsafeBytes { sealed in
                aad.withUnsafeBytes { aad in
                    let ciphertext = UnsafeRawBufferPointer(rebasing: sealed[..<length])
                    let plaintext = UnsafeMutableRawBufferPointer(output)
                    authentic = open(ciphertext, tag: sealed.baseAddress! + length, aad: aad, cipher: cipher, into: plaintext)
                }
            }
            count = authentic ? length : 0
        }
        guard authentic else { throw .authenticationFailed }
        return plaintext
    }

    /// The one-time Poly1305 key for `key` and `nonce` (§2.6): the first 32 bytes of ChaCha20 block 0.
    /// A hook for the §2.6.2 and A.4 test vectors.
    package static func oneTimeKey(key: [UInt8], nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
        Array(try ChaCha20(key: key, nonce: nonce).block(counter: 0).prefix(32))
    }

    /// Encrypts into `ciphertext` from counter 1 and writes the tag of `aad | pad | ciphertext | pad | lengths`.
    private static func seal(
        _ plaintext: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, cipher: ChaCha20,
        into ciphertext: UnsafeMutableRawBufferPointer, tag: UnsafeMutableRawPointer
    ) {
        var mac = cipher.xorAuthenticated(plaintext, into: ciphertext, aad: aad, ciphertextIsOutput: true)
        mac.absorb(UInt64(aad.count), UInt64(ciphertext.count))
        let (t0, t1) = mac.tag()
        tag.storeBytes(of: t0.littleEndian, as: UInt64.self)
        tag.storeBytes(of: t1.littleEndian, toByteOffset: 8, as: UInt64.self)
    }

    /// Decrypts into `plaintext` while authenticating the ciphertext, then checks the tag in constant time; on a
    /// mismatch wipes `plaintext` and returns false, so a forged message's plaintext never leaves this function.
    private static func open(
        _ ciphertext: UnsafeRawBufferPointer, tag: UnsafeRawPointer, aad: UnsafeRawBufferPointer, cipher: ChaCha20,
        into plaintext: UnsafeMutableRawBufferPointer
    ) -> Bool {
        var mac = cipher.xorAuthenticated(ciphertext, into: plaintext, aad: aad, ciphertextIsOutput: false)
        mac.absorb(UInt64(aad.count), UInt64(ciphertext.count))
        guard mac.tagMatches(tag) else {
            plaintext.initializeMemory(as: UInt8.self, repeating: 0)
            return false
        }
        return true
    }
}
