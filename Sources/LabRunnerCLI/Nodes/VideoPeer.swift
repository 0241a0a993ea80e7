import Catalog
import Foundation
import LabKit
import VideoKit

/// A running video peer. Everything it reacts to — typed commands, tracker events, download progress and
/// results — arrives as an ``Input`` on one stream and is handled by one loop, so its state needs no locks.
struct VideoPeer<V: VideoImplementation>: Sendable {
    enum Input: Sendable {
        case typed(String)
        case inputEnded
        case event(PeerEvent)
        case log(String)
        case retrySearch(String)
        case progress(DownloadProgress)
        case finished(String, Result<(DownloadReport, String), DownloadError>)
        case agentStopped(String?)
        case quit
    }

    let settings: VideoPeerSettings
    let context: CommandContext

    func run() async -> Int32 {
        let console = context.console, style = context.style, id = settings.options.id
        var library: [String: LibraryEntry] = [:]
        if let share = settings.share {
            console.out("indexing \(share) (hashing new files; cached manifests are reused)…")
            do { library = try await SharedLibrary<V.Hashing>(folder: share).scan() } catch {
                console.err("error: cannot share \(share): \(error)")
                return 1
            }
        }
        let service: ChunkService<V.Responder>
        do {
            service = try ChunkService(library: library, listen: settings.options.listen) { console.out(style.dim("· \($0)")) }
        } catch {
            console.err("error: video peer '\(id)' could not listen on \(settings.options.listen): \(error)")
            return 1
        }
        let serving = Task { await service.run() }
        let (inputs, feed) = AsyncStream<Input>.makeStream()
        let shared = library.values.map(\.manifest.sharedFile).sorted { $0.name < $1.name }
        let files = Array(shared.prefix(TrackerLimits.filesPerPeer))
        if files.count < shared.count {
            console.out(style.yellow("announcing the first \(files.count) of \(shared.count) files (by name): a tracker registers at most \(TrackerLimits.filesPerPeer) per peer; all are served"))
        }
        let trace = TraceRecorder(settings.options)
        let agent = NodeShell(V.Agent(config: PeerAgentConfig(tracker: settings.trackerID, address: "\(service.localAddress!)", files: files)),
                              configuration: .init(id: id, listen: (try? SocketAddress(host: service.localAddress!.host, port: 0)) ?? settings.options.listen,
                                                   transport: .tcp, peers: [settings.trackerID: settings.tracker], seed: settings.options.seed,
                                                   traces: settings.options.tracePath != nil)) { event in
            switch event {
            case let .output(event): feed.yield(.event(event))
            case let .log(line): feed.yield(.log(line))
            case let .trace(event): trace.record(event)
            }
        }
        do { try await agent.start() } catch {
            console.err("error: video peer '\(id)' could not start its tracker agent: \(error)")
            service.stop()
            return 1
        }
        let agentRun = Task {
            do { try await agent.run(); feed.yield(.agentStopped(nil)) } catch { feed.yield(.agentStopped("\(error)")) }
        }
        console.out("video peer '\(id)' serving \(files.count) file(s) on tcp \(service.localAddress!); tracker at \(settings.tracker)")
        if settings.script == nil && isatty(STDIN_FILENO) == 1 { console.out(PeerPromptCommand.usage) }
        StandardInput.lines({ feed.yield(.typed($0)) }, end: { feed.yield(.inputEnded) })
        let interrupt = InterruptWatch { feed.yield(.quit) }

        var session = Session(settings: settings, context: context, agent: agent, service: service, feed: feed)
        for await input in inputs {
            if await session.handle(input) == false { break }
        }
        interrupt.cancel()
        await agent.command(.leave)
        for task in session.downloads.values { task.cancel() }
        for task in session.downloads.values { await task.value }
        await agent.stop()
        service.stop()
        await agentRun.value
        await serving.value
        let traced = trace.write(title: "video peer '\(id)'", console: console)
        console.out("video peer '\(id)' stopped")
        return traced ? session.status : 1
    }

    /// The peer's state and reactions, owned by the loop in ``run()``.
    struct Session {
        let settings: VideoPeerSettings
        let context: CommandContext
        let agent: NodeShell<V.Agent>
        let service: ChunkService<V.Responder>
        let feed: AsyncStream<Input>.Continuation
        var status: Int32 = 0
        var joinedOnce = false
        var waitingForSources: [String: Int] = [:]
        var downloads: [String: Task<Void, Never>] = [:]
        /// Per name, the content being downloaded, and the contents whose every holder failed us: a name can be
        /// listed under several contents (fake holders among them), and the next try takes another one.
        var downloading: [String: (contentID: ContentID, others: Bool)] = [:]
        var exhausted: [String: Set<ContentID>] = [:]
        var progressShown: [String: (step: Int, at: ContinuousClock.Instant)] = [:]
        var bars: [String: ProgressBar] = [:]

        /// Reacts to one input; `false` ends the peer.
        mutating func handle(_ input: Input) async -> Bool {
            let console = context.console, style = context.style
            switch input {
            case let .typed(line):
                guard let parsed = PeerPromptCommand.parse(line) else { return true }
                switch parsed {
                case let .failure(mistake): console.out(style.yellow(mistake.description))
                case let .success(command): return await perform(command)
                }
            case .inputEnded:
                // A demo's child loses its parent, or a person pressed Ctrl-D; a scripted seeder keeps serving.
                if context.environment["LABRUNNER_PARENT_PIPE"] != nil || (isatty(STDIN_FILENO) == 1) { return false }
            case let .event(.joined(ttl)):
                console.out("joined the tracker (it forgets a peer silent for \(ttl))")
                if !joinedOnce {
                    joinedOnce = true
                    switch settings.script {
                    case let .search(text): await agent.command(.search(text))
                    case let .download(name): return await perform(.download(name))
                    case nil: break
                    }
                }
            case let .event(.results(query, hits, more)):
                if waitingForSources[query] != nil { await choose(query, among: hits) } else {
                    console.out(PeerEvent.results(query: query, hits: hits, more: more).description)
                    if case .search = settings.script, !settings.stay { return false }
                }
            case let .log(line):
                console.out(style.dim("· \(line)"))
            case let .retrySearch(name):
                await agent.command(.search(name))
            case let .progress(progress):
                show(progress)
            case let .finished(name, result):
                downloads[name] = nil
                bars[name]?.finish()
                bars[name] = nil
                switch result {
                case let .success((report, digest)):
                    report.describe(into: console, style: style, sha256: digest)
                    service.share(LibraryEntry(manifest: report.manifest, path: report.path))
                    if service.library.count <= TrackerLimits.filesPerPeer {
                        await agent.command(.announce(report.manifest.sharedFile))
                    } else {
                        console.out(style.yellow("serving \(name) without announcing it: a tracker registers at most \(TrackerLimits.filesPerPeer) files per peer"))
                    }
                case let .failure(error):
                    console.err("error: download of \(name) failed: \(error)")
                    if error.holdersFailed, let tried = downloading[name], tried.others {
                        exhausted[name, default: []].insert(tried.contentID)
                        downloading[name] = nil
                        console.out("trying another content listed under \(name)…")
                        waitingForSources[name] = 0
                        await agent.command(.search(name))
                        return true
                    }
                    status = 1
                }
                downloading[name] = nil
                if case .download(name) = settings.script, !settings.stay { return false }
            case let .agentStopped(reason):
                if let reason {
                    console.err("error: the tracker agent stopped: \(reason)")
                    status = 1
                }
                return false
            case .quit:
                return false
            }
            return true
        }

        private mutating func perform(_ command: PeerPromptCommand) async -> Bool {
            let console = context.console
            switch command {
            case let .search(text):
                await agent.command(.search(text))
            case let .download(name):
                guard downloads[name] == nil, waitingForSources[name] == nil else {
                    console.out("\(name) is already being downloaded")
                    return true
                }
                waitingForSources[name] = 0
                await agent.command(.search(name))
            case .list:
                let shared = service.library.values.sorted { $0.manifest.name < $1.manifest.name }
                console.out(shared.isEmpty ? "sharing nothing" : "sharing \(shared.count) file(s):")
                for entry in shared { console.out("  \(entry.manifest.sharedFile)") }
                for name in downloads.keys.sorted() { console.out("  downloading \(name)") }
            case .help:
                console.out(PeerPromptCommand.usage)
            case .quit:
                return false
            }
            return true
        }

        /// Starts downloading `name` from the holders in `hits`, or asks again in a second if too few hold it.
        private mutating func choose(_ name: String, among hits: [SearchHit]) async {
            let me = settings.options.id
            let candidates = hits.filter { $0.file.name == name && !exhausted[name, default: []].contains($0.file.contentID) }
            let best = candidates
                .max { $0.holders.filter { $0.peer != me }.count < $1.holders.filter { $0.peer != me }.count }
            let sources = best?.holders.filter { $0.peer != me } ?? []
            guard let file = best?.file, sources.count >= settings.minimumSources else {
                if waitingForSources[name] == 0 {
                    context.console.out("waiting for \(settings.minimumSources) peer(s) sharing \(name) (found \(sources.count))…")
                }
                waitingForSources[name, default: 0] += 1
                let feed = self.feed
                Task {
                    try? await Task.sleep(for: .seconds(1))
                    feed.yield(.retrySearch(name))
                }
                return
            }
            waitingForSources[name] = nil
            downloading[name] = (file.contentID, candidates.count > 1)
            context.console.out("downloading \(name) (\(file.size) bytes) from \(sources.map(\.peer.name).joined(separator: ", "))")
            if context.console.isTerminal { bars[name] = ProgressBar(label: name) }
            let engine = DownloadEngine<V.Plan, V.Hashing, V.Finisher>(name: name, expected: file.listedContent, sources: sources, downloads: settings.downloads)
            let feed = self.feed
            downloads[name] = Task {
                do throws(DownloadError) {
                    let report = try await engine.run { feed.yield(.progress($0)) }
                    let digest = (try? SHA256.hash(fileAt: report.path).hex) ?? "?"
                    feed.yield(.finished(name, .success((report, digest))))
                } catch {
                    feed.yield(.finished(name, .failure(error)))
                }
            }
        }

        /// A live bar on a terminal; for a demo's child, a plain line at every 10 %; otherwise nothing.
        private mutating func show(_ progress: DownloadProgress) {
            if let bar = bars[progress.name] {
                bar.update(progress)
            } else if context.environment["LABRUNNER_PARENT_PIPE"] != nil {
                let step = Int(progress.fraction * 10)
                guard step > progressShown[progress.name]?.step ?? -1 else { return }
                progressShown[progress.name] = (step, .now)
                context.console.out("progress \(progress.name) \(step * 10)%")
            }
        }
    }
}

extension DownloadError {
    /// Whether every holder of the content failed or lied (another content of the same name may do better).
    var holdersFailed: Bool {
        switch self {
        case .manifestUnavailable, .contentMismatch, .sourcesExhausted: true
        default: false
        }
    }
}

extension DownloadReport {
    /// Prints what the download did: size, speed, who sent what, who failed or lied, and the file's hash.
    func describe(into console: Console, style: Style, sha256: String) {
        let mib = Double(manifest.size) / 1_048_576
        let seconds = Double(duration.nanoseconds) / 1e9
        console.out(style.green("downloaded \(manifest.name)") + String(format: " — %.1f MiB in %.1f s (%.0f MB/s)", mib, seconds, bytesPerSecond / 1e6))
        let sources = chunksBySource.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) chunks" }
        let kept = reusedChunks > 0 ? "\(reusedChunks) chunks kept from an earlier run" : nil
        console.out("  " + ((sources.isEmpty ? [] : ["from " + sources.joined(separator: ", ")]) + [kept].compactMap { $0 }).joined(separator: "; "))
        for (source, reason) in failed.sorted(by: { $0.key < $1.key }) { console.out(style.yellow("  \(source) failed: \(reason)")) }
        for source in banned { console.out(style.red("  \(source) sent corrupt data and was banned")) }
        console.out("  saved to \(path)")
        console.out("  sha256 \(sha256)")
    }
}
