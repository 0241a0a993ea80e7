@testable import LabKit
import Testing

@Suite struct AddressBookTests {
    @Test("a book keeps at most maxLearned learned names, forgetting the first learned; a configured peer stays")
    func learnedNamesAreBounded() throws {
        let home = try SocketAddress.parse("127.0.0.1:4000"), elsewhere = try SocketAddress.parse("127.0.0.1:5000")
        var book = AddressBook(["alice": home])
        for number in 0..<(AddressBook.maxLearned + 10) { book.heard(NodeID("ghost-\(number)"), at: elsewhere) }
        book.heard("alice", at: elsewhere)
        #expect(book.address(of: "ghost-9") == nil && book.address(of: "ghost-10") == elsewhere)
        #expect(book.address(of: NodeID("ghost-\(AddressBook.maxLearned + 9)")) == elsewhere)
        #expect(book.address(of: "alice") == home)
    }
}
