import ZapsZapKit

extension ChatHistory {
    /// Exercise 4.1 — the messages held that the holder of `digest` lacks, in pages: for each sender (in name
    /// order), every message held numbered above `digest.seq(of: sender)`, in `seq` order. Fill a page while
    /// its payload, `ZapPayload.syncPage(page)`, stays within `pageBytes` encoded bytes; a single message larger
    /// than that gets a page of its own. No page is empty; in sync, there are none.
    ///
    /// The cost must not grow with the history: look up the missing sequence numbers of each sender
    /// (`bySender`, `highest`), never scan `entries`.
    /// Tested by `zapszap.4.1-pages` and every scenario after it. Hint: `message.encoded().count` is a
    /// message's size inside a page; a page adds 1 byte of tag and a count of at most 3 bytes.
    func pages(missingFrom digest: SyncDigest, pageBytes: Int) throws -> [[ChatMessage]] {
        try Exercise.begin("4.1")
        let overhead = 4
        var pages: [[ChatMessage]] = []
        var page: [ChatMessage] = [], size = overhead
        for sender in bySender.keys.sorted() {
            let first = digest.seq(of: sender) + 1, last = highest[sender] ?? 0
            guard first <= last, let messages = bySender[sender] else { continue }
            for seq in first...last {
                guard let message = messages[seq] else { continue }
                let cost = message.encoded().count
                if !page.isEmpty && size + cost > pageBytes {
                    pages.append(page)
                    page = []
                    size = overhead
                }
                page.append(message)
                size += cost
            }
        }
        if !page.isEmpty { pages.append(page) }
        return pages
        // end exercise 4.1
    }

    /// Exercise 4.1 — whether the holder of `digest` holds a message this history lacks: some sender's entry
    /// in the digest is above this history's `contiguous` entry for that sender.
    ///
    /// Tested by `zapszap.4.1-pages` (a digest ahead is answered with this member's own digest) and
    /// `zapszap.5.1-answers`.
    func lacks(anyOf digest: SyncDigest) throws -> Bool {
        try Exercise.begin("4.1")
        return digest.heads.contains { $0.seq > contiguous[$0.sender] ?? 0 }
        // end exercise 4.1
    }
}
