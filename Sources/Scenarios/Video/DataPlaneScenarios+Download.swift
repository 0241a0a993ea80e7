#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VideoKit
import Synchronization

/// Exercises 5.1 and 5.2: one source, resuming, finishing.
extension DataPlaneScenarios {
    static func resumes(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        let file = SeededFile(name: "movie.mp4", size: 24 << 20 + 4321, seed: seed)
        let manifest = file.manifest(chunkSize: 1 << 20)
        try await ScenarioFolder.with("video.5.1-resume") { folder in
            let library = [file.name: LibraryEntry(manifest: manifest, path: try file.write(in: folder.path))]
            try await RunningService.withSeeders(1, serving: roles.responder, library: library) { seeders in
                let downloads = folder.file("downloads")
                let sources = seeders.map(\.contact)
                let stoppedAt = Lock<UInt64?>(nil)
                let canceller = Canceller()
                let first = Task {
                    try await download(roles, file: file.name, expected: ListedContent(of: manifest), from: sources, into: downloads) { progress in
                        guard progress.fraction >= 0.4 else { return }
                        stoppedAt.withLock { if $0 == nil { $0 = progress.bytesVerified } }
                        canceller.cancel()
                    }
                }
                canceller.set(first)
                switch await first.result {
                case .success:
                    throw ScenarioFailure(.wrong(expected: "the first run to stop when the grader cancels it at 40 %", observed: "it completed"))
                case let .failure(missing as NotImplemented):
                    throw missing
                case let .failure(error):
                    guard case .cancelled? = error as? DownloadError else {
                        throw ScenarioFailure(.wrong(expected: "the first run to stop when cancelled at 40 %", observed: "\(error)"))
                    }
                }
                try expect(!folder.listing("downloads").contains(file.name), "nothing under the final name after the stopped run",
                           observed: "\(folder.listing("downloads"))")
                let before = stoppedAt.withLock { $0 } ?? 0
                let report = try await completedDownload(roles, file: file.name, expected: ListedContent(of: manifest), from: sources, into: downloads)
                let remaining = UInt64(file.size) - before
                let allowed = remaining + 2 * UInt64(manifest.chunkSize)
                try expect(report.bytesReceived <= allowed,
                           "the second run to fetch only what was missing: at most \(remaining) bytes + 2 chunks = \(allowed)",
                           observed: "\(report.bytesReceived) bytes received, \(report.reusedChunks) chunks reused")
                try expectIdentical(file, at: "\(downloads)/\(file.name)")
                try expectOnlyFinalFile(folder, "downloads", name: file.name)
            }
        }
        for verified in [Set<Int>(), [0, 2, 5, 24], Set(0..<manifest.chunkCount)] {
            let remaining = try roles.plan.init(manifest: manifest, verified: verified).remaining
            try expect(remaining == manifest.chunkCount - verified.count,
                       "a plan for \(manifest.chunkCount) chunks with \(verified.count) verified to have \(manifest.chunkCount - verified.count) remaining",
                       observed: "remaining = \(remaining)")
        }
    }

    static func downloadsFromOneSource(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.5.2-single-source") { folder in
            let file = SeededFile(name: "movie.mp4", size: 24 << 20 + 777, seed: seed)
            let library = try library([file], in: folder, chunkSize: 1 << 20)
            let manifest = library[file.name]!.manifest
            try await RunningService.withSeeders(1, serving: roles.responder, library: library) { seeders in
                let downloads = folder.file("downloads")
                let report = try await completedDownload(roles.withGraderPlan, file: file.name, expected: ListedContent(of: manifest),
                                                         from: seeders.map(\.contact), into: downloads)
                try expectIdentical(file, at: "\(downloads)/\(file.name)")
                try expectOnlyFinalFile(folder, "downloads", name: file.name)
                try expect(report.path == "\(downloads)/\(file.name)", "the report to name the final file", observed: report.path)
                try expect(report.bytesReceived == UInt64(file.size), "exactly \(file.size) bytes received", observed: "\(report.bytesReceived)")
            }
        }
    }

    static func finishesSafely(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.5.2-finish-safely") { folder in
            let file = SeededFile(name: "movie.mp4", size: 4 << 20 + 99, seed: seed)
            let manifest = file.manifest(chunkSize: 1 << 20)
            let part = try SeededFile(name: "movie.mp4.part", size: file.size, seed: seed).write(in: folder.path)
            let corrupt = try RandomAccessFile.open(part, mode: .readWrite)
            try corrupt.write(at: 2 << 20 + 4242, [0xA5])
            corrupt.close()
            let destination = folder.file(file.name)
            let finisher = roles.finisher
            let refused = try await BlockingWork.abandonable { () -> String? in
                do {
                    try finisher.finish(partFile: part, manifest: manifest, destination: destination)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            if let refused, let missing = NotImplemented(describedBy: refused) { throw missing }
            try expect(refused != nil, "finish to refuse a .part whose chunk 2 has one wrong byte", observed: "it returned normally")
            try expect(!folder.listing().contains(file.name), "nothing under the final name after the refusal", observed: "\(folder.listing())")

            try file.write(in: folder.path)
            try AtomicFile.move(folder.file(file.name), to: part)
            let failure = try await BlockingWork.abandonable { () -> String? in
                do {
                    try finisher.finish(partFile: part, manifest: manifest, destination: destination)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            try expect(failure == nil, "finish to accept an intact .part", observed: failure ?? "")
            try expectIdentical(file, at: destination)
            try expect(folder.listing() == [file.name], "the .part renamed to \(file.name)", observed: "\(folder.listing())")

            try await RunningService.withSeeders(1, serving: roles.responder, library: [file.name: LibraryEntry(manifest: manifest, path: destination)]) { seeders in
                let (downloads, setting) = try unwritableFolder(in: folder)
                do {
                    let report = try await download(roles, file: file.name, expected: ListedContent(of: manifest), from: seeders.map(\.contact), into: downloads)
                    throw ScenarioFailure(.wrong(expected: "a download into \(setting) to fail", observed: "it completed at \(report.path)"))
                } catch let error as DownloadError {
                    guard case .storage = error else {
                        throw ScenarioFailure(.wrong(expected: "a download into \(setting) to fail with a storage error", observed: error.description))
                    }
                    try expect(error.description.contains(folder.path), "the error to name the folder it cannot write", observed: error.description)
                }
                try expect(!ScenarioFolder.exists("\(downloads)/\(file.name)"), "nothing under the final name in \(setting)", observed: "a file is there")
            }
        }
    }

    /// A downloads folder nobody can write to: read-only for a normal user; for root (who may write anywhere),
    /// a path through a regular file. Returns the path and how it is unwritable.
    static func unwritableFolder(in folder: ScenarioFolder) throws -> (String, String) {
        if geteuid() != 0 {
            let locked = folder.file("locked")
            try AtomicFile.makeFolder(locked)
            chmod(locked, 0o555)
            return (locked, "a read-only downloads folder")
        }
        let blocker = folder.file("blocker")
        try AtomicFile.write([1], to: blocker)
        return ("\(blocker)/downloads", "a downloads folder inside a regular file")
    }
}
