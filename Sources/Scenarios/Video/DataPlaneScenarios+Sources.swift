import VideoKit

/// Exercises 6.1, 6.2 and 7.1: several sources, one of them dying or lying.
extension DataPlaneScenarios {
    static func downloadsFromThreeSources(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await downloadFromThree(roles, file: SeededFile(name: "movie.mp4", size: 48 << 20 + 777, seed: seed), scenario: "video.6.1-multi-source")
    }

    static func downloadsGiantFile(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await downloadFromThree(roles, file: SeededFile(name: "giant.mkv", size: 256 << 20 + 12_345, seed: seed), scenario: "video.6.1-giant")
    }

    /// Downloads `file` from three grader peers and checks every peer served and nothing came twice.
    private static func downloadFromThree(_ roles: DataPlaneRoles, file: SeededFile, scenario: String) async throws {
        try await ScenarioFolder.with(scenario) { folder in
            let library = try library([file], in: folder, chunkSize: 1 << 20)
            let manifest = library[file.name]!.manifest
            try await RunningService.withSeeders(3, serving: roles.responder, library: library) { seeders in
                let downloads = folder.file("downloads")
                let report = try await completedDownload(roles, file: file.name, expected: ListedContent(of: manifest), from: seeders.map(\.contact), into: downloads)
                try expectIdentical(file, at: "\(downloads)/\(file.name)")
                try expectOnlyFinalFile(folder, "downloads", name: file.name)
                let served = seeders.map { $0.chunksSent() }
                let least = max(1, manifest.chunkCount / 16)
                try expect(served.allSatisfy { $0 >= least }, "each of the 3 peers to serve at least \(least) of the \(manifest.chunkCount) chunks",
                           observed: "chunks served: \(served)")
                try expect(report.bytesReceived == UInt64(file.size) && served.reduce(0, +) == manifest.chunkCount,
                           "every chunk fetched once: \(file.size) bytes, \(manifest.chunkCount) chunks",
                           observed: "\(report.bytesReceived) bytes received, \(served.reduce(0, +)) chunks served")
            }
        }
    }

    static func survivesSourceDeath(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.6.2-failover") { folder in
            let file = SeededFile(name: "movie.mp4", size: 48 << 20 + 777, seed: seed)
            let library = try library([file], in: folder, chunkSize: 1 << 20)
            let manifest = library[file.name]!.manifest
            try await RunningService.withSeeders(3, serving: roles.responder, library: library) { seeders in
                let downloads = folder.file("downloads")
                let victim = seeders[0]
                let report = try await completedDownload(roles, file: file.name, expected: ListedContent(of: manifest), from: seeders.map(\.contact),
                                                         into: downloads) { progress in
                    if progress.fraction >= 0.3 { victim.stop() }
                }
                try expectIdentical(file, at: "\(downloads)/\(file.name)")
                try expectOnlyFinalFile(folder, "downloads", name: file.name)
                try expect(report.failed[victim.contact.peer] != nil, "the report to list \(victim.contact.peer), killed at 30 %, as failed",
                           observed: "failed: \(report.failed)")
                let allowed = UInt64(file.size) + 2 * UInt64(manifest.chunkSize)
                try expect(report.bytesReceived <= allowed, "at most \(allowed) bytes received (the file + 2 chunks cut off by the kill)",
                           observed: "\(report.bytesReceived)")
            }
        }
    }

    static func bansLiar(_ roles: DataPlaneRoles, seed: UInt64) async throws {
        try await ScenarioFolder.with("video.7.1-corrupt-peer") { folder in
            let file = SeededFile(name: "movie.mp4", size: 32 << 20 + 777, seed: seed)
            let library = try library([file], in: folder, chunkSize: 1 << 20)
            let entry = library[file.name]!
            let liar = try LyingChunkServer(manifest: entry.manifest, path: entry.path)
            let liarTask = Task { await liar.run() }
            defer { liar.stop() }
            try await RunningService.withSeeders(2, serving: roles.responder, library: library) { seeders in
                let downloads = folder.file("downloads")
                let sources = [seeders[0].contact, liar.contact("liar"), seeders[1].contact]
                let outcome: Result<DownloadReport, any Error>
                do {
                    outcome = .success(try await completedDownload(roles.withWatchedBans, file: file.name, expected: ListedContent(of: entry.manifest), from: sources, into: downloads))
                } catch {
                    outcome = .failure(error)
                }
                liar.stop()
                await liarTask.value
                let counts = liar.snapshot
                let report = try outcome.get()
                try expectIdentical(file, at: "\(downloads)/\(file.name)")
                try expect(counts.lies >= 1, "the lying peer to have sent at least one corrupt chunk", observed: "\(counts.chunksServed) chunks served, no lie")
                try expect(report.banned == ["liar"], "the report to list the liar as banned", observed: "banned: \(report.banned)")
            }
        }
    }
}
