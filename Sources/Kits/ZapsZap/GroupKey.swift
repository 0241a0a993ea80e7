// Lab zapszap — the group's keys: given, not an exercise.

import LabKit

/// The secret a chat group shares, derived from its passphrase: whoever knows the passphrase can read and
/// write the group's datagrams, nobody else can.
///
/// The group key is HKDF-SHA-256 (RFC 5869) of the passphrase, salted with the group name, so that two groups
/// with the same passphrase get different keys. HKDF is fine here only because the tests choose strong
/// passphrases: it is fast, so a real system derives keys from human passphrases with a deliberately slow KDF
/// (PBKDF2, scrypt, Argon2) to make guessing expensive.
/// ```swift
/// let key = GroupKey(group: "lab-room", passphrase: "correct horse battery staple")
/// let aliceKey = key.senderKey(for: "alice")  // what alice seals with, and what others open her datagrams with
/// ```
public struct GroupKey: Sendable, Equatable, CustomStringConvertible {
    /// The group's name, public (it travels as `tag`).
    public let group: String
    /// The 32-byte group secret. Never sent anywhere.
    public let secret: [UInt8]
    /// Eight bytes naming the group in every datagram's header, derived from the group name alone: a node
    /// tells another group's traffic from its own without trying to decrypt it.
    public let tag: [UInt8]

    /// Sender keys derived so far (every copy of this key shares them).
    private let senderKeys = SenderKeyCache()

    /// Bytes in a ``tag``.
    public static let tagLength = 8

    /// Derives the group's secret from `passphrase`, salted with `group`.
    public init(group: String, passphrase: String) {
        self.group = group
        secret = HKDF.sha256(inputKeyMaterial: Array(passphrase.utf8), salt: Array(group.utf8),
                             info: Array("zapszap v1 group key".utf8), outputLength: ChaChaPoly.keyLength)
        tag = Array(SHA256.hash(Array("zapszap v1 group \(group)".utf8)).prefix(Self.tagLength))
    }

    /// The ChaCha20-Poly1305 key `sender` seals its datagrams with.
    ///
    /// A nonce must never repeat under one key. Every member counts its own nonces, so two members could pick
    /// the same one: each member therefore seals under its own key, expanded from the group secret and its name.
    /// Derived once per name, then remembered: call it for every datagram.
    public func senderKey(for sender: NodeID) -> [UInt8] {
        senderKeys.key(for: sender) { [secret] sender in
            HKDF.sha256Expand(pseudorandomKey: secret, info: Array("zapszap v1 sender \(sender.name)".utf8),
                              outputLength: ChaChaPoly.keyLength)
        }
    }

    /// Keys are equal when they are the same group's with the same secret.
    public static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
        lhs.group == rhs.group && lhs.secret == rhs.secret
    }

    /// The group and its tag; never the secret.
    public var description: String { "group \(group) (tag \(tag.hex))" }
}
