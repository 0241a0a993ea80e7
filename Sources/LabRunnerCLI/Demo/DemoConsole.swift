import Foundation
import Synchronization

/// The demo's output: every child's lines with a colored `[name]` prefix, the demo's own lines as `[demo]`.
struct DemoConsole: Sendable {
    let console: Console
    let style: Style
    private let width: Int

    init(console: Console, style: Style, names: [String]) {
        self.console = console
        self.style = style
        width = (names + ["demo"]).map(\.count).max() ?? 4
    }

    func line(from name: String, index: Int, _ text: String) {
        console.out(style.process("[\(pad(name, width))]", index: index) + " " + text)
    }

    func say(_ text: String) {
        console.out(style.bold("[\(pad("demo", width))]") + " " + text)
    }
}
