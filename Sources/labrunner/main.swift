import Foundation
import LabKit
import LabRunnerCLI

// Ignore SIGPIPE once for the whole process: a peer that goes away must give an error, not kill the runner.
signal(SIGPIPE, SIG_IGN)
HeapTuning.retainFreedMemory()
exit(await LabRunner.main(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
