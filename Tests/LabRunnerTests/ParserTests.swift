@testable import LabRunnerCLI
import Testing

@Suite struct ParserTests {
    let spec = CommandSpec(name: "grade", maxPositionals: 1, options: [
        .init(name: "seed", takesValue: true), .init(name: "quiet", takesValue: false),
        .init(name: "peer", takesValue: true, repeats: true),
    ], help: "")

    @Test("positionals, values with a space or '=', flags and repeats are told apart")
    func splitsArguments() throws {
        let parsed = try ParsedArguments(["ping", "--seed", "7", "--quiet", "--peer=a=1.2.3.4:5", "--peer", "b=h:6"], spec: spec)
        #expect(parsed.positionals == ["ping"])
        #expect(parsed.value("seed") == "7")
        #expect(parsed.flags == ["quiet"])
        #expect(parsed.values["peer"] == ["a=1.2.3.4:5", "b=h:6"])
    }

    @Test("'--' ends the options and '-h' asks for help")
    func endOfOptions() throws {
        #expect(try ParsedArguments(["--", "--seed"], spec: spec).positionals == ["--seed"])
        #expect(try ParsedArguments(["-h"], spec: spec).wantsHelp)
    }

    @Test("mistakes are one-line usage errors naming the command's help", arguments: [
        (["--bogus"], "error: unknown option '--bogus' (see 'labrunner grade --help')"),
        (["-x"], "error: unknown option '-x' (see 'labrunner grade --help')"),
        (["--seed"], "error: option '--seed' needs a value (see 'labrunner grade --help')"),
        (["--seed", "1", "--seed", "2"], "error: option '--seed' was given twice (see 'labrunner grade --help')"),
        (["--quiet=yes"], "error: option '--quiet' takes no value (see 'labrunner grade --help')"),
        (["a", "b"], "error: unexpected argument 'b' (see 'labrunner grade --help')"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError.self) { try ParsedArguments(arguments, spec: spec) }
        do { _ = try ParsedArguments(arguments, spec: spec) } catch { #expect(error.description == message) }
    }

    @Test("numbers, probabilities and durations are checked", arguments: [
        ("seed", "12", true), ("seed", "-1", false), ("seed", "x", false),
    ])
    func integers(_ name: String, _ text: String, _ valid: Bool) throws {
        let parsed = try ParsedArguments(["--\(name)", text], spec: spec)
        #expect(((try? parsed.integer(name, in: 0...100, command: "grade")) != nil) == valid)
    }

    @Test("durations read 250ms, 2s, 1.5s and bare milliseconds")
    func durations() {
        #expect(ParsedArguments.parseDuration("250ms") == .milliseconds(250))
        #expect(ParsedArguments.parseDuration("2s") == .seconds(2))
        #expect(ParsedArguments.parseDuration("1.5s") == .milliseconds(1500))
        #expect(ParsedArguments.parseDuration("40") == .milliseconds(40))
        for bad in ["", "-5ms", "soon", "1e9s", "nan"] { #expect(ParsedArguments.parseDuration(bad) == nil, "\(bad)") }
    }

    @Test("sizes read 256MiB, 1GiB, 2G, 500MB and bare bytes")
    func sizes() {
        #expect(ParsedArguments.parseByteCount("256MiB") == 256 << 20)
        #expect(ParsedArguments.parseByteCount("1GiB") == 1 << 30)
        #expect(ParsedArguments.parseByteCount("2G") == 2 << 30)
        #expect(ParsedArguments.parseByteCount("500MB") == 500_000_000)
        #expect(ParsedArguments.parseByteCount("1.5KiB") == 1536)
        #expect(ParsedArguments.parseByteCount("4096") == 4096)
        for bad in ["", "0", "-1MiB", "lots", "1TiB", "9e99"] { #expect(ParsedArguments.parseByteCount(bad) == nil, "\(bad)") }
    }
}
