import ZapsZapKit

/// Datagrams recorded once from the reference solution's `ChatPeer.seal` (Sources/Solutions/ZapsZap), which
/// exercises 1.1 and 2.1 are graded against: the graders hold no cipher of their own, and check the student's
/// seal and open only against these bytes.
///
/// Where they come from: `Tests/Instructor/ZapsZapVectorTests` (instructor-only) recomputes every one of them —
/// genuine and forged datagrams with the reference, the mistakes with LabKit's ChaCha20-Poly1305 — and fails on
/// any difference, so they cannot drift from the reference. After a deliberate change of the datagram format,
/// `ZAPSZAP_PRINT_VECTORS=1 swift test --filter ZapsZapVectorTests` prints the new hex to paste here.
package enum DatagramVectors {
    /// The group key of every sealed vector: the scenarios' group.
    package static let key = ZapsZapScenarios.key
    /// Another group, with the same passphrase: its datagrams carry another tag.
    package static let otherGroupKey = GroupKey(group: "other-room", passphrase: "correct horse battery staple")

    /// Genuine datagrams of the group, and what the usual mistakes seal instead. The first one, which failures
    /// show, has a counter that is neither 0 nor large.
    package static let sealed: [SealedVector] = [
        SealedVector(
            "a heartbeat: epoch 3, counter 41",
            header: DatagramHeader(groupTag: key.tag, sender: "probe-1", epoch: 3, counter: 41),
            payload: .presence(members: ["ann", "probe-1"]),
            datagram: "019115ef8801e9944b0770726f62652d310000000300000000000000294a78ef7e4fa37c39baca2f77af6f925d0b54d2566734c81214056653a137",
            mistakes: [
                .noAssociatedData: "019115ef8801e9944b0770726f62652d310000000300000000000000294a78ef7e4fa37c39baca2f77af6fff5e6f4c0d64daf15ba31e113bb68667",
                .groupSecret: "019115ef8801e9944b0770726f62652d31000000030000000000000029f0840e9dab71bedf64a31927f08108d0ce9e9938d1eb48b148e77faf2dc9",
                .littleEndianNonce: "019115ef8801e9944b0770726f62652d3100000003000000000000002918b19398c11ed8309dcafa5acaa7ed142ab4d508364788aaaebc7bda4da8",
                .counterPlusOne: "019115ef8801e9944b0770726f62652d31000000030000000000000029525de0a3840159138f6e080b86f6f86930646f35e0a621a41b4a24efec3f",
                .counterMinusOne: "019115ef8801e9944b0770726f62652d31000000030000000000000029747b5b63aee7f801c4d71922435721197ee134feca1e2f9c87e27a8901ad",
            ]),
        SealedVector(
            "a first hello: epoch 1, counter 0",
            header: DatagramHeader(groupTag: key.tag, sender: "ann", epoch: 1, counter: 0),
            payload: .hello(SyncDigest(clock: 0, heads: [])),
            datagram: "019115ef8801e9944b03616e6e00000001000000000000000067e1660a27ac91f66d918e2ee3c8975cc5cabe",
            mistakes: [
                .noAssociatedData: "019115ef8801e9944b03616e6e00000001000000000000000067e166bceeae88e6e15393ad902bd9475759e3",
                .groupSecret: "019115ef8801e9944b03616e6e000000010000000000000000040d8d655c7a9e648a091283273b7ac9769d09",
                .littleEndianNonce: "019115ef8801e9944b03616e6e00000001000000000000000026208c74a73a713b6e950d5b2747d1ce3aff9d",
                .counterPlusOne: "019115ef8801e9944b03616e6e00000001000000000000000035a3b8ffde7eff451e630e73e270d7601468b1",
                .counterMinusOne: "019115ef8801e9944b03616e6e00000001000000000000000035a6cdbbc1da1068809377896d4dc552bd2246",
            ]),
        SealedVector(
            "a reply from a non-ASCII name: epoch 65538, counter 2^32 + 7",
            header: DatagramHeader(groupTag: key.tag, sender: "zoé", epoch: 65_538, counter: 4_294_967_303),
            payload: .chat(ChatMessage(sender: "zoé", seq: 2, lamport: 17, text: "olá, lab room!", replyTo: MessageID(sender: "ann", seq: 1))),
            datagram: "019115ef8801e9944b047a6fc3a9000100020000000100000007571b197a5084cf38906d42f2d1869efa757cf37e44399f18a7a5882272c9effe355013181ed11124991a069500df",
            mistakes: [
                .noAssociatedData: "019115ef8801e9944b047a6fc3a9000100020000000100000007571b197a5084cf38906d42f2d1869efa757cf37e44399f18a7a5882272c96230052a07384c9be3f8f959eea0f0be",
                .groupSecret: "019115ef8801e9944b047a6fc3a900010002000000010000000756fa86e8f4a84b3e533bff2b54ab1ad8c19520c9609add0ea9b0f13e13f195b671193752df65c00eba9929aef4ba",
                .littleEndianNonce: "019115ef8801e9944b047a6fc3a9000100020000000100000007d0ae56a2f28f752223d5caa32cd4270608fc165046a6be8f5af452a881535b9996bed98e073199bc44d4e6c077b6",
                .counterPlusOne: "019115ef8801e9944b047a6fc3a90001000200000001000000076fbd5565132ca647f7db7fa7999ebbca30b9c18b347f2a96d3533dbedccce8aa71086c1b292033565af15696720e",
                .counterMinusOne: "019115ef8801e9944b047a6fc3a9000100020000000100000007a8cb2d2cd1215465c3464268e113fdb85436dd548f581edba2fa3c7a25a8ee1cbefaf063b78d954993b95e923c76",
            ]),
        SealedVector(
            "a sync page of three messages, several cipher blocks long: epoch 7, counter 1000",
            header: DatagramHeader(groupTag: key.tag, sender: "ben", epoch: 7, counter: 1_000),
            payload: .syncPage([
                ChatMessage(sender: "ann", seq: 1, lamport: 3, text: "has anyone seen the lab room's projector remote?"),
                ChatMessage(sender: "ann", seq: 2, lamport: 9, text: "never mind, it was under the keyboard"),
                ChatMessage(sender: "ben", seq: 4, lamport: 10, text: "classic", replyTo: MessageID(sender: "ann", seq: 2)),
            ]),
            datagram: "019115ef8801e9944b0362656e0000000700000000000003e8435600c5003e2fda9da4d7baec733aa5c9b08a5fe734b14fcc04f32b7166a33ce6fee559807d4d20d171824c31951b41f129a24a83e36fe9eb19a06fe05bcb00dd2ff2d71c57c68e234003d16a09ee8caeee34ec7b66cff32ac46a6a9b689971536a1acac2111b92d7e7c5c63e0f769bd8f6440df8dd20a63246da7bd1da0e4c91e3f9c803b6da84397423",
            mistakes: [
                .noAssociatedData: "019115ef8801e9944b0362656e0000000700000000000003e8435600c5003e2fda9da4d7baec733aa5c9b08a5fe734b14fcc04f32b7166a33ce6fee559807d4d20d171824c31951b41f129a24a83e36fe9eb19a06fe05bcb00dd2ff2d71c57c68e234003d16a09ee8caeee34ec7b66cff32ac46a6a9b689971536a1acac2111b92d7e7c5c63e0f769bd8f6440df8dd20a63246da29524f61d0d9505c00103b52ecc2778c",
                .groupSecret: "019115ef8801e9944b0362656e0000000700000000000003e87fb6fda114937c2665333f19c99a851f8363d6f43239bb5b673fcdd3e4cb5d640836a93ca00f1522adfef3fd8a140c49cb5860a5cd13587be9e47dd2706e6b1c9e748e38b8a3ed2b38511dbdb3363d55fa02ef5399c5aaeca4e02da7138d71f3e32fd64c765bb2121eeaecebbc69ca4f78d7bcd3103c510c75b1ffac7c3f31b04914e22a980bbbbf861961",
                .littleEndianNonce: "019115ef8801e9944b0362656e0000000700000000000003e8bdbd90f9802d5d8199de6b2da0f5f9d1a8de44e2957a0bf0af3d38c7667504eb4fa68a06585ee910ee1a41f6093a437ed4d4388c0b90e7c537b24a57060e1a1df3d476b9b8075974707f9b8b7d8e1bacfdb471ff14b8e05c5e0bf4d07d71b039f9b781ca3b8e57bf9a67f35a0bb0bcd0f4ef7b2c1788c00f83fa54483270ec1f714c9008190f3f7cbe5438",
                .counterPlusOne: "019115ef8801e9944b0362656e0000000700000000000003e8affaa8c344331b617afa3640bd6bf604b88be032f3d554712ef54b1d9c636dfa67766602cae51cb7527e783f0e4f3e4797749c8163a25be8e3c8daa3c54ee991e6edde2988cb5e10fb861066a996d03248805d329fbd796508a6da024b1a3a37f6c67ac1ff375cfdbaaa0cad4ee5ac7a6f4bc372d319cd687cb77edd7f84857f5826b5ec8ad3b9066dab54",
                .counterMinusOne: "019115ef8801e9944b0362656e0000000700000000000003e8234302f88f3401fe143314884febbf0553cf39f0694064c2fd3b465dffce5cf3f2542bf267ef535393b942123397cc87cce9794c5ff2fa333c2847769acad0e28dcc7fbd748804e57cf297ba27623a3c8d9e27a3e7533a180344e1bc39334f807e0c74c49707749ee278c894c12ab31b70c2c95252fabb6fa5e23969aebe11a8771ee04a6cb63489ab48c3",
            ]),
    ]

    /// Forgeries only a sealer can make, each with the reason a member of the group refuses it.
    package static let forged: [ForgedVector] = [
        ForgedVector(
            "sealed by an outsider with the wrong passphrase", key: ZapsZapScenarios.outsiderKey,
            header: DatagramHeader(groupTag: ZapsZapScenarios.outsiderKey.tag, sender: "outsider", epoch: 1, counter: 0),
            plaintext: ZapPayload.presence(members: ["outsider"]).encoded(), reason: .undecryptable,
            datagram: "019115ef8801e9944b086f75747369646572000000010000000000000000445d223ae4d0c4bafd9ad0d662a4c23d91fe07fff666bb9d4dbdfe"),
        ForgedVector(
            "of protocol version 2, properly sealed", key: key,
            header: DatagramHeader(version: 2, groupTag: key.tag, sender: "probe-1", epoch: 1, counter: 5),
            plaintext: ZapPayload.presence(members: ["probe-1"]).encoded(), reason: .malformed,
            datagram: "029115ef8801e9944b0770726f62652d31000000010000000000000005f6d5f1ce856f3b6d251d1b6bba0d9fc705105bf7f6961b3d8c5d"),
        ForgedVector(
            "of another group (another tag), properly sealed under that group's key", key: otherGroupKey,
            header: DatagramHeader(groupTag: otherGroupKey.tag, sender: "probe-1", epoch: 1, counter: 6),
            plaintext: ZapPayload.presence(members: ["probe-1"]).encoded(), reason: .malformed,
            datagram: "013885bd1f303c759d0770726f62652d3100000001000000000000000699212bc4efd204d9e80e7a9a05d5effe62412189b51acf5cd814"),
        ForgedVector(
            "properly sealed around a payload of unknown tag 42", key: key,
            header: DatagramHeader(groupTag: key.tag, sender: "probe-1", epoch: 1, counter: 7),
            plaintext: [42, 1, 2, 3], reason: .malformed,
            datagram: "019115ef8801e9944b0770726f62652d31000000010000000000000007be50a88f74408dcc2111967886f9f52fd54304f8"),
        ForgedVector(
            "properly sealed around a chat payload cut short", key: key,
            header: DatagramHeader(groupTag: key.tag, sender: "probe-1", epoch: 1, counter: 8),
            plaintext: [3, 5], reason: .malformed,
            datagram: "019115ef8801e9944b0770726f62652d310000000100000000000000086ff80e26726427f4d833907cdfea8fbcfa3b"),
        ForgedVector(
            "properly sealed around a payload followed by a stray byte", key: key,
            header: DatagramHeader(groupTag: key.tag, sender: "probe-1", epoch: 1, counter: 9),
            plaintext: ZapPayload.goodbye.encoded() + [0], reason: .malformed,
            datagram: "019115ef8801e9944b0770726f62652d310000000100000000000000090800ca47cd6a47a71855b14c7e56a74b7c4b"),
        ForgedVector(
            "properly sealed around no payload at all", key: key,
            header: DatagramHeader(groupTag: key.tag, sender: "probe-1", epoch: 1, counter: 10),
            plaintext: [], reason: .malformed,
            datagram: "019115ef8801e9944b0770726f62652d3100000001000000000000000a42c48d2562a4322e763c8566dd18e57b"),
    ]
}
