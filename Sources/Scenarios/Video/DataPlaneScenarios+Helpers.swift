import VideoKit

/// What the data-plane scenarios share: files, servers, downloads, and their checks.
extension DataPlaneScenarios {
    /// Downloads in the scenarios: two requests in flight per source, every wait bounded, frequent flushes.
    static let options = DownloadOptions(pipelineDepth: 2, connectTimeout: .seconds(5), readTimeout: .seconds(10), flushEvery: 8)

    /// Writes `files` into `folder` and returns the grader's library of them, with manifests in `chunkSize` chunks.
    static func library(_ files: [SeededFile], in folder: ScenarioFolder, chunkSize: UInt32) throws -> [String: LibraryEntry] {
        var library: [String: LibraryEntry] = [:]
        for file in files {
            library[file.name] = LibraryEntry(manifest: file.manifest(chunkSize: chunkSize), path: try file.write(in: folder.path))
        }
        return library
    }

    /// Runs `body` with one chunk service answering with `responder`, shut down afterwards.
    static func withResponder<T: Sendable>(_ responder: any ChunkResponding.Type, library: [String: LibraryEntry],
                                           _ body: (PeerContact) async throws -> T) async throws -> T {
        let service = try RunningService.start(responder, library: library, peer: "peer")
        do {
            let value = try await body(service.contact)
            await service.shutdown()
            return value
        } catch {
            await service.shutdown()
            throw error
        }
    }

    /// Runs the download engine with `roles`; an unfinished exercise comes out as the `NotImplemented` it is.
    static func download(_ roles: DataPlaneRoles, file: String, expected: ListedContent?, from sources: [PeerContact], into downloads: String,
                         progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> DownloadReport {
        try await download(roles.plan, roles.hashing, roles.finisher, file: file, expected: expected, from: sources, into: downloads, progress: progress)
    }

    private static func download<Plan: DownloadPlanning, Hashing: ChunkHashing, Finisher: DownloadFinishing>(
        _: Plan.Type, _: Hashing.Type, _: Finisher.Type, file: String, expected: ListedContent?, from sources: [PeerContact], into downloads: String,
        progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async throws -> DownloadReport {
        let engine = DownloadEngine<Plan, Hashing, Finisher>(name: file, expected: expected, sources: sources, downloads: downloads, options: options)
        do {
            return try await engine.run(progress: progress)
        } catch {
            if case let .notImplemented(missing) = error { throw missing }
            throw error
        }
    }

    /// Like `download`, but a download that does not complete fails the scenario, saying why.
    static func completedDownload(_ roles: DataPlaneRoles, file: String, expected: ListedContent?, from sources: [PeerContact], into downloads: String,
                                  progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> DownloadReport {
        do {
            return try await download(roles, file: file, expected: expected, from: sources, into: downloads, progress: progress)
        } catch let error as DownloadError {
            throw ScenarioFailure(.wrong(expected: "the download of \(file) to complete", observed: error.description))
        }
    }

    /// Fails unless the file at `path` is exactly `file`.
    static func expectIdentical(_ file: SeededFile, at path: String) throws {
        let difference: String?
        do {
            difference = try file.firstDifference(withFileAt: path)
        } catch {
            throw ScenarioFailure(.wrong(expected: "the downloaded file at \(path)", observed: "\(error)"))
        }
        try expect(difference == nil, "\(path) identical to the original (\(file.size) bytes)", observed: difference ?? "")
    }

    /// Fails unless the downloads folder holds exactly the final file.
    static func expectOnlyFinalFile(_ folder: ScenarioFolder, _ downloads: String, name: String) throws {
        let left = folder.listing(downloads)
        try expect(left == [name], "only \(name) in the downloads folder: no .part nor .part.progress left", observed: "\(left)")
    }
}
