import Foundation
import LabKit

/// A generated stand-in for a video: seeded random bytes, written in 1 MiB blocks and hashed on the way.
struct SampleFile: Sendable {
    let path: String
    let sha256: String

    /// Writes `bytes` seeded random bytes to `path` (creating folders) and returns the file with its SHA-256.
    static func generate(at path: String, bytes: Int, seed: UInt64) throws -> SampleFile {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let file = try RandomAccessFile.open(path, mode: .create)
        defer { file.close() }
        var random = SeededRandom(seed: seed)
        var hasher = SHA256()
        var block = [UInt64](repeating: 0, count: 1 << 17)
        var offset = 0
        while offset < bytes {
            for index in block.indices { block[index] = random.next() }
            let count = min(1 << 20, bytes - offset)
            try block.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                hasher.update(slice)
                try file.write(at: UInt64(offset), slice)
            }
            offset += count
        }
        try file.synchronize()
        return SampleFile(path: path, sha256: hasher.finalize().hex)
    }

    /// Puts the same file at `other` too: a hard link where possible (no second copy on disk), else a copy.
    static func share(_ path: String, also other: String) throws {
        try FileManager.default.createDirectory(atPath: (other as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if link(path, other) != 0 { try FileManager.default.copyItem(atPath: path, toPath: other) }
    }

    /// `256 MiB`, `1 GiB`.
    static func describe(bytes: Int) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes)-byte"
    }
}
