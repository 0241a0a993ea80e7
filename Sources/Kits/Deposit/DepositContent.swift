/// The bytes a client deposits: made up from a seed (the simulator's clients), or a file on disk (a real client).
public enum DepositContent: Hashable, Sendable, CustomStringConvertible {
    case generated(GeneratedFile)
    case local(LocalFile)

    public var size: UInt64 {
        switch self {
        case let .generated(file): file.size
        case let .local(file): file.size
        }
    }

    /// The SHA-256 of the whole content (a generated file's is computed on each call).
    public var sha256: [UInt8] {
        switch self {
        case let .generated(file): file.sha256
        case let .local(file): file.sha256
        }
    }

    /// Up to `count` bytes from `offset` (fewer at the end, none past it); `nil` when the file cannot be read.
    public func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
        switch self {
        case let .generated(file): file.bytes(at: offset, count: count)
        case let .local(file): try? file.bytes(at: offset, count: count)
        }
    }

    public var description: String {
        switch self {
        case let .generated(file): "\(file)"
        case let .local(file): "\(file)"
        }
    }
}
