#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DepositKit
import Foundation
import LabKit

/// The folder a deposit client pulls its recoveries into (its blob store is `FOLDER/blobs`), held for one client
/// process at a time (`flock` on `FOLDER/.lock`, which the system lets go of when the process dies).
///
/// With `--store DIR`, DIR, kept when the client stops. Without, the client's own folder: `.labrunner/deposit/ID`
/// for a client reconnecting with `--id ID` — the same each time, so a recovery cut short (a kill, a quit) resumes
/// on the next `recover` of the file — or `.labrunner/deposit/client-PID` for a new client, or while another process
/// holds the id's folder. An own folder is deleted when the client stops, unless it holds an unfinished recovery: a
/// `client-PID` one then becomes its id's folder (when that one is free), where the next run with `--id` finds it.
struct DepositClientFolder {
    /// The folder.
    let path: String
    /// Whether it is the client's own (no `--store`), deleted when it stops unless a recovery is unfinished.
    let owned: Bool
    /// Whether it is named after the client id it was chosen for.
    let namedByID: Bool
    /// The open lock file; closing it lets go of the folder.
    private let lock: Int32

    /// Why no folder could be held.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// `--store` names a folder another client process holds.
        case inUse(String)
        /// The folder or its lock file could not be made.
        case cannotOpen(String, reason: String)

        var description: String {
            switch self {
            case let .inUse(path): "\(path) is in use by another deposit client: give this one another --store"
            case let .cannotOpen(path, reason): "cannot use \(path) as the client's folder: \(reason)"
            }
        }
    }

    /// Holds `store` if given, else the own folder for `id` (or for the process) under `base`.
    static func hold(store: String?, id: ClientID?, node: NodeID, base: String = ".labrunner/deposit") throws(Problem) -> DepositClientFolder {
        if let store {
            guard let lock = try lock(store) else { throw .inUse(store) }
            return DepositClientFolder(path: store, owned: false, namedByID: false, lock: lock)
        }
        if let id, let lock = try lock("\(base)/\(id)") {
            return DepositClientFolder(path: "\(base)/\(id)", owned: true, namedByID: true, lock: lock)
        }
        let own = "\(base)/\(node)"
        guard let lock = try lock(own) else { throw .inUse(own) }
        return DepositClientFolder(path: own, owned: true, namedByID: false, lock: lock)
    }

    /// Whether the blob store holds a recovery that a later `recover` resumes: a part whose progress record lists
    /// a piece.
    var holdsUnfinishedRecovery: Bool {
        let blobs = "\(path)/blobs"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []
        return entries.contains { entry in
            guard entry.hasSuffix(BlobName.recordSuffix) else { return false }
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(blobs)/\(entry)")[.size] as? Int) ?? 0
            return size > ProgressRecord.headerLength
        }
    }

    /// Lets go of the folder as the client stops (`welcomed`: the id it had, if any): an own folder is deleted, or,
    /// holding an unfinished recovery, kept (as its id's folder); the folder kept, if it is.
    func release(welcomed: ClientID?) -> String? {
        defer { close(lock) }
        guard owned else { return path }
        guard holdsUnfinishedRecovery else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        if namedByID { return path }
        // A free id folder is absent, or empty; one another client holds has its lock file, and rename refuses it.
        if let welcomed {
            let named = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("\(welcomed)")
            if rename(path, named) == 0 { return named }
        }
        try? FileManager.default.removeItem(atPath: path)
        return nil
    }

    /// Makes `folder` and takes its lock: the open lock file, or `nil` when another process holds it.
    private static func lock(_ folder: String) throws(Problem) -> Int32? {
        do throws(StorageError) { try AtomicFile.makeFolder(folder) } catch {
            throw .cannotOpen(folder, reason: "\(error)")
        }
        let fd = open("\(folder)/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(folder, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }
}
