/// An ASN.1 object identifier such as 1.2.840.113549.1.1.1: the globally unique name of an algorithm or
/// attribute inside DER structures.
public struct OID: Hashable, Sendable, CustomStringConvertible {
    /// The arcs from the root, at least two; each fits in 56 bits.
    public let arcs: [UInt64]

    /// rsaEncryption (PKCS #1): the algorithm named in SubjectPublicKeyInfo and PKCS #8 for an RSA key.
    public static let rsaEncryption = OID(1, 2, 840, 113_549, 1, 1, 1)

    /// The identifier with these arcs; they MUST be a valid identifier (at least two arcs, the first 0, 1 or 2,
    /// the second below 40 under 0 or 1, each below 2⁵⁶), or the process stops.
    public init(_ arcs: UInt64...) {
        self.init(validArcs: arcs)
    }

    /// The identifier with `arcs`, which MUST be valid (see `init(_:)`).
    init(validArcs arcs: [UInt64]) {
        precondition(arcs.count >= 2 && arcs[0] <= 2 && (arcs[0] == 2 || arcs[1] < 40) && arcs.allSatisfy { $0 < 1 << 56 },
                     "not a valid object identifier: \(arcs)")
        self.arcs = arcs
    }

    /// The dotted form, "1.2.840.113549.1.1.1".
    public var description: String {
        arcs.map(String.init).joined(separator: ".")
    }
}
