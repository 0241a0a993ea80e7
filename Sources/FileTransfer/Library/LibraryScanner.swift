import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabKit

/// The blocking work behind ``SharedLibrary``: listing, checking and hashing files.
struct LibraryScanner: Sendable {
    let folder: String
    let chunkSize: UInt32
    let useCache: Bool
    let log: @Sendable (String) -> Void
    let hash: @Sendable (String, String, UInt32) throws -> Manifest

    func scan() throws(SharedLibraryError) -> [String: LibraryEntry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
            throw .cannotListFolder(folder, reason: !exists ? "it does not exist" : !isFolder.boolValue ? "it is not a folder" : "permission denied")
        }
        var library: [String: LibraryEntry] = [:]
        for name in names.sorted() {
            if let entry = try entry(named: name) { library[name] = entry }
        }
        return library
    }

    /// The entry of `name`, or `nil` (logged unless the name is hidden) when it is not shareable.
    func entry(named name: String) throws(SharedLibraryError) -> LibraryEntry? {
        if let problem = PlainFileName.problem(with: name) {
            if !name.hasPrefix(".") { log("not sharing \(name.debugDescription): \(problem)") }
            return nil
        }
        if name.hasSuffix(".part") || name.hasSuffix(".part.progress") { return nil }
        guard let path = shareablePath(of: name) else { return nil }
        guard let key = Self.key(of: path, chunkSize: chunkSize) else {
            log("not sharing \(name): cannot read its size")
            return nil
        }
        let cachePath = ManifestCache.path(folder: folder, name: name)
        if useCache, let manifest = ManifestCache.load(cachePath, key: key), manifest.name == name {
            return LibraryEntry(manifest: manifest, path: path)
        }
        log("hashing \(name) (\(key.size) bytes)")
        let manifest: Manifest
        do {
            manifest = try hash(path, name, chunkSize)
        } catch let missing as NotImplemented {
            throw .notImplemented(missing)
        } catch {
            log("not sharing \(name): \(error)")
            return nil
        }
        if useCache, Self.key(of: path, chunkSize: chunkSize) == key {
            do throws(StorageError) {
                try ManifestCache.save(manifest, key: key, to: cachePath)
            } catch {
                log("cannot cache the manifest of \(name) (it will be hashed again next time): \(error)")
            }
        }
        return LibraryEntry(manifest: manifest, path: path)
    }

    /// The path to open for `name`: a regular file, or a symbolic link resolving to a regular file inside the
    /// share folder (resolved); `nil` for anything else.
    private func shareablePath(of name: String) -> String? {
        let path = "\(folder)/\(name)"
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return path
        case S_IFLNK:
            guard let target = Self.resolved(path), let root = Self.resolved(folder), target.hasPrefix(root + "/"),
                  stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                log("not sharing \(name): a link to somewhere outside the share folder, or not to a file")
                return nil
            }
            return target
        default:
            return nil
        }
    }

    /// The cache key of the file at `path`: its size and modification time, with `chunkSize`.
    static func key(of path: String, chunkSize: UInt32) -> ManifestCache.Key? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return ManifestCache.Key(size: UInt64(info.st_size), modifiedSeconds: Int64(modified.tv_sec),
                                 modifiedNanoseconds: Int64(modified.tv_nsec), chunkSize: chunkSize)
    }

    /// The absolute path with every link resolved (`realpath`).
    private static func resolved(_ path: String) -> String? {
        guard let raw = realpath(path, nil) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }
}
