/// The rule for the name a client gives a deposited file: it names a file in the client's own folder when
/// recovered, so it must be one plain name, printable, with no way out of that folder.
public enum FileName {
    /// The longest name, in UTF-8 bytes.
    public static let maximumLength = 128

    /// Why `name` cannot name a deposited file (empty, too long, `.` or `..`, a leading `.`, a `/` or `\`,
    /// NUL or another control character), or `nil` when it can.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > maximumLength { return "it is longer than \(maximumLength) bytes" }
        if name.hasPrefix(".") { return "it starts with '.' (hidden files, '.' and '..' are not deposited)" }
        if name.contains("/") || name.contains("\\") { return "it contains a path separator" }
        if name.containsControlCharacters || name.utf8.contains(0) { return "it contains a control character" }
        return nil
    }
}
