import ZapsZapKit

/// The usual ways to get exercise 1.1's seal wrong. Each is recorded for every sealed vector (see
/// ``DatagramVectors``), so that a failure can name the mistake a student's bytes match, and exercise 2.1's
/// open must refuse each as undecryptable.
package enum SealMistake: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Sealed without associated data: the header is not authenticated.
    case noAssociatedData
    /// Sealed under the group secret instead of the sender's key.
    case groupSecret
    /// The nonce's epoch and counter written little-endian.
    case littleEndianNonce
    /// The nonce made from the header's counter plus one (the counter moved on before sealing).
    case counterPlusOne
    /// The nonce made from the header's counter minus one.
    case counterMinusOne

    /// What a student whose datagram matches this mistake should change.
    package func advice(for header: DatagramHeader) -> String {
        switch self {
        case .noAssociatedData: "it is what sealing without associated data gives: seal with the header's bytes (`header.encoded()`) as associated data"
        case .groupSecret: "it is what sealing under the group secret gives: seal under `key.senderKey(for: header.sender)`"
        case .littleEndianNonce: "its nonce bytes are little-endian: write epoch (4 bytes) then counter (8 bytes), big-endian"
        case .counterPlusOne: "it was sealed with counter \(header.counter &+ 1), not the \(header.counter) its header says"
        case .counterMinusOne: "it was sealed with counter \(header.counter &- 1), not the \(header.counter) its header says"
        }
    }

    /// `sealed without associated data`: the forgery as a failure names it.
    package var description: String {
        switch self {
        case .noAssociatedData: "sealed without associated data"
        case .groupSecret: "sealed under the group secret instead of the sender's key"
        case .littleEndianNonce: "sealed with a little-endian nonce"
        case .counterPlusOne: "sealed with its header's counter plus one"
        case .counterMinusOne: "sealed with its header's counter minus one"
        }
    }
}
