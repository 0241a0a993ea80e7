import LabKit

extension ChunkRequest {
    /// The file the request is about.
    public var name: String {
        switch self {
        case let .manifest(name), let .chunk(name, _): name
        }
    }
}
