/// ANSI styling that disappears when output is not a terminal.
struct Style: Sendable {
    let enabled: Bool

    func red(_ text: String) -> String { paint(text, 31) }
    func green(_ text: String) -> String { paint(text, 32) }
    func yellow(_ text: String) -> String { paint(text, 33) }
    func bold(_ text: String) -> String { paint(text, 1) }
    func dim(_ text: String) -> String { paint(text, 2) }

    /// One of six distinct colors for the `index`-th process of a demo.
    func process(_ text: String, index: Int) -> String { paint(text, [36, 35, 33, 32, 34, 91][index % 6]) }

    private func paint(_ text: String, _ code: Int) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
