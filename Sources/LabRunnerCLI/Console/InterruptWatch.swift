import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call to `stop`, so a node can shut down cleanly (leave its
/// tracker, write its trace) instead of dying mid-write.
final class InterruptWatch {
    private let sources: [DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "labrunner.signals")
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }

    /// Stops watching; the signals keep being ignored, so a second Ctrl-C during shutdown does no harm.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
