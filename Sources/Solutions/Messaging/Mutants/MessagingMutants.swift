import MessagingKit

/// The messaging mutants, and the scenarios that must catch each one (see `Tests/GradedTests/MutantTests.swift`).
public enum MessagingMutants {
    /// Each mutant RSA, with the IDs of the scenarios meant to catch it (each of them must).
    public static let toolkits: [(name: String, toolkit: any RSAToolkit.Type, caughtBy: [String])] = [
        ("messaging: textbook RSA, no padding", TextbookRSA.self,
         ["messaging.4.1-oaep-vectors", "messaging.4.1-randomized", "messaging.4.1-too-long", "messaging.4.2-oaep-vectors",
          "messaging.4.2-round-trip", "messaging.4.2-openssl"]),
        ("messaging: Miller–Rabin with fixed bases", FixedBasesRSA.self, ["messaging.1.1-wycheproof-primality"]),
        ("messaging: trial division calls small primes composite", SmallPrimeBlindRSA.self, ["messaging.1.1-small-numbers"]),
        ("messaging: primes with only the top bit set", TopBitOnlyRSA.self,
         ["messaging.2.1-random-prime", "messaging.2.2-keygen", "messaging.2.2-keygen-2048"]),
        ("messaging: d = e⁻¹ mod φ(n), not λ(n)", PhiExponentRSA.self, ["messaging.2.2-keygen", "messaging.2.2-keygen-2048"]),
        ("messaging: public operation reduces mod n instead of refusing", ReducingRSA.self, ["messaging.3.1-public-op"]),
        ("messaging: CRT that assumes p > q", OrderBlindCRTRSA.self, ["messaging.3.2-crt"]),
        ("messaging: decryption says which padding check failed", TellingPaddingRSA.self, ["messaging.4.2-oaep-vectors"]),
    ]

    /// Each mutant processor (phase 2), with the IDs of the scenarios meant to catch it (each of them must).
    public static let processors: [(name: String, processor: any ProcessorNode.Type, caughtBy: [String])] = [
        ("messaging: bully that leads without promises and does not yield to a higher id", HastyBullyProcessor.self,
         ["messaging.8.1-election", "messaging.9.1-failover"]),
        ("messaging: a replica that draws its own OAEP seed", OwnSeedProcessor.self, ["messaging.5.1-total-order", "messaging.7.1-deterministic"]),
        ("messaging: a retry ordered and executed twice", TwiceProcessor.self, ["messaging.6.1-retries"]),
        ("messaging: a claimant that takes a promise's first page for the whole log", FirstPageProcessor.self, ["messaging.9.1-long-log"]),
    ]

    /// Each mutant persistence store, with the IDs of the scenarios meant to catch it.
    public static let stores: [(name: String, store: any PersistenceStoreNode.Type, caughtBy: [String])] = [
        ("messaging: Ricart–Agrawala that answers while inside", AnswersInsideStore.self,
         ["messaging.10.1-mutual-exclusion", "messaging.11.1-partition"]),
        ("messaging: Ricart–Agrawala without timestamps", TimelessStore.self, ["messaging.10.1-mutual-exclusion"]),
        ("messaging: a failure detector that never suspects", TrustingStore.self, ["messaging.11.1-crash"]),
        ("messaging: a suspected store taken for crashed", CrashOnlyStore.self, ["messaging.11.1-partition"]),
        ("messaging: a store that asks twice", ChattyStore.self, ["messaging.10.2-costs"]),
    ]

    /// Each mutant of the whole system (phase 4): a processor and a store, one of them the reference, with the
    /// IDs of the scenarios meant to catch it.
    public static let systems: [(name: String, processor: any ProcessorNode.Type, store: any PersistenceStoreNode.Type, caughtBy: [String])] = [
        ("messaging: a processor that backs up each plaintext in the stores", ArchivingProcessor.self, PersistenceStore.self,
         ["messaging.12.1-end-to-end", "messaging.12.1-failover-bound"]),
        ("messaging: a store that gives reads its whole log, committed or not", Processor.self, ReadsUncommittedStore.self,
         ["messaging.12.1-end-to-end"]),
        ("messaging: a failure detector that waits 20 s to suspect", Processor.self, PatientDetectorStore.self, ["messaging.12.1-failover-bound"]),
    ]
}
