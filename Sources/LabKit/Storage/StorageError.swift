#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be stored or read. Each case prints as a sentence that names the path and says
/// what to do about it.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A folder (or one of its parents) could not be created.
    case cannotCreateFolder(String, reason: String)
    /// Writing the file failed for `reason`.
    case cannotWrite(String, reason: String)
    /// Reading the file failed for `reason`.
    case cannotRead(String, reason: String)
    /// The file or one of its folders does not exist.
    case notFound(String)
    /// The system refused access to the path (EACCES, EPERM): the folder or file is not writable or readable.
    case permissionDenied(String)
    /// The disk (or the user's quota) is full (ENOSPC, EDQUOT).
    case diskFull(String)
    /// The file was used after ``RandomAccessFile/close()``.
    case closed(String)
    /// A blob name that is not 1–128 characters of `A–Z a–z 0–9 - _ .`, starts with `.` or ends with `.part`.
    case invalidBlobName(String)
    /// An unfinished blob's bytes were not what its commit promised (`reason`: "SHA-256 differs", "size 10
    /// instead of 12"); the bytes were discarded.
    case contentMismatch(String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason): "cannot create folder \(path): \(reason)"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .notFound(path): "\(path) does not exist"
        case let .permissionDenied(path): "permission denied for \(path): check that its folder is writable (and the file readable) by you"
        case let .diskFull(path): "cannot write \(path): the disk is full; free some space or choose a folder on another disk"
        case let .closed(path): "\(path) was used after it was closed"
        case let .invalidBlobName(name):
            "\(name.debugDescription) is no blob name: use 1 to 128 of A-Z a-z 0-9 - _ . , not starting with a dot nor ending with .part"
        case let .contentMismatch(name, reason): "blob \(name) was not stored: its bytes do not match what was promised (\(reason)); they were discarded"
        }
    }

    /// The error for a failed system call on `path`: the errno values a person can act on get their own case,
    /// the others keep the system's explanation as `cannotRead` or `cannotWrite`.
    public init(errno code: Int32, path: String, writing: Bool) {
        switch code {
        case ENOENT: self = .notFound(path)
        case EACCES, EPERM: self = .permissionDenied(path)
        case ENOSPC, EDQUOT: self = .diskFull(path)
        default:
            let reason = String(cString: strerror(code))
            self = writing ? .cannotWrite(path, reason: reason) : .cannotRead(path, reason: reason)
        }
    }
}
