// Lab messaging — the `openssl` command, which graders and the bench set the lab's RSA against: given.

import Foundation
import LabKit

/// Runs the `openssl` command line tool, when one is installed, for interoperability checks and baselines.
package enum OpenSSL {
    /// What one run of `openssl` did.
    package struct Run: Sendable {
        /// The exit status (0: success).
        package let status: Int32
        /// Everything it wrote to standard output.
        package let output: [UInt8]
        /// What it wrote to standard error, as text, for failure messages.
        package let errors: String
    }

    /// The full path of `openssl` in a directory of the PATH, or nil when there is none.
    package static var path: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `openssl arguments…` to its end, reading standard input from `/dev/null`; nil when there is no openssl
    /// or it could not be started. Blocks: call it off Swift's cooperative pool for long runs.
    package static func run(_ arguments: [String]) -> Run? {
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try SignalMask.unblocked { try process.run() }
        } catch {
            return nil
        }
        // openssl writes a few lines to standard error at most: reading standard output first cannot block it.
        let written = output.fileHandleForReading.readAllBytes()
        let complaints = errors.fileHandleForReading.readAllBytes()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: written, errors: String(decoding: complaints, as: UTF8.self))
    }

    /// The `pkeyutl` options of RSAES-OAEP with SHA-256 and MGF1-SHA-256 (the lab's only variant), with `label`.
    package static func oaepOptions(label: [UInt8] = []) -> [String] {
        ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]
            + (label.isEmpty ? [] : ["-pkeyopt", "rsa_oaep_label:\(label.hex)"])
    }
}
