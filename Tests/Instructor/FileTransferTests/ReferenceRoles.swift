import FileTransfer
import VideoSolution

// The given machinery is tested with the reference solution's roles, so this target is instructor-only:
// it exists only where Sources/Solutions does, and the student handout leaves it out.
typealias TestResponder = VideoSolution.ChunkResponder
typealias TestHashing = VideoSolution.ChunkHasher
typealias TestPlan = VideoSolution.DownloadPlan
typealias TestFinisher = VideoSolution.DownloadFinisher
typealias TestEngine = DownloadEngine<TestPlan, TestHashing, TestFinisher>
