import LabKit

/// The one rule for file names that arrive from the network or a user, on the download side and when a
/// share folder is scanned: a plain, visible name that stays inside its folder.
package enum PlainFileName {
    /// Bytes a name may take, leaving room for the `.part.progress` suffix within the usual 255-byte limit.
    package static let maxLength = 240

    /// Why `name` is not a plain file name, or `nil` when it is one.
    package static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name == "." || name == ".." { return "it names a folder" }
        if name.hasPrefix(".") { return "it is hidden (starts with a dot)" }
        if name.utf8.contains(UInt8(ascii: "/")) { return "it contains a '/'" }
        if name.utf8.contains(0) { return "it contains a NUL byte" }
        if name.containsControlCharacters { return "it contains a control character" }
        if name.utf8.count > maxLength { return "it is longer than \(maxLength) bytes" }
        return nil
    }
}
