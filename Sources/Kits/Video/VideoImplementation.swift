import FileTransfer
import LabKit

/// One implementation of the whole video lab (the student's or the reference), as graders and the
/// runner use it.
public protocol VideoImplementation: Sendable {
    associatedtype Tracker: TrackerNode
    associatedtype Agent: PeerAgentNode
    associatedtype Responder: ChunkResponding
    associatedtype Hashing: ChunkHashing
    associatedtype Plan: DownloadPlanning
    associatedtype Finisher: DownloadFinishing
}
