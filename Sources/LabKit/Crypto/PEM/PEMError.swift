/// Why text could not be read as PEM armor (RFC 7468): the reader reports one of these for any text.
///
/// Each case prints as a sentence, for example `invalidBase64(line: 7)` reads
/// "line 7 of the PEM text is not base64".
public enum PEMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is longer than the reader accepts (`PEM.maximumTextLength` bytes of UTF-8).
    case textTooLarge(length: Int, limit: Int)
    /// No "-----BEGIN label-----" line.
    case missingBeginLine
    /// No "-----END label-----" line after the BEGIN line with this label.
    case missingEndLine(label: String)
    /// The END line names another label than the BEGIN line.
    case mismatchedEndLine(begin: String, end: String)
    /// This line (counted from 1) between BEGIN and END is not base64, or the base64 as a whole is malformed
    /// (then it is the END line); encrypted keys, whose armor carries headers, land here too.
    case invalidBase64(line: Int)
    /// Something other than whitespace follows the END line, at this line (counted from 1).
    case textAfterEndLine(line: Int)

    /// The error as one sentence a student can act on.
    public var description: String {
        switch self {
        case let .textTooLarge(length, limit):
            "PEM text of \(length) bytes is larger than the limit of \(limit) bytes"
        case .missingBeginLine:
            "no \"-----BEGIN …-----\" line: this is not PEM text"
        case let .missingEndLine(label):
            "no \"-----END \(label)-----\" line after the BEGIN line"
        case let .mismatchedEndLine(begin, end):
            "the armor begins with \"\(begin)\" but ends with \"\(end)\""
        case let .invalidBase64(line):
            "line \(line) of the PEM text is not base64 (an encrypted key's headers also end up here)"
        case let .textAfterEndLine(line):
            "unexpected text after the END line, at line \(line)"
        }
    }
}
