/// Fingerprints of every exercise body of the reference solutions, to find an answer that slipped into the
/// student handout (a grader's helper, a test double, a hint pasted whole).
///
/// A body's fingerprints are its significant lines — trimmed, spaces collapsed, comments, braces and short
/// keyword lines left out — taken three consecutive lines at a time (two idiomatic lines such as opening a
/// file and deferring its close say nothing yet); a shorter body is fingerprinted whole, a one-line body only
/// when that line is long enough to be specific. A handout file holds an answer when the same lines follow
/// each other in it.
struct AnswerFingerprints {
    /// Where a fingerprint came from.
    struct Origin: Equatable, CustomStringConvertible {
        let solution: String
        let line: Int
        let exercise: String
        var description: String { "exercise \(exercise)'s body in \(solution):\(line)" }
    }

    /// A handout line that starts a fingerprint.
    struct Finding: Equatable, CustomStringConvertible {
        let path: String
        let line: Int
        let origin: Origin
        var description: String { "\(path):\(line) repeats \(origin)" }
    }

    /// The shortest line that fingerprints a one-line body on its own.
    static let singleLineMinimum = 30

    /// How many consecutive significant lines make a fingerprint.
    static let window = 3

    /// Fingerprints by their number of lines (1 to `window`).
    private var prints: [Int: [String: Origin]] = [:]

    /// The fingerprints of every body in `tree`.
    init(_ tree: SkeletonTree) {
        for file in tree.files { add(file.markers.bodies, solution: file.solution) }
    }

    /// The fingerprints of `bodies`, marked in the file `solution`.
    init(bodies: [ExerciseMarkers.Body], solution: String) {
        add(bodies, solution: solution)
    }

    private mutating func add(_ bodies: [ExerciseMarkers.Body], solution: String) {
        for body in bodies {
            let origin = Origin(solution: solution, line: body.line, exercise: body.exercise)
            let lines = Self.significant(body.lines).map(\.text)
            guard !lines.isEmpty, lines.count > 1 || lines[0].count >= Self.singleLineMinimum else { continue }
            let size = min(Self.window, lines.count)
            for start in 0...(lines.count - size) {
                prints[size, default: [:]][lines[start..<(start + size)].joined(separator: "\n")] = origin
            }
        }
    }

    /// How many fingerprints there are.
    var count: Int { prints.values.reduce(0) { $0 + $1.count } }

    /// Where `text` (the file `path`) repeats a body.
    func findings(in text: String, path: String) -> [Finding] {
        let lines = Self.significant(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var found: [Finding] = []
        for (size, table) in prints.sorted(by: { $0.key < $1.key }) where lines.count >= size {
            for start in 0...(lines.count - size) {
                let window = lines[start..<(start + size)].map(\.text).joined(separator: "\n")
                if let origin = table[window] { found.append(Finding(path: path, line: lines[start].number, origin: origin)) }
            }
        }
        return found
    }

    /// Lines that say something, normalized, with their 1-based numbers.
    static func significant(_ lines: [String]) -> [(number: Int, text: String)] {
        lines.enumerated().compactMap { offset, line in
            let text = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard text.count >= 12, !text.hasPrefix("//"), !trivial.contains(text) else { return nil }
            return (offset + 1, text)
        }
    }

    /// Lines too common to point at any one answer.
    private static let trivial: Set<String> = ["} else {", "default: break", "return false", "return true", "} catch {"]
}
