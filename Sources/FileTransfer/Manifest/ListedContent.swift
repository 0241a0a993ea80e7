import LabKit

/// What a listing (a tracker's search answer) says a file is: its content ID and size. A download checks
/// every manifest it is offered against it before the manifest decides anything on disk, so a lying source
/// cannot choose the size of the part file.
public struct ListedContent: Sendable, Equatable, CustomStringConvertible {
    /// The SHA-256 of the file's manifest.
    public var contentID: ContentID
    /// The file's size in bytes.
    public var size: UInt64

    public init(contentID: ContentID, size: UInt64) {
        self.contentID = contentID
        self.size = size
    }

    /// The listing of the file `manifest` describes.
    public init(of manifest: Manifest) { self.init(contentID: manifest.contentID, size: manifest.size) }

    public var description: String { "\(contentID) (\(size) bytes)" }

    /// Why `manifest` is not the listed file, or `nil` when it is.
    public func mismatch(with manifest: Manifest) -> String? {
        if manifest.contentID != contentID { return "offers other content (\(manifest.contentID))" }
        if manifest.size != size { return "offers \(manifest.size) bytes, the listing says \(size)" }
        return nil
    }
}
