/// The lines a `labrunner node …` process prints that programs read back (the demos, the live scenarios):
/// written and parsed here, so that both sides agree.
package enum NodeOutputLine {
    /// `ping server 'server' listening on udp 127.0.0.1:4000`: `who` is up at `address`.
    package static func listening(_ who: String, transport: Transport, address: SocketAddress) -> String {
        "\(who) listening on \(transport.rawValue) \(address)"
    }

    /// The address of a ``listening(_:transport:address:)`` line, as printed; `nil` for any other line.
    package static func address(in line: String) -> String? {
        Transport.allCases.lazy.compactMap { line.range(of: " listening on \($0.rawValue) ") }.first.map { String(line[$0.upperBound...]) }
    }
}
