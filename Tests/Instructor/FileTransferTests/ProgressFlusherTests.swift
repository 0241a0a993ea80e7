import FileTransfer
import LabKit
import Testing

@Suite struct ProgressFlusherTests {
    @Test("batches handed over during a flush are merged into the next one; finishing flushes the rest")
    func mergesWhileFlushing() async {
        let flusher = ProgressFlusher()
        let flushed = Lock<[[Int]]>([])
        let (started, start) = AsyncStream.makeStream(of: Void.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            await flusher.run { batch throws(StorageError) in
                flushed.withLock { $0.append(batch) }
                if batch == [1] {  // hold the first flush until the test has queued more
                    start.yield()
                    for await _ in released { break }
                }
            }
        }
        flusher.submit([1])
        for await _ in started { break }
        flusher.submit([2, 3])
        flusher.submit([4])
        flusher.finish()
        release.yield()
        let failure = await running.value
        #expect(failure == nil)
        #expect(flushed.withLock { $0 } == [[1], [2, 3, 4]])
    }

    @Test("the first failed flush ends the flusher with its error; nothing after it is flushed")
    func stopsAtFirstError() async {
        let flusher = ProgressFlusher()
        let flushed = Lock<[[Int]]>([])
        flusher.submit([7])
        flusher.submit([8])
        flusher.finish()
        let failure = await flusher.run { batch throws(StorageError) in
            flushed.withLock { $0.append(batch) }
            throw .diskFull("movie.mp4.part")
        }
        #expect(failure == .diskFull("movie.mp4.part"))
        #expect(flushed.withLock { $0 } == [[7, 8]])
    }
}
