import ZapsZapKit

/// A forgery recorded from the reference seal: a plaintext sealed under a header with some key — an outsider's,
/// another group's, or the group's own around a payload that does not decode — which a member of the group of
/// the scenarios must refuse for `reason`. Only a sealer can make these; byte edits of genuine datagrams need none.
package struct ForgedVector: Sendable {
    /// What the forgery is, for failure messages: `sealed by an outsider with the wrong passphrase`.
    package let what: String
    /// The key it was sealed under.
    package let key: GroupKey
    package let header: DatagramHeader
    package let plaintext: [UInt8]
    /// Why a member refuses it.
    package let reason: DropReason
    /// `header ‖ ciphertext ‖ tag`, as the reference seals it.
    package let datagram: ZapDatagram

    /// A vector, its datagram written in hex.
    init(_ what: String, key: GroupKey, header: DatagramHeader, plaintext: [UInt8], reason: DropReason, datagram: String) {
        self.what = what
        self.key = key
        self.header = header
        self.plaintext = plaintext
        self.reason = reason
        self.datagram = ZapDatagram(bytes: [UInt8](hexDigits: datagram))
    }
}
