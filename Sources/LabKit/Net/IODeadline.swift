/// When a waiting socket operation gives up, and the error that says which operation and after how long.
struct IODeadline: Sendable {
    let instant: ContinuousClock.Instant
    let operation: String
    let timeout: Duration

    /// A deadline `timeout` from now for `operation`, or `nil` when there is no timeout.
    init?(operation: String, timeout: Duration?) {
        guard let timeout else { return nil }
        self.instant = .now.advanced(by: timeout)
        self.operation = operation
        self.timeout = timeout
    }

    /// The error thrown when the deadline passes.
    var error: NetError { .timedOut(operation: operation, after: timeout) }

    /// Milliseconds from `now` until the deadline, rounded up so `poll` never wakes just before it.
    func millisecondsLeft(from now: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = now.duration(to: instant).components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        guard seconds < Int64(Int32.max / 1000) else { return Int(Int32.max) }
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
