// Lab video — who sends which message to whom, for the report's diagram and protocol table.

import FileTransfer
import LabKit

/// The video lab's roles and messages: the control plane (``TrackerMessage``) and the data plane
/// (``ChunkRequest``, ``ChunkResponse``). A test checks it names every case of the three.
public enum VideoArchitecture {
    public static let architecture: LabArchitecture = {
        let file = SharedFile(name: "film.mp4", size: 1, contentID: ContentID([UInt8](repeating: 0, count: 32)))
        let control = "TCP control", data = "TCP data"
        return LabArchitecture(
            roles: [.init("peer", count: "N"), .init("tracker"), .init("source peer", count: "1..N")],
            flows: [
                MessageFlow(TrackerMessage.join(address: "", files: []), from: "peer", to: "tracker", channel: control,
                            "I serve these files at this address (replaces my list)"),
                MessageFlow(TrackerMessage.joined(ttl: .seconds(10)), from: "tracker", to: "peer", channel: control,
                            "registered; stay alive by sending a message at least every ttl"),
                MessageFlow(TrackerMessage.heartbeat, from: "peer", to: "tracker", channel: control, "still here"),
                MessageFlow(TrackerMessage.update(file), from: "peer", to: "tracker", channel: control,
                            "I now hold this file too (after a download)"),
                MessageFlow(TrackerMessage.leave, from: "peer", to: "tracker", channel: control, "forget me"),
                MessageFlow(TrackerMessage.search(requestID: 1, text: ""), from: "peer", to: "tracker", channel: control,
                            "which files have this text in their name?"),
                MessageFlow(TrackerMessage.results(requestID: 1, hits: [], more: false), from: "tracker", to: "peer", channel: control,
                            "the matching files with their live holders (capped)"),
                MessageFlow(TrackerMessage.unknownPeer, from: "tracker", to: "peer", channel: control,
                            "I do not know you (expired, or I restarted): join again"),
                MessageFlow(TrackerMessage.refused(.tooManyFiles(limit: 1)), from: "tracker", to: "peer", channel: control,
                            "did not register a JOIN or UPDATE, for a stated limit"),
                MessageFlow(ChunkRequest.manifest(name: file.name), from: "peer", to: "source peer", channel: data,
                            "send me the manifest of this file"),
                MessageFlow(ChunkRequest.chunk(name: file.name, index: 0), from: "peer", to: "source peer", channel: data,
                            "send me chunk i of this file"),
                MessageFlow(ChunkResponse.manifest(Manifest(name: file.name, size: 0, chunkSize: Manifest.defaultChunkSize, chunkHashes: [])),
                            named: "MANIFEST", from: "source peer", to: "peer", channel: data,
                            "size, chunk size and the SHA-256 of every chunk"),
                MessageFlow(ChunkResponse.chunk(index: 0, length: 0), from: "source peer", to: "peer", channel: data,
                            "chunk i follows: exactly length raw bytes (sendfile)"),
                MessageFlow(ChunkResponse.refused(.unknownFile(file.name)), named: "REFUSED", from: "source peer", to: "peer", channel: data,
                            "refused (bad name, unknown file or chunk); the connection stays open"),
            ])
    }()
}
