/// What travels in every datagram or TCP frame between real nodes: who sent it, to whom, and the message.
/// The names let a node reject misaddressed traffic and learn a peer's address from its messages: from every
/// one that decodes, or, for a node that ``NodeLogic/authenticatesSenders``, only from those it vouched for.
struct Envelope<Message: WireCodable>: WireCodable {
    let from: NodeID
    let to: NodeID
    let message: Message

    func encode(to writer: inout WireWriter) {
        writer.write(from)
        writer.write(to)
        writer.write(message)
    }

    init(from: NodeID, to: NodeID, message: Message) {
        self.from = from
        self.to = to
        self.message = message
    }

    init(from reader: inout WireReader) throws(WireError) {
        from = try reader.read()
        to = try reader.read()
        message = try reader.read()
    }
}

extension Envelope: Sendable where Message: Sendable {}
