import LabKit

/// A deposit client process a demo types commands into, reading back each request's result line (`#N …`)
/// and, for `list`, the files listed under it.
struct DemoClient: Sendable {
    /// One file of a listing: `  NAME  SIZE  sha256 …  k=K  copies=C  vV`.
    struct Listed: Sendable, Equatable {
        let name: String
        let replicas: Int
        let copies: Int

        init?(_ line: String) {
            let words = line.split(separator: " ")
            guard line.hasPrefix("  "), let name = words.first,
                  let replicas = words.first(where: { $0.hasPrefix("k=") }).flatMap({ Int($0.dropFirst(2)) }),
                  let copies = words.first(where: { $0.hasPrefix("copies=") }).flatMap({ Int($0.dropFirst(7)) }) else { return nil }
            self.name = String(name)
            self.replicas = replicas
            self.copies = copies
        }
    }

    let child: ChildProcess
    /// Every line the client prints, in order (the demo also shows them, or not).
    let lines: AsyncStream<String>
    private var requests = 0

    init(child: ChildProcess, lines: AsyncStream<String>) {
        self.child = child
        self.lines = lines
    }

    /// Waits for the client's id (`client id UUID …`), the first thing it prints once a server answered.
    func id(within limit: Duration = .seconds(30)) async throws -> String {
        let lines = self.lines
        let line = try await withDeadline(limit) { await lines.first { $0.hasPrefix("client id ") } }
        guard let id = line?.split(separator: " ").dropFirst(2).first else { throw DemoError.didNotStart(child.name) }
        return String(id)
    }

    /// Types `command` and returns its result line, with the listed files for a `list`.
    mutating func ask(_ command: String, within limit: Duration = .seconds(120)) async throws -> (result: String, files: [Listed]) {
        requests += 1
        let prefix = "#\(requests) ", lines = self.lines
        child.send(command)
        return try await withDeadline(limit) {
            var iterator = lines.makeAsyncIterator()
            while let line = await iterator.next() {
                guard line.hasPrefix(prefix) else { continue }
                guard line.hasSuffix(" file(s)"), let count = line.split(separator: " ").dropLast().last.flatMap({ Int($0) }) else {
                    return (line, [])
                }
                var files: [Listed] = []
                while files.count < count, let next = await iterator.next() {
                    if let file = Listed(next) { files.append(file) }
                }
                return (line, files)
            }
            throw DemoError.stopped(prefix + command)
        }
    }
}
