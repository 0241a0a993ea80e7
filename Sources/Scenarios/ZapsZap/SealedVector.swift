import ZapsZapKit

/// A datagram recorded from the reference seal (exercise 1.1): a header and a payload under the group key of
/// the scenarios, the exact bytes they seal into, and the bytes each usual mistake gives instead.
package struct SealedVector: Sendable {
    /// What the vector tries, for failure messages: `a first hello: epoch 1, counter 0`.
    package let what: String
    package let header: DatagramHeader
    package let payload: ZapPayload
    /// `header ‖ ciphertext ‖ tag`, as the reference seals it.
    package let datagram: ZapDatagram
    /// What each mistake seals instead.
    package let mistakes: [SealMistake: ZapDatagram]

    /// A vector, its datagrams written in hex.
    init(_ what: String, header: DatagramHeader, payload: ZapPayload, datagram: String, mistakes: [SealMistake: String]) {
        self.what = what
        self.header = header
        self.payload = payload
        self.datagram = ZapDatagram(bytes: [UInt8](hexDigits: datagram))
        self.mistakes = mistakes.mapValues { ZapDatagram(bytes: [UInt8](hexDigits: $0)) }
    }
}
