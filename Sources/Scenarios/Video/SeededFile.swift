#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VideoKit

/// A file the grader makes from a seed: the same bytes on every run, cheap to generate and to compare, so
/// scenarios use files of hundreds of MiB without slowing the suite. Bytes repeat a seeded 1 MiB block,
/// with every 4 KiB page stamped with its own number, so no two pages of a file are alike.
struct SeededFile: Sendable {
    static let blockSize = 1 << 20
    static let pageSize = 4096

    let name: String
    let size: Int
    let seed: UInt64
    private let block: [UInt8]

    init(name: String, size: Int, seed: UInt64) {
        self.name = name
        self.size = size
        self.seed = seed
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var words = [UInt64](repeating: 0, count: Self.blockSize / 8)
        for index in words.indices {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            words[index] = mixed ^ (mixed >> 31)
        }
        block = words.withUnsafeBytes { Array($0) }
    }

    /// Fills `buffer` with the file's bytes from `offset`.
    func fill(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        guard buffer.count > 0 else { return }
        block.withUnsafeBytes { block in
            var done = 0
            while done < buffer.count {
                let inBlock = (offset + done) % Self.blockSize
                let take = min(buffer.count - done, Self.blockSize - inBlock)
                (buffer.baseAddress! + done).copyMemory(from: block.baseAddress! + inBlock, byteCount: take)
                done += take
            }
        }
        var page = offset / Self.pageSize
        while page * Self.pageSize < offset + buffer.count {
            let stamp = (UInt64(page) &+ 1) &* 0xD6E8_FEB8_6659_FD93 ^ seed
            for byte in 0..<8 {
                let position = page * Self.pageSize + byte - offset
                if position >= 0 && position < buffer.count { buffer[position] = UInt8(truncatingIfNeeded: stamp >> (8 * UInt64(byte))) }
            }
            page += 1
        }
    }

    /// Bytes `offset..<offset + count` as an array (for small checks).
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer), at: offset)
            initialized = count
        }
    }

    /// The grader's manifest of this file in chunks of `chunkSize`.
    func manifest(chunkSize: UInt32) -> Manifest {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(chunkSize), alignment: 64)
        defer { buffer.deallocate() }
        let count = Manifest.chunkCount(size: UInt64(size), chunkSize: chunkSize)
        let hashes = (0..<count).map { index in
            let offset = index * Int(chunkSize)
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(Int(chunkSize), size - offset)])
            fill(chunk, at: offset)
            var hasher = SHA256()
            hasher.update(UnsafeRawBufferPointer(chunk))
            return hasher.finalize()
        }
        return Manifest(name: name, size: UInt64(size), chunkSize: chunkSize, chunkHashes: hashes)
    }

    /// Writes the file into `folder` and returns its path.
    @discardableResult
    func write(in folder: String) throws(StorageError) -> String {
        let path = "\(folder)/\(name)"
        let file = try RandomAccessFile.open(path, mode: .create)
        defer { file.close() }
        try file.truncate(to: 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < size {
            let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(Self.blockSize, size - offset)])
            fill(piece, at: offset)
            try file.write(at: UInt64(offset), UnsafeRawBufferPointer(piece))
            offset += piece.count
        }
        return path
    }

    /// Where the file at `path` first differs from this one, or `nil` when it is identical (size included).
    func firstDifference(withFileAt path: String) throws(StorageError) -> String? {
        let file = try RandomAccessFile.open(path, mode: .read)
        defer { file.close() }
        let actual = try file.size()
        guard actual == UInt64(size) else { return "\(path) has \(actual) bytes instead of \(size)" }
        let expected = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 64)
        let read = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 64)
        defer {
            expected.deallocate()
            read.deallocate()
        }
        var offset = 0
        while offset < size {
            let length = min(Self.blockSize, size - offset)
            fill(UnsafeMutableRawBufferPointer(rebasing: expected[..<length]), at: offset)
            guard try file.read(at: UInt64(offset), into: UnsafeMutableRawBufferPointer(rebasing: read[..<length])) == length else {
                return "\(path) ends early, at byte \(offset)"
            }
            if memcmp(expected.baseAddress!, read.baseAddress!, length) != 0 {
                let first = (0..<length).first { expected[$0] != read[$0] }!
                return "\(path) differs from the original at byte \(offset + first)"
            }
            offset += length
        }
        return nil
    }
}
