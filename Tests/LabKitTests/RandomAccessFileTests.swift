#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabKit
import Testing

@Suite struct RandomAccessFileTests {
    /// A fresh folder under /tmp, removed by `remove()`.
    struct Folder {
        let path: String
        init() throws {
            var template = Array("/tmp/labkit-raf-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw StorageError.cannotCreateFolder("/tmp", reason: "mkdtemp failed") }
            path = String(cString: made)
        }
        func remove() {
            for name in (try? listing()) ?? [] { unlink("\(path)/\(name)") }
            rmdir(path)
        }
        func listing() throws -> [String] {
            guard let directory = opendir(path) else { return [] }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { names.append(name) }
            }
            return names.sorted()
        }
    }

    @Test("bytes written at offsets read back exactly, and reads stop at the end of the file")
    func writeAndRead() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let file = try RandomAccessFile.open("\(folder.path)/data", mode: .create)
        defer { file.close() }
        try file.write(at: 10, Array("world".utf8))
        try file.write(at: 0, Array("hello".utf8))
        #expect(try file.size() == 15)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 1)
        defer { buffer.deallocate() }
        let count = try file.read(at: 0, into: buffer)
        #expect(count == 15)
        #expect(Array(buffer[0..<5]) == Array("hello".utf8))
        #expect(Array(buffer[5..<10]) == [0, 0, 0, 0, 0])
        #expect(Array(buffer[10..<15]) == Array("world".utf8))
        #expect(try file.read(at: 15, into: buffer) == 0)
        #expect(try file.read(at: 1000, into: buffer) == 0)
    }

    @Test("a 3 MiB write and read in one call move every byte")
    func largeTransfers() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let file = try RandomAccessFile.open("\(folder.path)/big", mode: .create)
        defer { file.close() }
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        try file.write(at: 5, bytes)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try file.read(at: 5, into: buffer) == bytes.count)
        #expect(Array(buffer) == bytes)
    }

    @Test("truncate cuts and extends; preallocate sets the size and keeps the bytes")
    func sizes() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let file = try RandomAccessFile.open("\(folder.path)/sized", mode: .create)
        defer { file.close() }
        try file.write(at: 0, [1, 2, 3, 4, 5, 6])
        try file.truncate(to: 3)
        #expect(try file.size() == 3)
        try file.preallocate(1 << 20)
        #expect(try file.size() == 1 << 20)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { buffer.deallocate() }
        _ = try file.read(at: 0, into: buffer)
        #expect(Array(buffer) == [1, 2, 3, 0])
        try file.preallocate(2)
        #expect(try file.size() == 2)
        try file.synchronize()
    }

    @Test("create keeps an existing file's bytes; readWrite and read need the file to exist")
    func modes() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = "\(folder.path)/kept"
        #expect(throws: StorageError.notFound(path)) { try RandomAccessFile.open(path, mode: .read) }
        #expect(throws: StorageError.notFound(path)) { try RandomAccessFile.open(path, mode: .readWrite) }
        let first = try RandomAccessFile.open(path, mode: .create)
        try first.write(at: 0, [9, 9])
        first.close()
        let again = try RandomAccessFile.open(path, mode: .create)
        defer { again.close() }
        #expect(try again.size() == 2)
    }

    @Test("a closed file refuses every call, and closing twice is harmless")
    func closed() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let file = try RandomAccessFile.open("\(folder.path)/gone", mode: .create)
        file.close()
        file.close()
        #expect(throws: StorageError.closed(file.path)) { try file.size() }
        #expect(throws: StorageError.closed(file.path)) { try file.write(at: 0, [1]) }
    }

    @Test("a file under a regular file fails with a sentence naming the path")
    func notADirectory() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let blocker = "\(folder.path)/plain"
        try RandomAccessFile.open(blocker, mode: .create).close()
        let path = "\(blocker)/inside"
        #expect(throws: StorageError.cannotWrite(path, reason: String(cString: strerror(ENOTDIR)))) {
            try RandomAccessFile.open(path, mode: .create)
        }
    }

    @Test("errno values a person can act on become their own sentences")
    func errnoSentences() {
        #expect(StorageError(errno: ENOSPC, path: "/d/movie.part", writing: true) == .diskFull("/d/movie.part"))
        #expect(StorageError(errno: EDQUOT, path: "/d/movie.part", writing: true) == .diskFull("/d/movie.part"))
        #expect(StorageError(errno: EACCES, path: "/d/movie.part", writing: true) == .permissionDenied("/d/movie.part"))
        #expect(StorageError(errno: ENOENT, path: "/d/x", writing: false) == .notFound("/d/x"))
        #expect(StorageError.diskFull("/d/movie.part").description
                == "cannot write /d/movie.part: the disk is full; free some space or choose a folder on another disk")
        #expect(StorageError.permissionDenied("/d").description
                == "permission denied for /d: check that its folder is writable (and the file readable) by you")
    }

    @Test("a read-only folder refuses a new file with permissionDenied (skipped when running as root)")
    func readOnlyFolder() throws {
        guard geteuid() != 0 else { return }
        let folder = try Folder()
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        chmod(folder.path, 0o555)
        let path = "\(folder.path)/new"
        #expect(throws: StorageError.permissionDenied(path)) { try RandomAccessFile.open(path, mode: .create) }
    }

    @Test("move renames in one step and replaces the destination")
    func move() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let source = try RandomAccessFile.open("\(folder.path)/a.part", mode: .create)
        try source.write(at: 0, [1, 2, 3])
        source.close()
        try RandomAccessFile.open("\(folder.path)/a", mode: .create).close()
        try AtomicFile.move("\(folder.path)/a.part", to: "\(folder.path)/a")
        #expect(try folder.listing() == ["a"])
        let moved = try RandomAccessFile.open("\(folder.path)/a", mode: .read)
        defer { moved.close() }
        #expect(try moved.size() == 3)
    }

    @Test("tasks write disjoint ranges of one file at the same time")
    func concurrentWriters() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let file = try RandomAccessFile.open("\(folder.path)/shared", mode: .create)
        defer { file.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in 0..<8 {
                group.addTask { try file.write(at: UInt64(part) << 16, [UInt8](repeating: UInt8(part), count: 1 << 16)) }
            }
            try await group.waitForAll()
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8 << 16, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try file.read(at: 0, into: buffer) == 8 << 16)
        #expect((0..<8).allSatisfy { part in buffer[(part << 16)..<((part + 1) << 16)].allSatisfy { $0 == UInt8(part) } })
    }
}
