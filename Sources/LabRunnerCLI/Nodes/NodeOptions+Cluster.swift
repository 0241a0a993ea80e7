import Foundation
import LabKit

/// The options of the servers of a cluster (deposit servers, messaging processors and stores) and of the
/// clients that name them: what a cluster server needs to start, its proven name, the servers a client knows.
extension NodeOptions {
    /// A cluster server's options: it needs `--store DIR` (`keeps` says what lives there), is named by `--id`, else
    /// by that folder's name, and knows every `--peer` by name (itself left out).
    static func server(_ arguments: ParsedArguments, role: String, keeps: String) throws -> NodeOptions {
        guard let store = arguments.value("store") else { throw UsageError("a \(role) needs --store DIR: \(keeps)", command: "node") }
        var options = try NodeOptions(arguments, role: (store as NSString).lastPathComponent, command: "node")
        options.peers[options.id] = nil
        for peer in options.peers.keys where peer.name.contains(":") {
            throw UsageError("--peer \(peer) needs the server's name: --peer NAME=HOST:PORT (NAME is that server's --id)", command: "node")
        }
        return options
    }

    /// The key of `--cluster-key`, which proves the servers' names to each other; without it a server that has
    /// peers says its peers' names are not proven.
    static func clusterKey(_ arguments: ParsedArguments, peers: [NodeID: SocketAddress], _ context: CommandContext) throws(UsageError) -> ClusterKey? {
        guard let passphrase = arguments.value("cluster-key") else {
            if !peers.isEmpty {
                context.console.out(context.style.yellow("warning: without --cluster-key, the servers' names are not proven: any process that reaches this port can speak as a server with no connection here (give every server the same --cluster-key)"))
            }
            return nil
        }
        guard !passphrase.isEmpty else { throw UsageError("--cluster-key needs the passphrase every server of the cluster is given", command: "node") }
        return ClusterKey(passphrase: passphrase)
    }

    /// The servers a client knows by `--OPTION NAME=HOST:PORT` (repeatable), in the order given; `example` shows one.
    static func servers(_ arguments: ParsedArguments, option: String, example: String) throws(UsageError) -> [(name: NodeID, address: SocketAddress)] {
        try (arguments.values[option] ?? []).map { entry throws(UsageError) in
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw UsageError("--\(option) needs NAME=HOST:PORT, NAME being that server's --id (e.g. \(example)), not '\(entry)'", command: "node")
            }
            return (NodeID(String(entry[..<equals])), try address(String(entry[entry.index(after: equals)...]), option: option, command: "node"))
        }
    }
}
