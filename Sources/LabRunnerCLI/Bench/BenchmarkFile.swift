#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabKit

/// A temporary file of patterned bytes for the `sendFile` measurement, open for reading; `remove()` deletes it.
struct BenchmarkFile: Sendable {
    let path: String
    let descriptor: Int32
    let size: Int

    /// Creates the file in the temporary directory; it stays in the page cache, so `sendFile` reads no disk.
    init(size: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-netbench-\(getpid()).bin").path
        self.size = size
        let block = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        var data = Data(capacity: size)
        while data.count < size { data.append(contentsOf: block.prefix(size - data.count)) }
        try data.write(to: URL(fileURLWithPath: path))
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            unlink(path)
            throw NetError.system(call: "open \(path)", errno: errno)
        }
    }

    /// Closes and deletes the file.
    func remove() {
        close(descriptor)
        unlink(path)
    }
}
