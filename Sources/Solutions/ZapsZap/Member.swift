import ZapsZapKit

/// What a member knows about another member of its group.
struct Member: Equatable {
    /// When it last accepted a datagram from that member (`nil`: never, or it said goodbye since).
    var lastHeard: Duration?
    /// Whether it last showed that member online (exercise 6.1).
    var online = false
    /// Whether it ever accepted a datagram of that member itself; `false`: only listed by others (a rumour).
    var direct = false
}
