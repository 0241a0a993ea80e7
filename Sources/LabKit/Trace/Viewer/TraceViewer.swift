/// Turns a saved JSONL trace into its interactive page (``TraceViewerPage``): what `labrunner view` does,
/// and the command failure reports print beside a trace.
/// ```swift
/// let page = TraceViewer.defaultPath(for: "traces/ping.2.2-retry.seed7.jsonl")  // traces/ping.2.2-retry.seed7.html
/// let written = try TraceViewer.write(trace: "traces/ping.2.2-retry.seed7.jsonl", to: page)
/// ```
public enum TraceViewer {
    /// Where the page of `trace` goes unless told otherwise: beside it, `.jsonl` replaced by `.html`.
    public static func defaultPath(for trace: String) -> String {
        (trace.hasSuffix(".jsonl") ? String(trace.dropLast(6)) : trace) + ".html"
    }

    /// The command that writes the page of `trace`, quoted for a POSIX shell where the path needs it.
    public static func command(for trace: String) -> String {
        "swift run labrunner view \(shellQuoted(trace))"
    }

    /// Reads the trace at `trace` and writes its page to `page` (atomically: the old page or the whole new
    /// one, never half), titled with the trace's file name. Returns how many events and nodes it shows.
    @discardableResult
    public static func write(trace: String, to page: String) throws(TraceViewerError) -> (events: Int, nodes: Int) {
        guard page != trace, !page.hasSuffix(".jsonl") else { throw .pageIsTheTrace(page) }
        let events: [TraceEvent]
        do { events = try TraceFiles.read(trace) } catch { throw .unreadable(error) }
        guard !events.isEmpty else { throw .empty(trace) }
        let name = trace.split(separator: "/").last.map(String.init) ?? trace
        let title = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        do { try AtomicFile.write(TraceViewerPage(title: title).render(events), to: page) } catch { throw .cannotWrite(error) }
        let nodes = Set(events.flatMap { [$0.node] + ($0.peer.map { [$0] } ?? []) })
        return (events.count, nodes.count)
    }

    /// `text` as one shell word: as is when it holds only characters no shell treats specially.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-/+=:,@%".unicodeScalars.contains(scalar)
        }
        return plain ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
