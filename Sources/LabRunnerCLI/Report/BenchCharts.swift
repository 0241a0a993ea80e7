import LabKit

/// Each lab's benchmark charts: which figures of its bench JSON are drawn, against which baseline. A figure
/// the JSON lacks (an older or newer bench) leaves its bar or chart out; the table still shows every figure.
struct BenchCharts {
    let lab: String
    let figures: BenchFigures
    let language: ReportLanguage

    /// The charts as `(file name, SVG)`, in the order the report shows them.
    var charts: [(file: String, svg: String)] {
        switch lab {
        case "ping":
            return bars("bench-throughput.svg", "bench.net.title", baseline: ("bench.net.baseline", "net.baseline.gigabytesPerSecond"),
                        [("bench.net.net", "net.net.gigabytesPerSecond"), ("bench.net.sendfile", "net.sendFile.gigabytesPerSecond")])
        case "video":
            return bars("bench-download.svg", "bench.video.title", baseline: ("bench.video.blast", "socketBlast.gigabytesPerSecond"),
                        [("bench.video.one", "singleSource.gigabytesPerSecond"), ("bench.video.three", "threeSources.gigabytesPerSecond"),
                         ("bench.video.curl", "curl.gigabytesPerSecond"), ("bench.video.curlSync", "curlThenSync.gigabytesPerSecond")])
                + bars("bench-hashing.svg", "bench.hash.title", baseline: ("bench.hash.sha256sum", "hashing.sha256sum.gigabytesPerSecond"),
                       [("bench.hash.labkit", "hashing.labKit.gigabytesPerSecond"), ("bench.hash.openssl", "hashing.openssl.gigabytesPerSecond")])
                + sizeLine("bench-memory.svg", "bench.memory.title", path: "peakRSS", series: [("bench.memory.downloader", nil)])
        case "deposit":
            let ks = (0..<3).map { ("bench.deposit.k\($0 + 1)", "deposits.\($0).gigabytesPerSecond") }
            return bars("bench-deposit.svg", "bench.deposit.title", baseline: ("bench.deposit.copy", "copyThenSync.gigabytesPerSecond"),
                        ks + [("bench.deposit.recover", "recover.gigabytesPerSecond")])
                + line("bench-replicas.svg", "bench.replicas.title", x: "bench.replicas.x", y: "GB/s", xLabels: ["1", "2", "3"],
                       series: [("bench.replicas.series", ks.map(\.1))])
                + sizeLine("bench-memory.svg", "bench.memory.title", path: "peakRSS",
                           series: [("bench.memory.client", "client"), ("bench.memory.server", "server")])
        case "zapszap":
            let keys = figures.sizeKeys("syncBytesPerRoundInSync")
            return bars("bench-aead.svg", "bench.aead.title", baseline: ("bench.aead.openssl", "aead.openSSLMessagesPerSecond"),
                        [("bench.aead.labkit", "aead.labKitMessagesPerSecond")])
                + line("bench-sync.svg", "bench.sync.title", x: "bench.sync.x", y: language("bench.sync.y"), xLabels: keys,
                       series: [("bench.sync.series", keys.map { "syncBytesPerRoundInSync.\($0)" })])
        case "messaging":
            return bars("bench-rsa-private.svg", "bench.rsa.private.title", baseline: ("bench.rsa.openssl", "openSSLPrivateOpsPerSecond"),
                        [("bench.rsa.labkit", "privateOpsPerSecond")])
                + bars("bench-rsa-public.svg", "bench.rsa.public.title", baseline: ("bench.rsa.openssl", "openSSLPublicOpsPerSecond"),
                       [("bench.rsa.labkit", "publicOpsPerSecond")])
                + bars("bench-bob-to-alice.svg", "bench.system.title", baseline: ("bench.system.ceiling", "system.rsaCeilingMessagesPerSecond"),
                       [("bench.system.endToEnd", "system.endToEndMessagesPerSecond")])
        default:
            return []
        }
    }

    /// Bars of the figures at `paths` against the one at `baseline`, each labelled with its value and ratio.
    private func bars(_ file: String, _ title: String, baseline: (String, String), _ others: [(String, String)]) -> [(file: String, svg: String)] {
        guard let base = figures.number(baseline.1) else { return [] }
        var list = [BarChart.Bar(language(baseline.0), base, label: language.number(base) + " (\(language("bench.baseline")))", baseline: true)]
        for (name, path) in others {
            guard let value = figures.number(path) else { continue }
            let ratio = base > 0 ? " — \(language.number(value / base))×" : ""
            list.append(BarChart.Bar(language(name), value, label: language.number(value) + ratio))
        }
        guard list.count > 1 else { return [] }
        return [(file, BarChart(title: language(title), subtitle: language("bench.bars.subtitle"), bars: list).render())]
    }

    /// A line per series of the numbers at `paths`, one per x label.
    private func line(_ file: String, _ title: String, x: String, y: String, xLabels: [String],
                      series: [(String, [String])]) -> [(file: String, svg: String)] {
        let lines = series.compactMap { name, paths -> LineChart.Series? in
            let values = paths.compactMap(figures.number)
            guard values.count == paths.count, values.count >= 2 else { return nil }
            return LineChart.Series(language(name), values: values, labels: values.map(language.number))
        }
        guard !lines.isEmpty else { return [] }
        return [(file, LineChart(title: language(title), xTitle: language(x), yTitle: y, xLabels: xLabels, series: lines).render())]
    }

    /// Peak memory in MiB against the sizes that key the object at `path` (a value per size, or an object whose
    /// `field` is the value).
    private func sizeLine(_ file: String, _ title: String, path: String, series: [(String, String?)]) -> [(file: String, svg: String)] {
        let keys = figures.sizeKeys(path)
        let lines = series.compactMap { name, field -> LineChart.Series? in
            let bytes = keys.compactMap { figures.number("\(path).\($0)" + (field.map { ".\($0)" } ?? "")) }
            guard bytes.count == keys.count, bytes.count >= 2 else { return nil }
            let mebibytes = bytes.map { ($0 / 1_048_576 * 10).rounded() / 10 }
            return LineChart.Series(language(name), values: mebibytes, labels: mebibytes.map { language.number($0) + " MiB" })
        }
        guard !lines.isEmpty else { return [] }
        return [(file, LineChart(title: language(title), xTitle: language("bench.memory.x"), yTitle: "MiB", xLabels: keys, series: lines).render())]
    }
}
