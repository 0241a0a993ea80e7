#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabKit

/// The download's files: the part file, the progress record, the final rename. Each step runs on a thread
/// of its own (`BlockingWork`), because a preallocation, a flush or a whole-file check can take seconds.
extension DownloadRun {
    /// Opens the part file and progress record for `manifest`, resuming what an earlier run verified.
    func openStorage(for manifest: Manifest) async throws(DownloadError) -> (RandomAccessFile, ProgressRecord, Set<Int>) {
        let (downloads, destination, partFile, progressFile) = (downloads, destination, partFile, progressFile)
        return try await BlockingWork.value { () throws(DownloadError) in
            try Self.prepare(downloads: downloads, destination: destination, partFile: partFile, progressFile: progressFile, manifest: manifest)
        }
    }

    /// Creates the downloads folder, refuses an existing final file, opens (or creates) the part file and
    /// its record, and reserves the file's size on disk (so a full disk fails now, not half way). Files this
    /// call created are removed again when it fails; an earlier run's part file is kept.
    private static func prepare(downloads: String, destination: String, partFile: String, progressFile: String,
                                manifest: Manifest) throws(DownloadError) -> (RandomAccessFile, ProgressRecord, Set<Int>) {
        do throws(StorageError) {
            try AtomicFile.makeFolder(downloads)
        } catch {
            throw .storage(error)
        }
        guard !exists(destination) else { throw .destinationExists(destination) }
        let resumable = exists(partFile)
        let part: RandomAccessFile
        do throws(StorageError) {
            part = try RandomAccessFile.open(partFile, mode: .create)
        } catch {
            throw .storage(error)
        }
        do throws(StorageError) {
            if !resumable { AtomicFile.remove(progressFile) }  // a record without its part file lists chunks that are gone
            let (record, verified) = try ProgressRecord.open(progressFile, contentID: manifest.contentID.bytes, chunkCount: manifest.chunkCount)
            do throws(StorageError) {
                try part.preallocate(manifest.size)
            } catch {
                record.close()
                throw error
            }
            return (part, record, verified)
        } catch {
            part.close()
            if !resumable {
                AtomicFile.remove(partFile)
                AtomicFile.remove(progressFile)
            }
            throw .storage(error)
        }
    }

    /// Flushes the part file, then records `batch` as verified: never the other way round, so the record
    /// never lists a chunk that a crash could lose.
    func flush(_ batch: [Int], part: RandomAccessFile, record: ProgressRecord) async throws(StorageError) {
        guard !batch.isEmpty else { return }
        try await BlockingWork.value { () throws(StorageError) in
            try part.synchronize()
            try record.append(batch)
        }
    }

    /// Runs the finisher; removes the progress record once the file is final. A refused part file is removed
    /// with its record (the next run starts clean); a missing exercise keeps both, to finish later. Cancelling
    /// stops waiting for a finisher that never returns.
    func finalize(_ manifest: Manifest) async throws(DownloadError) {
        let (partFile, progressFile, destination) = (partFile, progressFile, destination)
        let failure: DownloadError?
        do {
            failure = try await BlockingWork.abandonable { () -> DownloadError? in
                Self.runFinisher(finish, partFile: partFile, progressFile: progressFile, destination: destination, manifest: manifest)
            }
        } catch {
            throw .cancelled(verified: manifest.chunkCount, total: manifest.chunkCount)
        }
        if let failure { throw failure }
    }

    /// Calls `finish` and cleans up after it: the error to report, or `nil` when the file is final.
    private static func runFinisher(_ finish: (String, Manifest, String) throws -> Void, partFile: String, progressFile: String,
                                    destination: String, manifest: Manifest) -> DownloadError? {
        do {
            try finish(partFile, manifest, destination)
        } catch let missing as NotImplemented {
            return .notImplemented(missing)
        } catch {
            AtomicFile.remove(destination)  // it did not exist before this run: nothing may stay under the final name
            AtomicFile.remove(partFile)
            AtomicFile.remove(progressFile)
            return .finishFailed("\(error)")
        }
        guard exists(destination) else {
            return .implementationError("the finisher returned without a file at \(destination)")
        }
        AtomicFile.remove(partFile)
        AtomicFile.remove(progressFile)
        return nil
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
