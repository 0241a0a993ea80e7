import Foundation
import LabKit

/// Writes a command's results as pretty, key-sorted JSON (`--json FILE`), atomically, and says so.
enum JSONResults {
    static func write(_ value: some Encodable, to path: String, console: Console) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write([UInt8](try encoder.encode(value)), to: path)
        console.out("results written to \(path)")
    }
}
