/// One message of a lab's protocol: which role sends it to which, and what it means.
///
/// Built from an example value, so its wire tag and name (the first word of its description, `JOIN`) are the
/// message type's own; a test decodes every tag a type knows and requires a flow for each.
public struct MessageFlow: Sendable, Equatable {
    /// The Swift type of the message (`TrackerMessage`).
    public let type: String
    /// The case's tag: the first byte of its wire form.
    public let tag: UInt8
    /// The message's name on the wire, as its description prints it (`JOIN`).
    public let name: String
    /// The sending role.
    public let from: String
    /// The receiving role.
    public let to: String
    /// What it means, in a line.
    public let meaning: String
    /// Which transport or plane carries it (`TCP`, `UDP`, `data plane`), when the lab has more than one.
    public let channel: String

    /// The flow of `example`'s case; `name` replaces the description's first word where that is no name.
    public init<Message: WireCodable & CustomStringConvertible>(_ example: Message, named name: String? = nil, from: String, to: String,
                                                                channel: String, _ meaning: String) {
        type = String(describing: Message.self)
        tag = example.encoded().first ?? 0
        self.name = name ?? example.description.split(separator: " ").first.map(String.init) ?? example.description
        self.from = from
        self.to = to
        self.channel = channel
        self.meaning = meaning
    }
}
