import Foundation

extension FileHandle {
    /// The next bytes this handle gives (at most `count`; none at its end or on an error), from read(2) tried
    /// again when a signal interrupts it: Foundation's own readers on Linux trap on EINTR, which once took a
    /// whole test run down.
    package func readSome(upTo count: Int = 64 << 10) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let read = buffer.withUnsafeMutableBytes { Foundation.read(fileDescriptor, $0.baseAddress, $0.count) }
            if read < 0 && errno == EINTR { continue }
            return read > 0 ? Array(buffer[..<read]) : []
        }
    }

    /// Everything this handle gives until its end.
    package func readAllBytes() -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let some = readSome()
            if some.isEmpty { return all }
            all += some
        }
    }
}
