import FileTransfer

/// A request on the deposit's data plane: "send me `count` bytes of blob `key` from `offset`" — the stream form
/// of a `FETCH`. The answer is a ``ChunkResponse`` (`.chunk` with the bytes after it, or `.refused`).
struct PieceRequest: NamedRequest, Hashable {
    let key: String
    let offset: UInt64
    let count: UInt32

    var name: String { key }
    var description: String { "PIECE? \(key.prefix(12))… @\(offset) +\(count)" }

    func encode(to writer: inout WireWriter) {
        writer.write(key)
        writer.write(offset)
        writer.write(count)
    }

    init(key: String, offset: UInt64, count: UInt32) {
        self.key = key
        self.offset = offset
        self.count = count
    }

    init(from reader: inout WireReader) throws(WireError) {
        key = try reader.readText(maxLength: 128, field: "key")
        offset = try reader.read()
        count = try reader.read()
    }
}
