extension Array where Element == Double {
    /// The middle value once sorted (the mean of the two middle ones for an even count); `nil` when empty: what
    /// a bench reports of repeated runs, so that one slow run does not move the figure.
    var median: Double? {
        guard !isEmpty else { return nil }
        let sorted = self.sorted()
        return sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
    }
}
