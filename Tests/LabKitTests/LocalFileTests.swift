import DepositKit
import LabKit
import Testing

@Suite struct LocalFileTests {
    @Test("a local file is hashed when opened and served piece by piece, fewer bytes only at its end")
    func servesPieces() throws {
        let folder = try RandomAccessFileTests.Folder()
        defer { folder.remove() }
        var random = SeededRandom(seed: 12)
        let bytes = (0..<(3 << 20) + 5).map { _ in UInt8.random(in: 0...255, using: &random) }
        let path = "\(folder.path)/movie.bin"
        let writer = try RandomAccessFile.open(path, mode: .create)
        try writer.write(at: 0, bytes)
        writer.close()

        let file = try LocalFile.open(path)
        var hash = SHA256()
        hash.update(bytes)
        #expect(file.size == UInt64(bytes.count))
        #expect(file.sha256 == hash.finalize())
        #expect(try file.bytes(at: 1 << 20, count: 100) == Array(bytes[(1 << 20)..<(1 << 20) + 100]))
        #expect(try file.bytes(at: UInt64(bytes.count) - 3, count: 64) == Array(bytes.suffix(3)))
        #expect(try file.bytes(at: UInt64(bytes.count), count: 64) == [])
        let content = DepositContent.local(file)
        #expect(content.size == file.size && content.sha256 == file.sha256)
        file.close()
        #expect(content.bytes(at: 0, count: 10) == nil, "a closed file serves nothing (the client answers absent)")
    }

    @Test("a missing file is a typed error naming it")
    func missing() {
        #expect(throws: StorageError.notFound("/nonexistent/labkit/file.bin")) { try LocalFile.open("/nonexistent/labkit/file.bin") }
    }
}
