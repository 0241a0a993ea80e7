import Foundation
@testable import LabRunnerCLI
import Testing

@Suite struct NodeOptionsTests {
    let spec = CommandSpec(name: "node", maxPositionals: 3, options: NodeOptions.specs, help: "")

    @Test("without --id, a node is named after its role; a video peer or ping client adds its process id")
    func defaultNames() throws {
        let bare = try ParsedArguments(["video", "peer"], spec: spec)
        #expect(try NodeOptions(bare, role: "tracker", command: "node").id == "tracker")
        #expect(try NodeOptions(bare, role: "peer", unique: true, command: "node").id.name == "peer-\(getpid())")
    }

    @Test("--id names the node, unique role or not")
    func explicitName() throws {
        let named = try ParsedArguments(["video", "peer", "--id", "alice"], spec: spec)
        #expect(try NodeOptions(named, role: "peer", unique: true, command: "node").id == "alice")
        #expect(try NodeOptions(named, role: "tracker", command: "node").id == "alice")
    }
}
