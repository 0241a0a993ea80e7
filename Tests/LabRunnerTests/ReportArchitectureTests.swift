import Catalog
import DepositKit
import FileTransfer
import LabKit
import MessagingKit
import PingKit
import Testing
import VideoKit
import ZapsZapKit

/// Each lab's declared roles and messages (what the report's diagram and protocol table are drawn from) name
/// every case of the lab's message types, so they cannot drift from the contract.
@Suite struct ReportArchitectureTests {
    /// The tags a message type decodes: every first byte that is not refused as an unknown case of that type
    /// (an unknown case of a field's type, met later in the zeros, still means the tag is known).
    static func tags<Message: WireCodable>(of _: Message.Type) -> Set<UInt8> {
        Set((UInt8.min...UInt8.max).filter { tag in
            do {
                _ = try Message.decode([tag] + [UInt8](repeating: 0, count: 64))
                return true
            } catch let WireError.unknownTag(type, _) {
                return type != String(describing: Message.self)
            } catch {
                return true
            }
        })
    }

    static let contracts: [(lab: String, types: [(name: String, tags: Set<UInt8>)])] = [
        ("ping", [("PingMessage", tags(of: PingMessage.self))]),
        ("video", [("TrackerMessage", tags(of: TrackerMessage.self)), ("ChunkRequest", tags(of: ChunkRequest.self)),
                   ("ChunkResponse", tags(of: ChunkResponse.self))]),
        ("deposit", [("DepositMessage", tags(of: DepositMessage.self))]),
        ("zapszap", [("ZapPayload", tags(of: ZapPayload.self))]),
        ("messaging", [("ProcessingMessage", tags(of: ProcessingMessage.self)), ("PersistenceMessage", tags(of: PersistenceMessage.self))]),
    ]

    @Test("every case of every message type of a lab has a flow between its declared roles", arguments: contracts.map(\.lab))
    func everyCaseDeclared(lab: String) throws {
        let architecture = try #require(Catalog.architecture(of: lab))
        let types = try #require(Self.contracts.first { $0.lab == lab }).types
        #expect(architecture.messageTypes == types.map(\.name))
        for (name, tags) in types {
            #expect(!tags.isEmpty)
            let declared = Set(architecture.flows.filter { $0.type == name }.map(\.tag))
            #expect(declared == tags, "\(name): cases without a flow \(tags.subtracting(declared).sorted())")
        }
        let roles = Set(architecture.roles.map(\.name))
        #expect(architecture.flows.allSatisfy { roles.contains($0.from) && roles.contains($0.to) && $0.from != $0.to })
    }

    @Test("a flow's name is its message's own wire name, unique within its type")
    func namesAreWireNames() throws {
        let ping = try #require(Catalog.architecture(of: "ping"))
        #expect(ping.flows.map(\.name) == ["PING", "PONG"])
        for lab in Self.contracts.map(\.lab) {
            let flows = try #require(Catalog.architecture(of: lab)).flows
            for flow in flows {
                #expect(!flow.name.isEmpty && flow.name == flow.name.uppercased(), "\(lab): \(flow.name)")
                #expect(!flows.contains { $0.type == flow.type && $0.tag != flow.tag && $0.name == flow.name }, "\(lab): \(flow.name) twice")
            }
        }
    }
}
