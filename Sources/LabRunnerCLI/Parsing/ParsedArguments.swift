/// A command line split into positional arguments and options, checked against a ``CommandSpec``.
struct ParsedArguments: Equatable, Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Parses `arguments` (after the subcommand name). Accepts `--name value`, `--name=value` and `--` to end options.
    init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var rest = arguments[...]
        var optionsEnded = false
        while let argument = rest.popFirst() {
            guard !optionsEnded, argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "-h" || argument == "--help" { flags.insert("help"); continue }
            guard argument.hasPrefix("--") else { throw UsageError("unknown option '\(argument)'", command: spec.name) }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.option(named: name) else {
                throw UsageError("unknown option '--\(name)'", command: spec.name)
            }
            if option.takesValue {
                guard let value = inlineValue ?? rest.popFirst() else {
                    throw UsageError("option '--\(name)' needs a value", command: spec.name)
                }
                if values[name] != nil && !option.repeats {
                    throw UsageError("option '--\(name)' was given twice", command: spec.name)
                }
                values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else { throw UsageError("option '--\(name)' takes no value", command: spec.name) }
                flags.insert(name)
            }
        }
        if positionals.count > spec.maxPositionals && !flags.contains("help") {
            throw UsageError("unexpected argument '\(positionals[spec.maxPositionals])'", command: spec.name)
        }
    }

    /// The value of a single-valued option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// The value of an option as an integer in `range`, or a usage error naming the option.
    func integer(_ name: String, in range: ClosedRange<Int>, command: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("option '--\(name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'", command: command)
        }
        return number
    }

    /// The value of an option as a probability in 0...1.
    func probability(_ name: String, command: String) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), (0...1).contains(number) else {
            throw UsageError("option '--\(name)' needs a probability from 0 to 1, not '\(text)'", command: command)
        }
        return number
    }

    /// The value of an option as a duration: `250ms`, `2s`, or a bare number of milliseconds.
    func duration(_ name: String, command: String) throws(UsageError) -> Duration? {
        guard let text = value(name) else { return nil }
        guard let duration = Self.parseDuration(text) else {
            throw UsageError("option '--\(name)' needs a duration such as 250ms or 2s, not '\(text)'", command: command)
        }
        return duration
    }

    /// Parses `250ms`, `2s`, `1.5s` or `300` (milliseconds); negative or malformed text gives `nil`.
    static func parseDuration(_ text: String) -> Duration? {
        let (digits, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1e-3) : text.hasSuffix("s") ? (text.dropLast(), 1) : (text[...], 1e-3)
        guard let number = Double(digits), number >= 0, number.isFinite, number * scale < 86_400 else { return nil }
        return .nanoseconds(Int64((number * scale * 1e9).rounded()))
    }

    /// The value of an option as a byte count: `256MiB`, `1GiB`, `500MB`, `4096`.
    func byteCount(_ name: String, command: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let bytes = Self.parseByteCount(text) else {
            throw UsageError("option '--\(name)' needs a size such as 256MiB, 1GiB or 500MB, not '\(text)'", command: command)
        }
        return bytes
    }

    /// Parses `256MiB`, `1GiB`, `2G`, `500MB`, `64KiB` or a bare byte count; malformed or 0 gives `nil`.
    static func parseByteCount(_ text: String) -> Int? {
        let kibi = 1024.0, mebi = kibi * kibi, gibi = mebi * kibi
        let units: [(String, Double)] = [("GiB", gibi), ("MiB", mebi), ("KiB", kibi), ("GB", 1e9), ("MB", 1e6),
                                         ("KB", 1e3), ("G", gibi), ("M", mebi), ("K", kibi), ("B", 1)]
        let (digits, scale) = units.first { text.hasSuffix($0.0) }.map { (text.dropLast($0.0.count), $0.1) } ?? (text[...], 1)
        guard let number = Double(digits), number > 0, number.isFinite, number * scale >= 1, number * scale < 1e12 else { return nil }
        return Int(number * scale)
    }

    var wantsHelp: Bool { flags.contains("help") }
}
