/// Says a line that an attack can repeat at most once per `interval` for each kind: the first at once, the
/// rest counted and summed up ("… (and 971 more like it since the last one said)") with the next one said. A flood of connections or
/// garbage then costs a person's terminal a few lines, not one per packet.
package final class LogThrottle: Sendable {
    private struct Kind {
        var lastSaid: ContinuousClock.Instant
        var held = 0
    }

    private let interval: Duration
    private let log: @Sendable (String) -> Void
    private let kinds = Lock<[String: Kind]>([:])

    package init(interval: Duration = .seconds(1), log: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.log = log
    }

    /// Logs `line` unless a line of `kind` was logged less than `interval` ago; then it is only counted.
    package func say(_ kind: String, _ line: @autoclosure () -> String) {
        let now = ContinuousClock.now
        let held = kinds.withLock { kinds -> Int? in
            if let last = kinds[kind], now - last.lastSaid < interval {
                kinds[kind]?.held += 1
                return nil
            }
            defer { kinds[kind] = Kind(lastSaid: now) }
            return kinds[kind]?.held ?? 0
        }
        guard let held else { return }
        log(held == 0 ? line() : "\(line()) (and \(held) more like it since the last one said)")
    }
}
