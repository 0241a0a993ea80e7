@testable import LabRunnerCLI
import Testing

@Suite struct DepositPromptTests {
    @Test("prompt lines parse into commands, with the file's own name and 2 copies unless told", arguments: [
        ("deposit notes.txt", DepositPromptCommand.deposit(path: "notes.txt", name: "notes.txt", replicas: 2)),
        ("  DEPOSIT  /tmp/a/b.bin --replicas 3 ", .deposit(path: "/tmp/a/b.bin", name: "b.bin", replicas: 3)),
        ("put --as report.pdf draft.pdf --replicas 1", .deposit(path: "draft.pdf", name: "report.pdf", replicas: 1)),
        ("recover b.bin", .recover(name: "b.bin", into: ".")),
        ("get b.bin --to out", .recover(name: "b.bin", into: "out")),
        ("replicas b.bin 4", .replicas(name: "b.bin", replicas: 4)),
        ("list", .list), ("ls", .list), ("id", .id), ("help", .help), ("?", .help), ("quit", .quit), ("exit", .quit),
    ])
    func parses(_ line: String, _ command: DepositPromptCommand) {
        #expect(DepositPromptCommand.parse(line) == .success(command))
    }

    @Test("blank lines are ignored and mistakes say what is accepted", arguments: [
        ("deposit", "deposit needs one path: deposit PATH [--replicas K] [--as NAME]"),
        ("deposit a b", "deposit needs one path: deposit PATH [--replicas K] [--as NAME]"),
        ("deposit a --replicas", "--replicas needs a value"),
        ("deposit a --replicas 0", "--replicas must be a whole number ≥ 1, not '0'"),
        ("deposit a --replicas two", "--replicas must be a whole number ≥ 1, not 'two'"),
        ("recover", "recover needs one file name: recover NAME [--to DIR]"),
        ("replicas a", "replicas needs a file name and a count: replicas NAME K"),
        ("replicas a -1", "the count must be a whole number ≥ 1, not '-1'"),
        ("list all", "list takes no argument"),
        ("fetch x", "unknown command 'fetch' (\(DepositPromptCommand.usage))"),
    ])
    func mistakes(_ line: String, _ message: String) {
        #expect(DepositPromptCommand.parse(line) == .failure(PromptError(message)))
        #expect(DepositPromptCommand.parse("  ") == nil)
    }
}
