import Foundation
import LabKit

/// A JSON file of `Vectors/` (the Wycheproof files, shipped as they were published), decoded once.
enum VectorFile {
    /// The file `name` of the bundled `Vectors/` folder decoded as `Contents`, or why it could not be.
    static func decode<Contents: Decodable>(_ name: String, as: Contents.Type) -> Result<Contents, VectorFileError> {
        guard let folder = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            return .failure(VectorFileError(name: name, reason: "the Vectors folder is missing from the Scenarios module's resources"))
        }
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return .success(try JSONDecoder().decode(Contents.self, from: data))
        } catch {
            return .failure(VectorFileError(name: name, reason: "\(error)"))
        }
    }
}

/// A vector file that could not be read: the scenarios that grade with it fail saying so.
package struct VectorFileError: Error, Sendable, CustomStringConvertible {
    let name: String
    let reason: String
    package var description: String { "cannot read the test vectors Vectors/\(name): \(reason)" }
}

extension Result where Failure == VectorFileError {
    /// The decoded vectors, or a crashed scenario naming the file.
    package func vectors() throws(ScenarioFailure) -> Success {
        switch self {
        case let .success(value): value
        case let .failure(error): throw ScenarioFailure(.crashed(error.description))
        }
    }
}
