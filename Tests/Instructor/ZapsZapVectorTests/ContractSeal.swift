import LabKit
import Scenarios
import ZapsZapKit

/// The seal of exercise 1.1 computed straight from the contract with LabKit's ChaCha20-Poly1305, apart from the
/// reference solution, and each usual mistake of it: what the recorded vectors are recomputed with.
enum ContractSeal {
    /// `plaintext` sealed under `header` with `key`, as the contract says — or as `mistake` gets it wrong.
    static func seal(_ plaintext: [UInt8], header: DatagramHeader, key: GroupKey, mistake: SealMistake? = nil) throws -> ZapDatagram {
        var cipherKey = key.senderKey(for: header.sender), aad = header.encoded()
        var nonce = bigEndian(header.epoch) + bigEndian(header.counter)
        switch mistake {
        case nil: break
        case .noAssociatedData: aad = []
        case .groupSecret: cipherKey = key.secret
        case .littleEndianNonce: nonce = littleEndian(header.epoch) + littleEndian(header.counter)
        case .counterPlusOne: nonce = bigEndian(header.epoch) + bigEndian(header.counter &+ 1)
        case .counterMinusOne: nonce = bigEndian(header.epoch) + bigEndian(header.counter &- 1)
        }
        return ZapDatagram(header: header, sealed: try ChaChaPoly.sealCombined(plaintext, key: cipherKey, nonce: nonce, authenticating: aad))
    }

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
}
