/// The texts of the RFC 8439 test vectors and a reader for its hex dumps, shared by the ChaCha20, Poly1305
/// and ChaChaPoly known-answer tests. Every vector was checked against OpenSSL when it was transcribed.
enum RFC8439 {
    /// The bytes spelled in hex by `text`, two digits a byte; spaces, colons and line breaks are skipped, so
    /// the RFC's dumps paste as they are. Anything else traps, as a typo in a test should.
    static func bytes(_ text: String) -> [UInt8] {
        let digits = text.unicodeScalars.filter { !" :\n".unicodeScalars.contains($0) }.map { Character($0) }
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in \(text)")
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0..<$0 + 2]), radix: 16)! }
    }

    /// The plaintext of §2.4.2 and §2.8.2 (114 bytes).
    static let sunscreen = Array(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".utf8)

    /// The plaintext of A.2 #2 and the message of A.3 #2 and #3 (375 bytes).
    static let contribution = Array((
        "Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft "
            + "or RFC and any statement made within the context of an IETF activity is considered an \"IETF Contribution\". "
            + "Such statements include oral statements in IETF sessions, as well as written and electronic communications "
            + "made at any time or place, which are addressed to"
    ).utf8)

    /// The plaintext of A.2 #3 and the message of A.3 #4 (127 bytes).
    static let jabberwocky = Array((
        "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
            + "All mimsy were the borogoves,\nAnd the mome raths outgrabe."
    ).utf8)

    /// The plaintext of A.5 (265 bytes), which ends in UTF-8 curly quotes.
    static let drafts = Array((
        "Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, or obsoleted "
            + "by other documents at any time. It is inappropriate to use Internet-Drafts as reference material or to cite "
            + "them other than as /\u{201C}work in progress./\u{201D}"
    ).utf8)
}
