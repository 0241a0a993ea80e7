/// Why `labrunner report` could not write the report: printed as one line saying what to do.
enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The templates folder (`report/templates/<lang>`) or one of its files is missing.
    case missingTemplate(path: String)
    /// A template names a placeholder the kit does not fill.
    case unknownPlaceholder(name: String, file: String)
    /// An output the report reads is not what the command that writes it writes.
    case unreadableOutput(path: String, reason: String)
    /// The previous report has a student section twice, or begun and not ended: rewriting it could lose text.
    case brokenStudentSection(name: String, path: String)

    var description: String {
        switch self {
        case let .missingTemplate(path):
            "no report template at \(path): the kit's report/templates folder is missing or incomplete"
        case let .unknownPlaceholder(name, file):
            "\(file) asks for {{\(name)}}, which the kit does not fill (see report/README.md for the placeholders)"
        case let .unreadableOutput(path, reason):
            "cannot read \(path): \(reason); write it again (labrunner report --run writes what is missing) or remove it"
        case let .brokenStudentSection(name, path):
            "\(path): the student section '\(name)' is not one 'student:begin \(name)' … 'student:end \(name)' pair; fix its markers so your text is kept, then run again"
        }
    }
}
