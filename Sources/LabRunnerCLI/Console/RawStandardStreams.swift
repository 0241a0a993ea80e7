#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation
import LabKit

/// Standard input and output as bytes, for commands that filter binary data (`labrunner rsa encrypt`).
enum RawStandardStreams {
    /// Everything on standard input until its end, read on a thread of its own (never the cooperative pool).
    static func readInput() async -> [UInt8] {
        await BlockingWork.value { FileHandle.standardInput.readAllBytes() }
    }

    /// Writes `bytes` to standard output, all of them (a closed reader is reported, not a SIGPIPE).
    static func write(_ bytes: [UInt8]) throws(StreamError) {
        fflush(stdout)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw StreamError(reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Standard output refused what was written.
    struct StreamError: Error, CustomStringConvertible {
        let reason: String
        var description: String { "cannot write to standard output: \(reason)" }
    }
}
