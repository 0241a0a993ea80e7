import Foundation
import LabKit
import Synchronization
import Testing
import FileTransfer

/// Counts how often the test hashing runs, to see the manifest cache at work.
enum CountingHashing: ChunkHashing {
    static let calls = Lock<[String: Int]>([:])

    static func manifest(ofFileAt path: String, name: String, chunkSize: UInt32) throws -> Manifest {
        calls.withLock { $0[path, default: 0] += 1 }
        return try TestHashing.manifest(ofFileAt: path, name: name, chunkSize: chunkSize)
    }

    static func isValid(_ bytes: UnsafeRawBufferPointer, chunk index: Int, of manifest: Manifest) throws -> Bool {
        try TestHashing.isValid(bytes, chunk: index, of: manifest)
    }
}

@Suite struct SharedLibraryTests {
    @Test("regular visible files are shared; hidden files, downloads in progress and folders are not")
    func whatIsShared() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        try folder.makeFile("movie.mp4", size: 300_000)
        try folder.makeFile("notes.txt", size: 10)
        try folder.makeFile(".secret", size: 10)
        try folder.makeFile("half.mp4.part", size: 10)
        try folder.makeFile("half.mp4.part.progress", size: 10)
        try AtomicFile.makeFolder("\(folder.path)/sub")
        let library = try await SharedLibrary<TestHashing>(folder: folder.path, chunkSize: 64 << 10).scan()
        #expect(library.keys.sorted() == ["movie.mp4", "notes.txt"])
        #expect(library["movie.mp4"]?.manifest == (try TestHashing.manifest(ofFileAt: "\(folder.path)/movie.mp4", name: "movie.mp4", chunkSize: 64 << 10)))
        #expect(library["movie.mp4"]?.path == "\(folder.path)/movie.mp4")
    }

    @Test("links inside the folder are shared, links out of it are not")
    func links() async throws {
        let folder = try VideoFolder()
        let outside = try VideoFolder()
        defer {
            folder.remove()
            outside.remove()
        }
        try folder.makeFile("real.bin", size: 1000)
        try outside.makeFile("private.bin", size: 1000)
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/inside.bin", withDestinationPath: "\(folder.path)/real.bin")
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/escape.bin", withDestinationPath: "\(outside.path)/private.bin")
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/dots.bin", withDestinationPath: "../\(outside.path.split(separator: "/").last!)/private.bin")
        let logged = Lock<[String]>([])
        let library = try await SharedLibrary<TestHashing>(folder: folder.path).scan { line in logged.withLock { $0.append(line) } }
        #expect(library.keys.sorted() == ["inside.bin", "real.bin"])
        #expect(logged.withLock { $0.filter { $0.contains("outside the share folder") }.count } == 2)
    }

    @Test("manifests are cached next to their files and hashed again only when the file changes")
    func cache() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("movie.mp4", size: 200_000)
        let share = SharedLibrary<CountingHashing>(folder: folder.path, chunkSize: 64 << 10)
        let first = try await share.scan()
        #expect(folder.listing().contains(".movie.mp4.manifest"))
        let second = try await share.scan()
        #expect(first == second)
        #expect(CountingHashing.calls.withLock { $0[path] } == 1)
        try folder.makeFile("movie.mp4", size: 200_001, seed: 9)
        let third = try await share.scan()
        #expect(CountingHashing.calls.withLock { $0[path] } == 2)
        #expect(third["movie.mp4"]?.manifest.size == 200_001)
    }

    @Test("remember caches a downloaded file's known manifest, so sharing it costs no hashing")
    func remember() async throws {
        let folder = try VideoFolder()
        defer { folder.remove() }
        let path = try folder.makeFile("got.mp4", size: 100_000)
        let manifest = try TestHashing.manifest(ofFileAt: path, name: "got.mp4", chunkSize: 1 << 20)
        let share = SharedLibrary<CountingHashing>(folder: folder.path)
        #expect(share.remember(LibraryEntry(manifest: manifest, path: path)))
        #expect(try await share.entry(named: "got.mp4")?.manifest == manifest)
        #expect(CountingHashing.calls.withLock { $0[path] } == nil)
    }

    @Test("a missing folder is a clear error")
    func missingFolder() async throws {
        await #expect(throws: SharedLibraryError.cannotListFolder("/tmp/no/such/folder", reason: "it does not exist")) {
            try await SharedLibrary<TestHashing>(folder: "/tmp/no/such/folder").scan()
        }
    }
}
