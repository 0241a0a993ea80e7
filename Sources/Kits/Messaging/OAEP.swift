// Lab messaging — the sizes of RSAES-OAEP with SHA-256 (RFC 8017 7.1): given, not an exercise.

import LabKit

/// The sizes of OAEP with SHA-256 and MGF1-SHA-256, the only variant of the lab.
///
/// ```
/// EM = 0x00 ‖ maskedSeed (32 bytes) ‖ maskedDB (k - 33 bytes)
/// DB = SHA256(label) ‖ 0x00 … 0x00 ‖ 0x01 ‖ message
/// ```
public enum OAEP {
    /// hLen: the length of a SHA-256 digest, of the seed and of lHash.
    public static let hashLength = SHA256.digestLength

    /// The longest message a key of `modulusBytes` bytes (k) carries: k - 2·hLen - 2, so 190 bytes for RSA-2048;
    /// negative for keys under 66 bytes, which carry none.
    public static func maximumMessageLength(modulusBytes: Int) -> Int {
        modulusBytes - 2 * hashLength - 2
    }
}
