import Foundation
import LabKit

/// The outputs a report is written from, as found in a lab's data folder (`report/<lab>/data/` by default):
///
/// | file | written by |
/// | --- | --- |
/// | `grade.json` | `labrunner grade LAB --json …` |
/// | `failure-rates.json` | `labrunner grade LAB --runs N --json …` |
/// | `bench.json` | `labrunner bench LAB --json …` (`bench net` for ping) |
/// | `demo.txt` | `labrunner demo LAB`'s output |
/// | `demo-trace.jsonl` | the demo's trace (`labrunner demo LAB --trace …`), or any node's (`labrunner node … --trace`) |
/// | `environment.json` | `labrunner report --run`: the machine and the kit's commit when it ran them |
struct ReportInputs {
    /// One file of the data folder.
    enum Name: String, CaseIterable {
        case grade = "grade.json", failureRates = "failure-rates.json", bench = "bench.json"
        case demo = "demo.txt", demoTrace = "demo-trace.jsonl", environment = "environment.json"
    }

    /// A grading run's JSON, as `labrunner grade --json` writes it.
    struct Grade: Decodable {
        let implementation: String
        let scenarios: [GradeReport.Row]
    }

    let folder: URL
    var grade: Grade?
    var failureRates: Grade?
    /// The benchmark's JSON, kept as a tree: each lab's bench writes its own shape.
    var bench: BenchFigures?
    var demo: String?
    var demoTrace: [TraceEvent]?
    var environment: ReportEnvironment?
    /// When each file found was last written.
    var written: [Name: Date] = [:]

    /// Reads every output present in `folder`; a missing file is fine, a malformed one an error.
    init(folder: URL) throws {
        self.folder = folder
        let decoder = JSONDecoder()
        for name in Name.allCases {
            let path = url(name).path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            written[name] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            do {
                switch name {
                case .grade: grade = try decoder.decode(Grade.self, from: data)
                case .failureRates: failureRates = try decoder.decode(Grade.self, from: data)
                case .bench: bench = BenchFigures(tree: try decoder.decode(JSONValue.self, from: data))
                case .demo: demo = String(decoding: data, as: UTF8.self)
                case .demoTrace: demoTrace = try TraceJSONL.decode(String(decoding: data, as: UTF8.self))
                case .environment: environment = try decoder.decode(ReportEnvironment.self, from: data)
                }
            } catch let error as ReportError {
                throw error
            } catch {
                throw ReportError.unreadableOutput(path: path, reason: "\(error)")
            }
        }
    }

    func url(_ name: Name) -> URL { folder.appendingPathComponent(name.rawValue) }

    func has(_ name: Name) -> Bool { written[name] != nil }
}
