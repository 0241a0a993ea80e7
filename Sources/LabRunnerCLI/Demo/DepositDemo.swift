import DepositKit
import Foundation
import LabKit
import Scenarios

/// `labrunner demo deposit`: 4 servers and 2 clients as processes on loopback. alice deposits three files
/// (k = 2 and 3); a server holding one of them is killed (SIGKILL) right after its acknowledgement; alice
/// reconnects by id through another server, lists and recovers every file (SHA-256 checked); repair brings
/// every file back to k, shown as it happens; the server restarts on its folder and reconciles; a replica
/// count is changed; bob, another client, sees none of alice's files.
struct DepositDemo: Sendable {
    let size: Int
    let impl: Implementation
    let keep: Bool
    /// Where the run's trace goes.
    let trace: DemoTrace
    let context: CommandContext

    static let servers = ["s1", "s2", "s3", "s4"]

    func run() async throws -> Int32 {
        let names = Self.servers + ["alice", "bob"]
        let out = DemoConsole(console: context.console, style: context.style, names: names)
        let style = context.style
        let started = ContinuousClock.now
        let elapsed: @Sendable (ContinuousClock.Instant) -> String = { String(format: "%.1f s", Double((ContinuousClock.now - $0).nanoseconds) / 1e9) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labrunner-deposit-demo-\(getpid())").path
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        out.say("deposit: 4 servers and 2 clients as separate processes on loopback, running the \(impl.rawValue)'s code")

        let files = [("notes.txt", 20 << 10, 2), ("photo.jpg", 3 << 20, 3), ("video.mp4", size, 2)]
        var originals: [String: SampleFile] = [:]
        for (index, (name, bytes, _)) in files.enumerated() {
            originals[name] = try SampleFile.generate(at: "\(folder)/alice/\(name)", bytes: bytes, seed: 2026 + UInt64(index))
        }
        out.say("alice's files, in \(folder)/alice: " + files.map { "\($0.0) (\(DepositClientSession.Session.size(UInt64($0.1))))" }.joined(separator: ", "))

        let cluster = try DepositCluster(names: Self.servers, folder: folder, processes: .running(impl), environment: context.environment,
                                         options: trace.arguments) { name, line in
            out.line(from: name, index: names.firstIndex(of: name)!, line)
        }
        func startClient(_ name: String, through servers: [String], id: String? = nil) throws -> DemoClient {
            let (lines, feed) = AsyncStream<String>.makeStream()
            let child = try cluster.client(name, through: servers, id.map { ["--id", $0] } ?? []) { feed.yield($0) }
            return DemoClient(child: child, lines: lines)
        }

        var clients: [DemoClient] = []
        func stopAll() async {
            for client in clients { client.child.send("quit") }
            for client in clients { _ = await client.child.waitForExit() }
            _ = await cluster.stopAll()
        }
        do {
            for name in Self.servers { try cluster.start(name) }
            // Deposits wait until every server hears every other: placement ranks the live servers.
            for name in Self.servers { try await cluster.waitUntilConnected(name) }
            out.say("every server hears the 3 others (heartbeats every 100 ms; silent for 600 ms = dead)")

            // alice deposits through s1 (then s2); a holder of the last file dies right after its ok.
            var alice = try startClient("alice", through: ["s1", "s2"])
            clients.append(alice)
            let id = try await alice.id()
            for (name, _, replicas) in files {
                let (result, _) = try await alice.ask("deposit \(folder)/alice/\(name) --replicas \(replicas)")
                guard result.hasSuffix(": ok") else { return await fail("alice's deposit of \(name) was not ok: \(result)", out, stopAll) }
            }
            let blobs = files.map { (file: $0.0, blob: DepositCluster.blob(owner: id, sha256: originals[$0.0]!.sha256)) }
            let copies = CopyWatch(folder: folder, servers: Self.servers, blobs: blobs,
                                   replicas: Dictionary(uniqueKeysWithValues: files.map { ($0.0, $0.2) })) { out.say($0) }
            guard let victim = Self.servers.first(where: { cluster.holds($0, blobs[2].blob) }) else {
                return await fail("no server holds video.mp4 after its ok", out, stopAll)
            }
            out.say(style.red("killing \(victim) (SIGKILL) right after video.mp4's ok: it holds a copy"))
            let killed = ContinuousClock.now
            await cluster.kill(victim)
            trace.note(.crash, victim)
            copies.set(victim, up: false)
            copies.poll()
            let watching = Task { while !Task.isCancelled { copies.poll(); try? await Task.sleep(for: .milliseconds(100)) } }
            alice.child.send("quit")
            _ = await alice.child.waitForExit()
            clients.removeAll()

            // alice comes back with her id through another server, lists and recovers everything while repair runs.
            let others = Self.servers.filter { $0 != victim && $0 != "s1" } + (victim == "s1" ? [] : ["s1"])
            out.say("alice reconnects with her id \(id) through \(others[0])")
            var back = try startClient("alice", through: others, id: id)
            clients.append(back)
            _ = try await back.id()
            _ = try await back.ask("list")
            var recovered: [String: String] = [:]
            for (name, _, _) in files {
                let (result, _) = try await back.ask("recover \(name) --to \(folder)/recovered")
                guard result.contains(": ok") else { continue }
                let file = try LocalFile.open("\(folder)/recovered/\(name)")
                recovered[name] = file.sha256.hex
                file.close()
            }
            out.say("recovered with \(victim) down: " + files.map { "\($0.0) " + (recovered[$0.0] == originals[$0.0]!.sha256 ? "sha256 matches" : "MISSING or different") }.joined(separator: ", "))
            watching.cancel()

            // Repair: every file back at k on the live servers.
            let repaired = await copies.waitUntilAtK(within: .seconds(60))
            let repairTime = elapsed(killed)
            out.say(repaired ? style.green("every file is back at k, \(repairTime) after the kill") : style.red("not every file came back to k"))

            // The dead server comes back with its old copies and reconciles.
            out.say(style.green("restarting \(victim) on \(cluster.address[victim]!) with its folder (old copies included)"))
            let restarted = ContinuousClock.now
            trace.note(.restart, victim)
            try cluster.start(victim)
            try await cluster.waitUntilListening(victim)
            copies.set(victim, up: true)
            copies.poll()
            let reconciled = await copies.waitUntilAtK(within: .seconds(60))
            let reconcileTime = elapsed(restarted)
            out.say(reconciled ? style.green("\(victim) reconciled: exactly k copies of every file, \(reconcileTime) after its restart")
                               : style.red("\(victim)'s return did not settle at k copies"))

            // A change of replica count.
            let (change, _) = try await back.ask("replicas photo.jpg 4")
            copies.expect("photo.jpg", replicas: 4)
            let changed = change.hasSuffix(": ok") ? await copies.waitUntilAtK(within: .seconds(30)) : false
            _ = try await back.ask("list")

            // Another client sees nothing of alice's.
            var bob = try startClient("bob", through: ["s2", "s3"])
            clients.append(bob)
            _ = try await bob.id()
            let (bobList, bobFiles) = try await bob.ask("list")
            let (bobRecover, _) = try await bob.ask("recover notes.txt --to \(folder)/bob")
            let isolated = bobList.hasSuffix(": 0 file(s)") && bobFiles.isEmpty && bobRecover.contains(": failed")

            let (_, final) = try await back.ask("list")
            await stopAll()
            out.say(style.bold("summary after \(elapsed(started))"))
            out.say("  " + [pad("file", 10), pad("size", 9), pad("k", 2), pad("sha256", 14), pad("recovered", 10), "copies on disk"].joined(separator: " "))
            for (name, bytes, _) in files {
                let listed = final.first { $0.name == name }
                out.say("  " + [pad(name, 10), pad(DepositClientSession.Session.size(UInt64(bytes)), 9), pad("\(listed?.replicas ?? 0)", 2),
                                pad(String(originals[name]!.sha256.prefix(12)) + "…", 14),
                                pad(recovered[name] == originals[name]!.sha256 ? "match" : "NO", 10),
                                "\(copies.count(of: name))"].joined(separator: " "))
            }
            out.say("  \(victim) killed right after an ok; every file back at k \(repairTime) later (failure detection: 600 ms)")
            out.say("  \(victim) restarted with its old copies: exactly k again \(reconcileTime) after its restart")
            out.say("  photo.jpg changed to k = 4: \(changed ? "4 copies" : "not done")")
            out.say("  bob, another client: \(isolated ? "sees 0 files and cannot recover alice's" : "SAW OR RECOVERED alice's files")")
            let success = recovered.count == files.count && files.allSatisfy { recovered[$0.0] == originals[$0.0]!.sha256 }
                && repaired && reconciled && changed && isolated
            out.say(success ? style.green("every acknowledged file survived the server's death, came back to k, and matches byte for byte")
                            : style.red("the deposit demo did not go as it should (see above)"))
            trace.finish(out)
            if keep { out.say("files kept in \(folder)") }
            return success ? 0 : 1
        } catch {
            return await fail("\(error)", out, stopAll)
        }
    }

    private func fail(_ reason: String, _ out: DemoConsole, _ stopAll: () async -> Void) async -> Int32 {
        out.say(context.style.red(reason))
        await stopAll()
        return 1
    }
}
