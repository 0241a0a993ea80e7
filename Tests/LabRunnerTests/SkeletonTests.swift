import Foundation
import Testing
@testable import LabRunnerCLI

@Suite struct SkeletonTests {
    static let solution = """
    struct Plan {
        mutating func next() throws -> Int? {
            try Exercise.begin("6.1")
            guard let index = queue.popLast() else { return nil }
            return index
            // end exercise 6.1
        }
    }
    """

    @Test("a marked body becomes try todo at the marker's indentation; every other line stays as it is")
    func replacesBodies() throws {
        let markers = try ExerciseMarkers(source: Self.solution, path: "Plan.swift")
        #expect(markers.skeleton == """
        struct Plan {
            mutating func next() throws -> Int? {
                try todo("6.1")
            }
        }
        """)
        #expect(markers.bodies == [.init(exercise: "6.1", lines: ["        guard let index = queue.popLast() else { return nil }", "        return index"], line: 4)])
    }

    @Test("markers that do not pair up are refused with the file and line", arguments: [
        ("try Exercise.begin(\"1.1\")\nx\ntry Exercise.begin(\"1.2\")\ny\n// end exercise 1.2", "F.swift:3: 'Exercise.begin' inside the body of exercise 1.1: end that one first"),
        ("x\n// end exercise 2.1", "F.swift:2: 'end exercise 2.1' with no 'Exercise.begin(\"2.1\")' before it"),
        ("try Exercise.begin(\"2.1\")\nx\n// end exercise 2.2", "F.swift:3: 'end exercise 2.2' closes the body of exercise 2.1"),
        ("try Exercise.begin(\"3.1\")\n   \n// end exercise 3.1", "F.swift:3: an exercise body with nothing in it"),
        ("a\ntry Exercise.begin(\"4.1\")\nx", "F.swift:2: 'Exercise.begin(\"4.1\")' is never ended"),
    ])
    func refusesBrokenMarkers(source: String, message: String) {
        #expect(throws: SkeletonError(description: message)) { try ExerciseMarkers(source: source, path: "F.swift") }
    }

    @Test("a line that only looks like a marker is kept: the exercise must be a number such as 2.1")
    func keepsLookalikes() throws {
        let source = "try Exercise.begin(\"one\")\ntry Exercise.begin(\"2.\")\n// end exercise x\nlet x = 1"
        #expect(try ExerciseMarkers(source: source, path: "F.swift").skeleton == source)
    }

    @Test("the checked-in skeletons are exactly what the solutions generate (run 'labrunner skeleton' after editing a solution)")
    func skeletonsInStep() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/Solutions").path) else { return }  // a handout
        let tree = try SkeletonTree(root: root)
        #expect(try tree.drift() == [])
        #expect(tree.labs == ["Deposit", "Messaging", "Ping", "Video", "ZapsZap"])
        #expect(tree.files.allSatisfy { !$0.solution.contains("/Mutants/") })
        #expect(tree.files.reduce(0) { $0 + $1.markers.bodies.count } >= 40)
    }
}

@Suite struct AnswerFingerprintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func tree() throws -> SkeletonTree? {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/Solutions").path) else { return nil }
        return try SkeletonTree(root: root)
    }

    @Test("every exercise body of the solutions is found in its own solution file, and none in its skeleton")
    func findsEveryBody() throws {
        guard let tree = try Self.tree() else { return }
        let fingerprints = AnswerFingerprints(tree)
        for file in tree.files where !file.markers.bodies.isEmpty {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file.solution), encoding: .utf8)
            let found = Set(fingerprints.findings(in: text, path: file.solution).map(\.origin.line))
            let fingerprinted = file.markers.bodies.filter { body in
                let lines = AnswerFingerprints.significant(body.lines)
                return lines.count > 1 || lines.first.map { $0.text.count >= AnswerFingerprints.singleLineMinimum } == true
            }
            #expect(Set(fingerprinted.map(\.line)).isSubset(of: found), "\(file.solution)")
            #expect(fingerprints.findings(in: file.markers.skeleton, path: file.skeleton) == [], "\(file.skeleton)")
        }
    }

    @Test("a body copied elsewhere is found whatever its indentation; two idiomatic lines alone are not")
    func findsCopies() {
        let solution = """
        func tally() throws {
            try Exercise.begin("9.1")
            for (name, votes) in ballots where votes.count > quorum {
                winners[name] = votes.count
                if losers.contains(name) { losers.remove(name) }
            }
            // end exercise 9.1
        }
        func load() throws {
            try Exercise.begin("9.2")
            let file = try RandomAccessFile.open(path, mode: .read)
            defer { file.close() }
            let total = try file.size() + 1
            // end exercise 9.2
        }
        """
        let markers = try! ExerciseMarkers(source: solution, path: "Plan.swift")
        let fingerprints = AnswerFingerprints(bodies: markers.bodies, solution: "Plan.swift")
        let copy = "struct Helper {\n  mutating func count() {\n for (name, votes) in ballots where votes.count > quorum {\n\t\twinners[name] = votes.count\n  if losers.contains(name)   { losers.remove(name) }\n }\n}"
        #expect(fingerprints.findings(in: copy, path: "Tests/Helper.swift").map(\.description)
            == ["Tests/Helper.swift:3 repeats exercise 9.1's body in Plan.swift:3"])
        let idiom = "let file = try RandomAccessFile.open(path, mode: .read)\ndefer { file.close() }\nvar hasher = SHA256()"
        #expect(fingerprints.findings(in: idiom, path: "SHA256+File.swift") == [])
    }
}
