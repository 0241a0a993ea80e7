import Testing
import LabKit

/// A trap in the grading worker reads as the runtime's words and the place in the sources.
struct ContainmentTextTests {
    @Test("a trap reads as the runtime's words and the first place in a lab's sources")
    func trapText() {
        let crash = [
            "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range",
            "*** Program crashed: Illegal instruction at 0x00007fd804d6df7f ***",
            "  2 [ra] 0x00007fd805444f65 specialized Array.subscript.getter + 84 in libswiftSwiftOnoneSupport.so",
            "  3 [ra] 0x0000558ff4e41160 Tracker.receive(_:) + 47 in labrunner at /tmp/kit/Sources/LabKit/Sim/Simulation.swift:218:13",
            "  4 [ra] 0x0000558ff4e41307 Tracker.receive(_:) + 246 in labrunner at /tmp/kit/Sources/Labs/Video/Tracker.swift:41:26",
        ]
        #expect(TrapText.describe(crash, ending: nil, memoryLimitMiB: 4096) == "Index out of range — at Sources/Labs/Video/Tracker.swift:41")
        let overflow = ["*** Swift runtime failure: arithmetic overflow ***",
                        "  1   0x0000560ed7a031f6 ov(_:) + 70 in labrunner at /k/Sources/FileTransfer/Manifest/Manifest.swift:34:45"]
        #expect(TrapText.describe(overflow, ending: nil, memoryLimitMiB: 4096) == "arithmetic overflow — at Sources/FileTransfer/Manifest/Manifest.swift:34")
        let memory = ["Fatal error: failed to allocate 67108896 bytes of memory with alignment 8"]
        #expect(TrapText.describe(memory, ending: nil, memoryLimitMiB: 512)
                == "ran out of memory (the limit is 512 MiB): failed to allocate 67108896 bytes of memory with alignment 8")
        #expect(TrapText.describe([], ending: .init(status: 9, bySignal: true), memoryLimitMiB: 4096)
                == "the process running the scenario was killed by signal 9")
    }
}
