import LabKit

/// The kit's parts of the Results that come from grading: the score per exercise and the failure rates.
struct ScoreSection {
    let lab: LabDescriptor
    let inputs: ReportInputs
    let language: ReportLanguage

    /// A row per exercise (its scenarios passed and points earned), the total, and every failure in a line.
    var scores: String {
        guard let grade = inputs.grade else { return language("scores.missing", lab.id) }
        let rows = grade.scenarios.filter { $0.lab == lab.id }
        var table = MarkdownTable([language("scores.exercise"), language("scores.title"), language("scores.scenarios"),
                                   language("scores.points")])
        for exercise in lab.exercises {
            let mine = rows.filter { $0.exercise == exercise.id }
            guard !mine.isEmpty else { continue }
            let passed = mine.filter(\.passed).count
            let earned = mine.reduce(0) { $0 + $1.earned }, points = mine.reduce(0) { $0 + $1.points }
            table.add(exercise.id, exercise.title, "\(passed == mine.count ? "✔" : "✘") \(passed)/\(mine.count)", "\(earned)/\(points)")
        }
        let earned = rows.reduce(0) { $0 + $1.earned }, points = rows.reduce(0) { $0 + $1.points }
        table.add("**\(language("scores.total"))**", "", "\(rows.filter(\.passed).count)/\(rows.count)", "**\(earned)/\(points)**")
        var text = language("scores.lead", grade.implementation, language.number(earned), language.number(points)) + "\n\n" + table.text
        let failures = rows.compactMap { row in row.failure.map { (row, $0) } }
        if !failures.isEmpty {
            text += "\n\n" + language("scores.failures") + "\n\n" + failures.map { row, failure in
                "- `\(row.id)` — \(language("scores.seed", "\(failure.seed)")): \(MarkdownTable.cell(failure.summary))  \n  `\(failure.replay)`"
            }.joined(separator: "\n")
        }
        return text
    }

    /// A row per simulated scenario: seeds run, seeds failed, the rate, and the first failing seed.
    var failureRates: String {
        guard let rates = inputs.failureRates else { return language("rates.missing", lab.id) }
        let rows = rates.scenarios.filter { $0.lab == lab.id }
        var table = MarkdownTable([language("rates.scenario"), language("rates.seeds"), language("rates.failed"),
                                   language("rates.rate"), language("rates.first")])
        for row in rows {
            let rate = Double(row.failedSeeds) / Double(max(row.seedsRun, 1))
            let first = row.failure.map { "\(language("scores.seed", "\($0.seed)")): \($0.summary)" } ?? "–"
            table.add("`\(row.id)`", language.number(row.seedsRun), language.number(row.failedSeeds), language.percent(rate), first)
        }
        let runs = rows.map(\.seedsRun).max() ?? 0, failed = rows.reduce(0) { $0 + $1.failedSeeds }
        return language("rates.lead", language.number(runs), rates.implementation, language.number(failed),
                        language.number(rows.reduce(0) { $0 + $1.seedsRun })) + "\n\n" + table.text
    }
}
