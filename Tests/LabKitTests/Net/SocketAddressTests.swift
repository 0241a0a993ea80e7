import LabKit
import Testing

@Suite struct SocketAddressTests {
    @Test("an IPv4 address parses and prints as HOST:PORT")
    func ipv4() throws {
        let address = try SocketAddress.parse("127.0.0.1:9000")
        #expect(address.host == "127.0.0.1")
        #expect(address.port == 9000)
        #expect(!address.isIPv6)
        #expect(address.description == "127.0.0.1:9000")
        #expect(try SocketAddress.parse(address.description) == address)
    }

    @Test("an IPv6 address parses from brackets and prints with them")
    func ipv6() throws {
        let address = try SocketAddress.parse("[::1]:9000")
        #expect(address.host == "::1")
        #expect(address.isIPv6)
        #expect(address.description == "[::1]:9000")
        #expect(try SocketAddress(host: "::1", port: 9000) == address)
        #expect(try SocketAddress(host: "[::1]", port: 9000) == address)
        #expect(try SocketAddress.parse("[2001:db8::42]:1").description == "[2001:db8::42]:1")
    }

    @Test("localhost means 127.0.0.1, whatever its case")
    func localhost() throws {
        #expect(try SocketAddress.parse("localhost:80") == SocketAddress(host: "127.0.0.1", port: 80))
        #expect(try SocketAddress(host: "LocalHost", port: 1).description == "127.0.0.1:1")
    }

    @Test("port 0 and port 65535 are both valid")
    func portRange() throws {
        #expect(try SocketAddress.parse("0.0.0.0:0").port == 0)
        #expect(try SocketAddress.parse("10.1.2.3:65535").port == 65535)
    }

    @Test("equal addresses hash equally, so they work as dictionary keys")
    func hashable() throws {
        let peers: Set = [try SocketAddress.parse("10.0.0.1:1"), try SocketAddress(host: "10.0.0.1", port: 1)]
        #expect(peers.count == 1)
        #expect(try SocketAddress.parse("10.0.0.1:1") != SocketAddress.parse("10.0.0.1:2"))
    }

    @Test("garbage is rejected with a reason a student can act on",
          arguments: [
              ("nonsense", "expected HOST:PORT, like 127.0.0.1:9000"),
              ("host:99999", "the port 99999 is not between 0 and 65535"),
              (":", "the port is missing after the colon"),
              (":9000", "the host is missing before the colon"),
              ("1.2.3.4:http", "the port \"http\" is not a number"),
              ("1.2.3.4:-1", "the port \"-1\" is not a number"),
              ("::1:9000", "an IPv6 address needs brackets, like [::1]:9000"),
              ("[::1]9000", "expected \":PORT\" after the \"]\", like [::1]:9000"),
              ("[::1:9000", "the \"[\" of an IPv6 address has no closing \"]\""),
              ("", "expected HOST:PORT, like 127.0.0.1:9000"),
          ])
    func garbage(text: String, reason: String) {
        #expect(throws: NetError.invalidAddress(text, reason: reason)) { try SocketAddress.parse(text) }
    }

    @Test("an unknown host name fails with the resolver's explanation")
    func unknownName() {
        #expect {
            try SocketAddress.parse("no-such-host.invalid:80")
        } throws: { error in
            guard case let NetError.invalidAddress(text, reason)? = error as? NetError else { return false }
            return text == "no-such-host.invalid:80" && reason.hasPrefix("cannot resolve this host name")
        }
    }

    @Test("errors print as sentences")
    func errorSentences() throws {
        let address = try SocketAddress.parse("127.0.0.1:9000")
        #expect(NetError.invalidAddress("nonsense", reason: "expected HOST:PORT, like 127.0.0.1:9000").description
            == "\"nonsense\" is not a valid address: expected HOST:PORT, like 127.0.0.1:9000")
        #expect(NetError.connectionRefused(address).description
            == "connection to 127.0.0.1:9000 was refused: nothing is listening there")
        #expect(NetError.timedOut(operation: "read", after: .milliseconds(250)).description == "read timed out after 250 ms")
        #expect(NetError.timedOut(operation: "connect to 127.0.0.1:9000", after: .seconds(5)).description
            == "connect to 127.0.0.1:9000 timed out after 5 s")
        #expect(NetError.system(call: "bind", errno: 13).description.hasPrefix("bind failed: "))
        #expect(NetError.system(call: "bind", errno: 13).description.hasSuffix("(errno 13)"))
    }
}
