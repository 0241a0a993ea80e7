import Foundation
import LabKit

/// Writes a rendered report into its folder: each figure and REPORT.md atomically, the student's sections of
/// the previous REPORT.md put back, and the outputs it read copied to `data/` beside it when they live elsewhere.
struct ReportFiles {
    let writer: ReportWriter

    /// Writes everything; returns REPORT.md's location and how many figures were written.
    func write() throws -> (report: URL, figures: Int) {
        let out = writer.out, inputs = writer.inputs
        let (rendered, figures) = try writer.render()
        try AtomicFile.makeFolder(out.path)
        let target = out.appendingPathComponent("REPORT.md")
        var report = rendered
        if let previous = try? String(contentsOf: target, encoding: .utf8) {
            report = try StudentSections(of: previous, path: target.path).restore(into: rendered)
        }
        for (file, svg) in figures {
            try AtomicFile.write(svg, to: out.appendingPathComponent(file).path)
        }
        if inputs.folder.standardizedFileURL != out.appendingPathComponent("data").standardizedFileURL {
            try AtomicFile.makeFolder(out.appendingPathComponent("data").path)
            for name in ReportInputs.Name.allCases where inputs.has(name) {
                try AtomicFile.write(try AtomicFile.read(inputs.url(name).path), to: out.appendingPathComponent("data/\(name.rawValue)").path)
            }
        }
        if inputs.has(.demoTrace) {
            try AtomicFile.write(try AtomicFile.read(inputs.url(.demoTrace).path), to: out.appendingPathComponent(DemoSection.traceFile).path)
        }
        try AtomicFile.write(report, to: target.path)
        return (target, figures.count)
    }
}
