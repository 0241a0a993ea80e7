import LabKit

/// A peer's share folder turned into the library its ``ChunkService`` serves: one ``LibraryEntry`` (manifest
/// and path) per shareable file, the manifests built with a ``ChunkHashing`` role (exercise 4.1).
///
/// ```swift
/// let share = SharedLibrary<ChunkHasher>(folder: "share")
/// let library = try await share.scan { print($0) }     // hashes new files, reuses cached manifests
/// let files = library.values.map(\.manifest.sharedFile) // what JOIN announces to the tracker
/// ```
/// Shared: regular files directly in the folder, with a plain visible name (no hidden files, no `.part`
/// downloads in progress), and symbolic links that stay inside the folder. Each manifest is cached next to
/// its file as `.<name>.manifest`, valid while the file keeps its size and modification time, so a restart
/// does not hash gigabytes again. Hashing runs on a thread of its own.
public struct SharedLibrary<Hashing: ChunkHashing>: Sendable {
    /// The share folder.
    public let folder: String
    /// The chunk size of new manifests.
    public let chunkSize: UInt32
    /// Whether manifests are read from and written to the cache files.
    public let useCache: Bool

    /// A library of `folder`, whose new manifests use chunks of `chunkSize` bytes.
    public init(folder: String, chunkSize: UInt32 = Manifest.defaultChunkSize, useCache: Bool = true) {
        self.folder = folder
        self.chunkSize = chunkSize
        self.useCache = useCache
    }

    /// Every shareable file of the folder, by name. Files that cannot be hashed are skipped and logged.
    public func scan(log: @escaping @Sendable (String) -> Void = { _ in }) async throws(SharedLibraryError) -> [String: LibraryEntry] {
        let scanner = scanner(log: log)
        return try await BlockingWork.value { () throws(SharedLibraryError) in try scanner.scan() }
    }

    /// The entry of the one file `name` of the folder (a file added while the peer runs), or `nil` when it
    /// cannot be shared.
    public func entry(named name: String, log: @escaping @Sendable (String) -> Void = { _ in }) async throws(SharedLibraryError) -> LibraryEntry? {
        let scanner = scanner(log: log)
        return try await BlockingWork.value { () throws(SharedLibraryError) in try scanner.entry(named: name) }
    }

    /// Saves `entry`'s manifest in the cache next to its file — after a download, whose manifest is already
    /// known — so sharing the file later costs no hashing. Returns false if the cache could not be written.
    @discardableResult
    public func remember(_ entry: LibraryEntry) -> Bool {
        guard let key = LibraryScanner.key(of: entry.path, chunkSize: entry.manifest.chunkSize) else { return false }
        let slash = entry.path.lastIndex(of: "/")
        let directory = slash.map { String(entry.path[..<$0]) } ?? "."
        return (try? ManifestCache.save(entry.manifest, key: key, to: ManifestCache.path(folder: directory, name: entry.manifest.name))) != nil
    }

    private func scanner(log: @escaping @Sendable (String) -> Void) -> LibraryScanner {
        LibraryScanner(folder: folder, chunkSize: chunkSize, useCache: useCache, log: log) { path, name, chunkSize in
            try Hashing.manifest(ofFileAt: path, name: name, chunkSize: chunkSize)
        }
    }
}
