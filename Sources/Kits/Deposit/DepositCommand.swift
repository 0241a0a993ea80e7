/// What a deposit client's user asks for: a typed line at `labrunner node deposit client`, a scripted step in a scenario.
public enum DepositCommand: Hashable, Sendable, CustomStringConvertible {
    /// Deposit `file` as `name` on `replicas` servers.
    case deposit(name: String, file: DepositContent, replicas: Int)
    /// Bring `name` back, verified.
    case recover(name: String)
    /// Show my files.
    case list
    /// Keep `name` on `replicas` servers from now on.
    case replicas(name: String, replicas: Int)

    public var description: String {
        switch self {
        case let .deposit(name, file, replicas): "deposit \(name.escapingControlCharacters) (\(file.size) B) k=\(replicas)"
        case let .recover(name): "recover \(name.escapingControlCharacters)"
        case .list: "list"
        case let .replicas(name, replicas): "replicas \(name.escapingControlCharacters) \(replicas)"
        }
    }
}

/// How a request ended, as the client reports it: one of **ok**, **failed** or **unknown**.
public enum DepositOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The request holds (a deposit or a change of copies is acknowledged).
    case ok
    /// The files of the client, for `list`.
    case listed([ListedFile])
    /// The file, verified against its SHA-256, is in the client's blob store as `record.blobName`.
    case recovered(FileRecord)
    /// Nothing was changed, for `reason`.
    case failed(DepositRefusal)
    /// No answer came in time from any server: the request may or may not hold; asking again is safe.
    case unknown

    public var description: String {
        switch self {
        case .ok: "ok"
        case let .listed(files): "\(files.count) file(s)"
        case let .recovered(record): "recovered \(record)"
        case let .failed(reason): "failed: \(reason)"
        case .unknown: "unknown: no answer in time"
        }
    }
}

/// What a deposit client reports to its user (and to the grader).
public enum DepositEvent: Hashable, Sendable, CustomStringConvertible {
    /// The client has its id: issued now, or accepted on reconnect.
    case welcome(ClientID)
    /// The client's id was refused: no server knows it.
    case unknownID
    /// Request `request`, asking `command`, ended with `outcome`.
    case finished(request: UInt64, command: DepositCommand, outcome: DepositOutcome)
    /// Request `request`, a recovery of `name` (`size` bytes), goes on after the `offset` bytes an earlier recovery of
    /// the same content left in the client's store (only with ``DepositClientConfig/resumeRecoveries``).
    case resuming(request: UInt64, name: String, offset: UInt64, size: UInt64)

    public var description: String {
        switch self {
        case let .welcome(id): "welcome \(id)"
        case .unknownID: "unknown id: no server knows it"
        case let .resuming(request, name, offset, size): "#\(request) recover \(name.escapingControlCharacters): resuming at \(offset) of \(size) B"
        case let .finished(request, command, outcome): "#\(request) \(command): \(outcome)"
        }
    }
}
