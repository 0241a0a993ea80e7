import MessagingKit

/// The OAEP seed inside each valid Wycheproof ciphertext (`WycheproofOAEP`), recovered once by decrypting it
/// with the file's key and unmasking the seed. With it, an encryption is deterministic, so
/// `messaging.4.1-oaep-vectors` checks a student's `encrypt` against Wycheproof's ciphertexts byte for byte.
///
/// Where they come from: `Tests/Instructor/MessagingVectorTests` (instructor-only) recovers every seed with the
/// reference's RSA, re-encrypts each case and fails on any difference; `MESSAGING_PRINT_SEEDS=1 swift test
/// --filter MessagingVectorTests` prints this table again.
package enum OAEPSeeds {
    /// Wycheproof case id → the 32-byte seed its ciphertext was made with, in hex.
    package static let byCase: [Int: String] = [
        1: "0cd093f602b702dab3162f1853fb22978f2af910e27edb53ad3e88db7ed99961",
        2: "3c233c5f75a9e025937ca17c5cffc4f237e814ac374240261e0c5eec711118fe",
        3: "709714b048c369732269a3d8f92302508770a44368014b3a5cb185c0c91d972c",
        4: "4bfcf300b8341a2173d3046372a943e2c4046945f48502d6a6730eab40c8fc82",
        5: "72de8d1ab401e00fd5db485f9a27c50490b0b4aa46a79dc1b28bbfbde9a52ac1",
        6: "b9b5fc7267fc7b173fddd84076335e49cd771623fb1bb0d812123eba4daf18d1",
        7: "008b60932098817998f3d6f3e7c7806706138deb50ef1e44faeb629114a4daf7",
        8: "4bfcf300b8341a2173d3046372a943e2c4046945f48502d6a6730eab40c8fc82",
        9: "4bfcf300b8341a2173d3046372a943e2c4046945f48502d6a6730eab40c8fc82",
        10: "4bfcf300b8341a2173d3046372a943e2c4046945f48502d6a6730eab40c8fc82",
        11: "a4493a49258678f19fb264d668ebcff4ee8fed804010867cf528c3d00a47e56b",
        21: "0000000000000000000000000000000000000000000000000000000000000000",
        22: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        33: "5a3564e9482a072bd99d0306d69a7f4595c49fb9c06b72250eed2b50ceddcc47",
        34: "b503d03521b4ffc4b855c94e911a6117f04c76c6fe8000f8031e705486ae6419",
        35: "3bd80a6378115c0c946b4e3af28c6c96d1110621e21e8633416e9c8ef0a73d40",
        36: "48915cebf2a2ef9e5d5b92cce033b60456d72af1ba54f88f5074a36a643a3178",
        37: "02be339a2b399ffeaec99acfd80f50ebdfc8fe3021a9a432ddd4134b3466b4a8",
    ]
}
