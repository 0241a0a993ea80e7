/// The exercise bodies marked in a reference solution's source, and the skeleton made from it.
///
/// In `Sources/Solutions/<Lab>`, each exercise body sits between a ``Exercise/begin(_:)`` line and a comment:
/// ```swift
///     public mutating func nextChunk(for source: NodeID) throws -> Int? {
///         try Exercise.begin("6.1")
///         guard !banned.contains(source) else { return nil }
///         …
///         // end exercise 6.1
///     }
/// ```
/// The skeleton has `try todo("6.1")` in their place, at the marker's indentation, and every other line as
/// the solution has it: the given code is written once, in the solution, and copied by `labrunner skeleton`.
struct ExerciseMarkers: Sendable, Equatable {
    /// One marked body: its exercise and its lines, markers left out.
    struct Body: Sendable, Equatable {
        let exercise: String
        let lines: [String]
        /// Where the body starts in the solution file (1-based, the line after its `Exercise.begin` line).
        let line: Int
    }

    /// The skeleton's text.
    let skeleton: String
    /// The bodies, in file order.
    let bodies: [Body]

    /// Reads the markers of `source` (the text of the file `path`, for error messages).
    init(source: String, path: String) throws(SkeletonError) {
        var skeleton: [String] = []
        var bodies: [Body] = []
        var open: (exercise: String, line: Int, lines: [String])?
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let text = String(line)
            if let (indent, exercise) = Self.begin(in: text) {
                if let open { throw .nestedBody(path: path, line: number, inside: open.exercise) }
                open = (exercise, number + 1, [])
                skeleton.append("\(indent)try todo(\"\(exercise)\")")
            } else if let exercise = Self.end(in: text) {
                guard let body = open else { throw .unmatchedEnd(path: path, line: number, exercise: exercise) }
                guard body.exercise == exercise else {
                    throw .mismatchedEnd(path: path, line: number, began: body.exercise, ended: exercise)
                }
                guard !body.lines.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) else { throw .emptyBody(path: path, line: number) }
                bodies.append(Body(exercise: exercise, lines: body.lines, line: body.line))
                open = nil
            } else if open != nil {
                open?.lines.append(text)
            } else {
                skeleton.append(text)
            }
        }
        if let open { throw .unterminatedBody(path: path, line: open.line - 1, exercise: open.exercise) }
        self.skeleton = skeleton.joined(separator: "\n")
        self.bodies = bodies
    }

    /// The indentation and exercise of a `try Exercise.begin("X.Y")` line; `nil` for any other line.
    private static func begin(in line: String) -> (indent: Substring, exercise: String)? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        let prefix = "try Exercise.begin(\"", suffix = "\")"
        guard rest.hasPrefix(prefix), rest.hasSuffix(suffix), rest.count > prefix.count + suffix.count else { return nil }
        return exerciseNumber(rest.dropFirst(prefix.count).dropLast(suffix.count)).map { (indent, $0) }
    }

    /// The exercise of a `// end exercise X.Y` line; `nil` for any other line.
    private static func end(in line: String) -> String? {
        let rest = line.drop { $0 == " " }
        let prefix = "// end exercise "
        guard rest.hasPrefix(prefix) else { return nil }
        return exerciseNumber(rest.dropFirst(prefix.count))
    }

    /// `text` when it is an exercise number such as `2.1`.
    private static func exerciseNumber(_ text: Substring) -> String? {
        guard let first = text.first, let last = text.last, first.isNumber, last.isNumber,
              text.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return String(text)
    }
}

/// A solution file whose exercise markers do not pair up, or a skeleton that is not the generated one.
struct SkeletonError: Error, Equatable, CustomStringConvertible {
    let description: String

    static func nestedBody(path: String, line: Int, inside: String) -> SkeletonError {
        SkeletonError(description: "\(path):\(line): 'Exercise.begin' inside the body of exercise \(inside): end that one first")
    }
    static func unmatchedEnd(path: String, line: Int, exercise: String) -> SkeletonError {
        SkeletonError(description: "\(path):\(line): 'end exercise \(exercise)' with no 'Exercise.begin(\"\(exercise)\")' before it")
    }
    static func mismatchedEnd(path: String, line: Int, began: String, ended: String) -> SkeletonError {
        SkeletonError(description: "\(path):\(line): 'end exercise \(ended)' closes the body of exercise \(began)")
    }
    static func emptyBody(path: String, line: Int) -> SkeletonError {
        SkeletonError(description: "\(path):\(line): an exercise body with nothing in it")
    }
    static func unterminatedBody(path: String, line: Int, exercise: String) -> SkeletonError {
        SkeletonError(description: "\(path):\(line): 'Exercise.begin(\"\(exercise)\")' is never ended")
    }
}
