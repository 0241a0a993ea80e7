/// The commands whose outputs a lab's report reads, with sizes that fit a laptop: what `report --run` runs
/// when an output is missing, and what the report tells the student to run.
struct ReportRecipe {
    let lab: String
    /// The data folder as the commands are given it.
    let data: String
    /// The implementation to run (`--impl`), or `nil` for the runner's default.
    var impl: String? = nil

    private var chosen: [String] { impl.map { ["--impl", $0] } ?? [] }

    /// How many fresh seeds per scenario the failure-rate run takes.
    static let runs = 20

    var grade: [String] { ["grade", lab, "--json", "\(data)/\(ReportInputs.Name.grade.rawValue)"] + chosen }
    var failureRates: [String] { ["grade", lab, "--runs", "\(Self.runs)", "--json", "\(data)/\(ReportInputs.Name.failureRates.rawValue)"] + chosen }

    var bench: [String] {
        let sized: [String] = switch lab {
        case "ping": ["net", "--bytes", "256"]
        case "video": ["video", "--size", "256MiB", "--rounds", "1"]
        case "deposit": ["deposit", "--size", "64MiB", "--rounds", "1"]
        default: [lab]
        }
        return ["bench"] + sized + ["--json", "\(data)/\(ReportInputs.Name.bench.rawValue)"] + chosen
    }

    var demo: [String] {
        let sized: [String] = switch lab {
        case "video": ["demo", "video", "--size", "256MiB"]
        case "deposit": ["demo", "deposit", "--size", "8MiB"]
        default: ["demo", lab]
        }
        return sized + ["--trace", "\(data)/\(ReportInputs.Name.demoTrace.rawValue)"] + chosen
    }

    /// Whether the lab has a demo (`labrunner demo LAB`).
    var hasDemo: Bool { DemoCommand.demos.contains(lab) }

    /// The outputs the lab's report is made from: the demo's only where the lab has one.
    var outputs: [ReportInputs.Name] { [.grade, .failureRates, .bench] + (hasDemo ? [.demo] : []) }

    /// `arguments` as a person types them.
    static func shell(_ arguments: [String]) -> String { "swift run labrunner " + arguments.joined(separator: " ") }
}
