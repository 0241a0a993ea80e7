import Foundation
import LabKit
import Scenarios
import Testing
import ZapsZapKit
import ZapsZapSolution

/// The datagrams the zapszap graders hold (`Sources/Scenarios/ZapsZap/DatagramVectors.swift`) are what the
/// reference solution and the contract make, so they cannot drift. Set `ZAPSZAP_PRINT_VECTORS=1` to print
/// every recomputed datagram in hex, to paste after a deliberate change of the format.
@Suite("ZapsZap recorded datagrams")
struct ZapsZapVectorTests {
    static let printing = ProcessInfo.processInfo.environment["ZAPSZAP_PRINT_VECTORS"] != nil

    @Test("every recorded genuine datagram is what the reference seals, and what the contract says")
    func genuineDatagrams() throws {
        for vector in DatagramVectors.sealed {
            let reference = try ChatPeer.seal(vector.payload.encoded(), header: vector.header, key: DatagramVectors.key)
            let contract = try ContractSeal.seal(vector.payload.encoded(), header: vector.header, key: DatagramVectors.key)
            if Self.printing { print("\(vector.what)\n            datagram: \"\(reference.bytes.hex)\",") }
            #expect(reference == vector.datagram, "\(vector.what): the reference seals \(reference.bytes.hex)")
            #expect(contract == reference, "\(vector.what): the contract gives \(contract.bytes.hex)")
        }
    }

    @Test("every recorded mistake is what that mistake seals, and no two of a vector's datagrams are equal")
    func mistakes() throws {
        for vector in DatagramVectors.sealed {
            var seen: Set<[UInt8]> = [vector.datagram.bytes]
            for mistake in SealMistake.allCases {
                let sealed = try ContractSeal.seal(vector.payload.encoded(), header: vector.header, key: DatagramVectors.key, mistake: mistake)
                if Self.printing { print("\(vector.what)\n                .\(mistake.rawValue): \"\(sealed.bytes.hex)\",") }
                #expect(vector.mistakes[mistake] == sealed, "\(vector.what), \(mistake): recomputed \(sealed.bytes.hex)")
                #expect(seen.insert(sealed.bytes).inserted, "\(vector.what): \(mistake) gives bytes another datagram of the vector has")
            }
        }
    }

    @Test("every recorded forgery is what the reference seals under its key and header")
    func forgeries() throws {
        for vector in DatagramVectors.forged {
            let reference = try ChatPeer.seal(vector.plaintext, header: vector.header, key: vector.key)
            if Self.printing { print("\(vector.what)\n            datagram: \"\(reference.bytes.hex)\"),") }
            #expect(reference == vector.datagram, "\(vector.what): the reference seals \(reference.bytes.hex)")
            #expect(try ContractSeal.seal(vector.plaintext, header: vector.header, key: vector.key) == reference)
        }
    }

    @Test("the reference opens every genuine datagram to its header and payload, and refuses every recorded forgery and mistake for its reason")
    func referenceOpens() throws {
        for vector in DatagramVectors.sealed {
            let opened = try ChatPeer.open(vector.datagram, key: DatagramVectors.key)
            #expect(opened.header == vector.header && opened.payload == vector.payload, "\(vector.what)")
            for mistake in SealMistake.allCases {
                #expect(throws: DropReason.undecryptable, "\(vector.what), \(mistake)") {
                    try ChatPeer.open(vector.mistakes[mistake]!, key: DatagramVectors.key)
                }
            }
        }
        for vector in DatagramVectors.forged {
            #expect(throws: vector.reason, "\(vector.what)") { try ChatPeer.open(vector.datagram, key: DatagramVectors.key) }
        }
    }
}
