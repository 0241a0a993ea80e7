import VideoKit
import VideoLab
#if canImport(VideoSolution)
import VideoSolution
#endif

/// The student's video lab (Sources/Labs/Video), as graders and the runner use it.
public enum StudentVideo: VideoImplementation {
    public typealias Tracker = VideoLab.Tracker
    public typealias Agent = VideoLab.PeerAgent
    public typealias Responder = VideoLab.ChunkResponder
    public typealias Hashing = VideoLab.ChunkHasher
    public typealias Plan = VideoLab.DownloadPlan
    public typealias Finisher = VideoLab.DownloadFinisher
}

#if canImport(VideoSolution)
/// The reference video lab (Sources/Solutions/Video).
public enum SolutionVideo: VideoImplementation {
    public typealias Tracker = VideoSolution.Tracker
    public typealias Agent = VideoSolution.PeerAgent
    public typealias Responder = VideoSolution.ChunkResponder
    public typealias Hashing = VideoSolution.ChunkHasher
    public typealias Plan = VideoSolution.DownloadPlan
    public typealias Finisher = VideoSolution.DownloadFinisher
}
#endif

/// Picks the video implementation for a run.
public enum VideoImplementations {
    public static func bundle(_ impl: Implementation) -> any VideoImplementation.Type {
        switch impl {
        case .student: return StudentVideo.self
        case .solution:
            #if canImport(VideoSolution)
            return SolutionVideo.self
            #else
            preconditionFailure("this copy of the kit has no solutions")
            #endif
        }
    }
}
