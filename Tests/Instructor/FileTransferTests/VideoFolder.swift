import FileTransfer
import Foundation
import LabKit

/// A temporary folder with files of seeded bytes; `remove()` deletes it all.
struct VideoFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "labkit-video-" + UUID().uuidString
        try AtomicFile.makeFolder(path)
    }

    /// Writes `size` seeded bytes to `name` and returns its path.
    @discardableResult
    func makeFile(_ name: String, size: Int, seed: UInt64 = 1) throws -> String {
        let file = try RandomAccessFile.open("\(path)/\(name)", mode: .create)
        defer { file.close() }
        try file.truncate(to: 0)
        var offset = 0
        while offset < size {
            let length = min(1 << 20, size - offset)
            try file.write(at: UInt64(offset), Self.bytes(at: offset, count: length, seed: seed))
            offset += length
        }
        return "\(path)/\(name)"
    }

    /// Bytes `offset..<offset+count` of the seeded file (`offset` a multiple of 8).
    static func bytes(at offset: Int, count: Int, seed: UInt64) -> [UInt8] {
        var words = [UInt64](repeating: 0, count: (count + 7) / 8)
        for word in words.indices {
            var x = UInt64(offset / 8 + word) &+ seed &* 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
            words[word] = x ^ (x >> 29)
        }
        return words.withUnsafeBytes { Array($0.prefix(count)) }
    }

    /// The whole content of the file at `path`.
    func contents(_ name: String) throws -> [UInt8] {
        try AtomicFile.read("\(path)/\(name)")
    }

    /// Names in the folder (or its subfolder `sub`), hidden ones included.
    func listing(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : "\(path)/\(sub)")) ?? []).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
