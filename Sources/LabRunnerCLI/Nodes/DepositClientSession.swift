import DepositKit
import Foundation
import LabKit

/// A deposit client at a prompt: typed lines (or `--do` commands) become requests to the cluster, and each
/// request's end — **ok**, **failed** or **unknown** — is printed as one line. Everything it reacts to arrives on
/// one stream and is handled by one loop, so its state needs no locks.
struct DepositClientSession: Sendable {
    enum Input: Sendable {
        case typed(String)
        case inputEnded
        case event(DepositEvent)
        case log(String)
        case helloTimeout
        case stopped(String?)
        case quit
    }

    let config: DepositClientConfig
    let options: NodeOptions
    /// Commands to run before (or instead of) the prompt.
    let script: [DepositPromptCommand]
    /// Keep the prompt open once the script is done.
    let stay: Bool
    /// The folder its recoveries are pulled into, held while it runs.
    let folder: DepositClientFolder
    let context: CommandContext

    func run() async -> Int32 {
        let console = context.console
        let (inputs, feed) = AsyncStream<Input>.makeStream()
        let trace = TraceRecorder(options), verbose = options.verbose
        var configuration = options.configuration(for: DepositClient.self, transport: .tcp)
        configuration.bulkLane = DepositLane(servers: Set(config.servers), clusterKeyed: false)
        let shell = NodeShell(DepositClient(config: config), configuration: configuration) { event in
            switch event {
            case let .output(output): feed.yield(.event(output))
            case let .log(line): feed.yield(.log(line))
            case let .trace(event): trace.record(event)
            }
        }
        do { try await shell.start() } catch {
            console.err("error: deposit client could not start: \(error)")
            return 1
        }
        let running = Task {
            do { try await shell.run(); feed.yield(.stopped(nil)) } catch { feed.yield(.stopped("\(error)")) }
        }
        console.out("deposit client '\(options.id)': servers \(config.servers.map(\.name).joined(separator: ", "))"
                    + (config.id.map { "; reconnecting as \($0)" } ?? "; asking for a new client id"))
        let patience = config.deadline + .seconds(1)
        let helloWatch = Task {
            try? await Task.sleep(for: patience)
            feed.yield(.helloTimeout)
        }
        let interrupt = InterruptWatch { feed.yield(.quit) }
        var session = Session(options: options, context: context, shell: shell, scripted: !script.isEmpty, stay: stay, verbose: verbose)
        for command in script { await session.submit(command) }
        StandardInput.lines({ feed.yield(.typed($0)) }, end: { feed.yield(.inputEnded) })
        for await input in inputs {
            if await session.handle(input) == false { break }
        }
        helloWatch.cancel()
        interrupt.cancel()
        await shell.stop()
        await running.value
        let unfinished = folder.holdsUnfinishedRecovery
        if let kept = folder.release(welcomed: session.welcomed), unfinished {
            let again = (session.welcomed.map { ["--id \($0)"] } ?? []) + (folder.owned ? [] : ["--store \(kept)"])
            console.out(context.style.yellow("an unfinished recovery is kept in \(kept): recover the file again"
                                             + (again.isEmpty ? "" : " (with \(again.joined(separator: " ")))") + " to resume it"))
        }
        let traced = trace.write(title: "deposit client '\(options.id)'", console: console)
        console.out("deposit client '\(options.id)' stopped")
        return traced ? session.status : 1
    }

    /// The client's state and reactions, owned by the loop in ``run()``.
    struct Session {
        let options: NodeOptions
        let context: CommandContext
        let shell: NodeShell<DepositClient>
        /// Whether commands came with `--do`: then the client stops once they are done (unless `stay`).
        let scripted: Bool
        let stay: Bool
        let verbose: Bool
        var status: Int32 = 0
        var welcomed: ClientID?
        /// Requests handed to the client and not finished yet.
        var pending = 0
        /// Where each recovery still pending puts its file, in the order they were asked (the client runs its
        /// requests one at a time, in order).
        var destinations: [String] = []
        /// When each pending request was handed to the client, in order: its line says how long it took.
        var handedOver: [ContinuousClock.Instant] = []
        var inputEnded = false

        /// Reacts to one input; `false` ends the client.
        mutating func handle(_ input: Input) async -> Bool {
            let console = context.console, style = context.style
            switch input {
            case let .typed(line):
                guard let parsed = DepositPromptCommand.parse(line) else { return true }
                switch parsed {
                case let .failure(mistake): console.out(style.yellow(mistake.description))
                case let .success(command): return await submit(command)
                }
            case .inputEnded:
                // Piped commands (or Ctrl-D): finish what was asked, then stop; a demo's child whose parent is gone stops now.
                inputEnded = true
                if context.environment["LABRUNNER_PARENT_PIPE"] != nil { return false }
                return !isDone
            case let .event(.welcome(id)):
                welcomed = id
                console.out("client id \(id) (reconnect with --id \(id))")
                if !scripted && isatty(STDIN_FILENO) == 1 { console.out(DepositPromptCommand.usage) }
            case .event(.unknownID):
                console.err("error: no server knows the client id \(options.peers.isEmpty ? "" : "given with --id"): ask for a new one by leaving --id out")
                status = 1
                return false
            case let .event(.finished(request, command, outcome)):
                pending -= 1
                finished(request, command, outcome)
                return !isDone
            case let .event(.resuming(_, name, offset, size)):
                console.out("recover \(name.escapingControlCharacters): resuming at \(Self.size(offset)) of \(Self.size(size))")
            case let .log(line):
                if verbose { console.out(style.dim("· \(line)")) }
            case .helloTimeout:
                guard welcomed == nil else { return true }
                console.err("error: no server answered (\(options.peers.values.map(\.description).sorted().joined(separator: ", "))): are they running?")
                status = 1
                return false
            case let .stopped(reason):
                if let reason {
                    console.err("error: \(reason)")
                    status = 1
                }
                return false
            case .quit:
                if pending > 0 { console.out(style.yellow("stopping with \(pending) request(s) unanswered: their outcome is unknown (asking again is safe)")) }
                return false
            }
            return true
        }

        /// Whether there is nothing left to do: the script or the piped input is done and every request answered.
        private var isDone: Bool { pending == 0 && ((scripted && !stay) || inputEnded) }

        /// Hands `command` to the client (the local ones are answered here); `false` ends the client.
        @discardableResult
        mutating func submit(_ command: DepositPromptCommand) async -> Bool {
            let console = context.console
            switch command {
            case let .deposit(path, name, replicas):
                let file: LocalFile
                do { file = try LocalFile.open(path) } catch {
                    console.out(context.style.yellow("cannot deposit \(path): \(error)"))
                    if scripted { status = 1 }
                    return true
                }
                await send(.deposit(name: name, file: .local(file), replicas: replicas))
            case let .recover(name, folder):
                destinations.append(folder)
                await send(.recover(name: name))
            case .list: await send(.list)
            case let .replicas(name, replicas): await send(.replicas(name: name, replicas: replicas))
            case .id: console.out(welcomed.map { "client id \($0)" } ?? "no client id yet: waiting for a server")
            case .help: console.out(DepositPromptCommand.usage)
            case .quit: return await handle(.quit)
            }
            return true
        }

        private mutating func send(_ command: DepositCommand) async {
            pending += 1
            handedOver.append(.now)
            await shell.command(command)
        }

        /// Prints how request `request` ended, and puts a recovered file in place.
        private mutating func finished(_ request: UInt64, _ command: DepositCommand, _ outcome: DepositOutcome) {
            let console = context.console, style = context.style
            if case let .deposit(_, .local(file), _) = command { file.close() }
            let took = handedOver.isEmpty ? Duration.zero : ContinuousClock.now - handedOver.removeFirst()
            let head = "#\(request) \(Self.describe(command)) in " + String(format: "%.2f s", Double(took.nanoseconds) / 1e9)
            switch outcome {
            case .ok:
                console.out("\(head): " + style.green("ok"))
            case let .listed(files):
                console.out("\(head): \(files.count) file(s)")
                for file in files.sorted(by: { $0.record.name < $1.record.name }) {
                    let record = file.record
                    console.out("  \(record.name.escapingControlCharacters)  \(Self.size(record.size))  sha256 \(record.sha256.hex.prefix(12))…  "
                                + "k=\(record.replicas)  copies=\(file.copies)  v\(record.version)")
                }
            case let .recovered(record):
                let folder = destinations.isEmpty ? "." : destinations.removeFirst()
                do {
                    let path = try place(record, in: folder)
                    console.out("\(head): " + style.green("ok") + " → \(path) (\(Self.size(record.size)), sha256 \(record.sha256.hex.prefix(12))… verified)")
                } catch {
                    console.out("\(head): " + style.red("failed") + " — verified, but not put in \(folder): \(error)")
                    status = 1
                }
            case let .failed(reason):
                if case .recover = command, !destinations.isEmpty { destinations.removeFirst() }
                console.out("\(head): " + style.red("failed") + " — \(reason)")
                if scripted { status = 1 }
            case .unknown:
                if case .recover = command, !destinations.isEmpty { destinations.removeFirst() }
                console.out("\(head): " + style.yellow("unknown") + " — no answer in time; asking again is safe")
                if scripted { status = 1 }
            }
        }

        /// Moves the verified blob of `record` from the client's store to `folder/NAME` (replacing a file
        /// there in one step); across file systems it is copied beside its destination first.
        private func place(_ record: FileRecord, in folder: String) throws -> String {
            let blob = "\(options.storageFolder ?? ".")/blobs/\(record.blobName)", destination = "\(folder)/\(record.name)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            do throws(StorageError) { try AtomicFile.move(blob, to: destination) } catch {
                let part = "\(folder)/.\(record.name).part"
                AtomicFile.remove(part)
                try FileManager.default.copyItem(atPath: blob, toPath: part)
                let copy = try RandomAccessFile.open(part, mode: .readWrite)
                defer { copy.close() }
                try copy.synchronize()
                try AtomicFile.move(part, to: destination)
                AtomicFile.remove(blob)
            }
            return destination
        }

        /// `deposit notes.txt (12.0 KiB, k=2)`, `recover notes.txt`, `list`.
        private static func describe(_ command: DepositCommand) -> String {
            switch command {
            case let .deposit(name, file, replicas): "deposit \(name.escapingControlCharacters) (\(size(file.size)), k=\(replicas))"
            default: command.description
            }
        }

        /// `512 B`, `12.0 KiB`, `3.5 MiB`, `1.0 GiB`.
        static func size(_ bytes: UInt64) -> String {
            let units: [(String, Double)] = [("GiB", 0x1p30), ("MiB", 0x1p20), ("KiB", 0x1p10)]
            guard let (unit, scale) = units.first(where: { Double(bytes) >= $0.1 }) else { return "\(bytes) B" }
            return String(format: "%.1f %@", Double(bytes) / scale, unit)
        }
    }
}
