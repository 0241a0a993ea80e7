/// Formats trace times for people: the JSONL `t` field and the diagram's time axis.
///
/// Microsecond precision, rounded: `12.346 ms`, `2913.986 ms`, or `12.345678 s` for long runs. The exact
/// value is always the integer nanoseconds beside it.
enum TraceTime {
    /// The unit a label is written in.
    enum Unit {
        case milliseconds, seconds

        /// Milliseconds up to ten seconds, seconds beyond: one unit for a whole axis reads best.
        static func fitting(_ nanoseconds: Int64) -> Unit {
            nanoseconds.magnitude < 10_000_000_000 ? .milliseconds : .seconds
        }
    }

    /// `nanoseconds` as a short readable label, in `unit` or the one that fits the value.
    static func label(_ nanoseconds: Int64, unit: Unit? = nil) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let micros = (nanoseconds.magnitude + 500) / 1000
        switch unit ?? .fitting(nanoseconds) {
        case .milliseconds: return "\(sign)\(micros / 1000).\(padded(micros % 1000, to: 3)) ms"
        case .seconds: return "\(sign)\(micros / 1_000_000).\(padded(micros % 1_000_000, to: 6)) s"
        }
    }

    private static func padded(_ value: UInt64, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
