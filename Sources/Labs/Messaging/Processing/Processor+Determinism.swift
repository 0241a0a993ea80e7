import MessagingKit

extension Processor {
    /// Exercise 7.1 — the OAEP seed of `request` at `sequence`: 32 bytes derived from the request itself, the
    /// SHA-256 of its client id, number and sequence number (8 bytes each, big-endian). The leader chooses it
    /// when it orders the request and every replica encrypts with it: replicas that drew their own seeds would
    /// each give a different ciphertext for one request, and active replication needs identical replicas.
    ///
    /// Tested by `messaging.7.1-deterministic`. Hint: `withUnsafeBytes(of: value.bigEndian) { Array($0) }`.
    static func seed(for request: ProcessingRequest, sequence: Int) throws -> [UInt8] {
        try todo("7.1")
    }

    /// Exercise 7.1 — do `operation` with Alice's key (`config.key`): encrypt with phase 1's
    /// `RSA.encrypt(_:label:seed:key:)` and the ordered `seed` (never a seed of your own), decrypt with
    /// `RSA.decrypt`. A plaintext too long for the key is `.failed(.tooLong(bytes:limit:))`, a ciphertext that
    /// does not decrypt `.failed(.undecryptable)`: answers, the same on every replica, not errors.
    ///
    /// Tested by `messaging.7.1-deterministic`. Hint: catch `RSAError`, and only it.
    func run(_ operation: Operation, seed: [UInt8]) throws -> ProcessingResult {
        try todo("7.1")
    }
}
