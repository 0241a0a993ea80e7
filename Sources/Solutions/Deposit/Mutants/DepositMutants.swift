import DepositKit

/// The deposit mutants, and the scenarios that must catch each one (see `Tests/GradedTests/MutantTests.swift`).
public enum DepositMutants {
    /// Each mutant server, with the IDs of the scenarios meant to catch it (each of them must).
    public static let servers: [(name: String, server: any DepositServerNode.Type, caughtBy: [String])] = [
        ("deposit: ids from the same sequence on every server", SequencedIDServer.self, ["deposit.1.1-identity"]),
        ("deposit: welcome before the peers know the id", HastyWelcomeServer.self, ["deposit.1.1-identity"]),
        ("deposit: placement by hash % n", ModuloPlacementServer.self, ["deposit.2.1-placement"]),
        ("deposit: bytes pulled before the request is checked", EagerUploadServer.self, ["deposit.3.1-refusals", "deposit.5.1-same-file"]),
        ("deposit: a copy kept whatever its bytes", TrustingCopyServer.self, ["deposit.3.2-verified-copies"]),
        ("deposit: ok counting the servers asked, not those that stored", CountingTargetsServer.self, ["deposit.3.3-acknowledgement"]),
        ("deposit: ok counting stored messages, not servers", RecountingServer.self, ["deposit.3.3-acknowledgement", "deposit.6.1-chaos"]),
        ("deposit: ok before k servers keep the record", UncommittedDoneServer.self, ["deposit.3.3-acknowledgement"]),
        ("deposit: a copy on every live server, not k", CopyEverywhereServer.self, ["deposit.3.3-costs", "deposit.5.1-costs"]),
        ("deposit: recover only from a local copy", LocalOnlyRecoverServer.self, ["deposit.4.1-recover-anywhere"]),
        ("deposit: list shows every client's files", EveryoneListServer.self, ["deposit.4.1-isolation"]),
        ("deposit: recover finds another client's file by name", NameOnlyRecoverServer.self, ["deposit.4.1-isolation"]),
        ("deposit: a retry of the same file uploads it again", UploadAgainServer.self, ["deposit.5.1-same-file"]),
        ("deposit: a change of copies answered ok and not made", NominalReplicasServer.self, ["deposit.5.1-same-file"]),
        ("deposit: no repair", NoRepairServer.self, ["deposit.6.1-repair", "deposit.6.1-rejoin", "deposit.6.1-chaos"]),
    ]
}
