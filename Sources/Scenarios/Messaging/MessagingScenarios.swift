import MessagingKit

/// Lab 4 — messaging: the graded scenarios of phase 1, the RSA that the later phases' services run, and the lab
/// as a whole (phases 2–4 in ``ProcessingScenarios``, `PersistenceScenarios` and `ConversationScenarios`).
///
/// The graders hold no OAEP and judge no key by the student's own primality test: primality is graded with
/// Wycheproof's numbers, keys with the graders' ``PrimeCheck`` and arithmetic, the RSA core against the plain
/// `c^d mod n`, and OAEP against Wycheproof's ciphertexts (decryption) and, through their recorded seeds
/// (``OAEPSeeds``), byte for byte (encryption); then round trips, and OpenSSL where it is installed.
public enum MessagingScenarios {
    public static let exercises: [LabDescriptor.Exercise] = [
        .init(id: "1.1", title: "Miller–Rabin with random bases, trial division first"),
        .init(id: "2.1", title: "A random prime of a given size"),
        .init(id: "2.2", title: "Generate a key: e, d = e⁻¹ mod λ(n), the CRT values"),
        .init(id: "3.1", title: "The public operation"),
        .init(id: "3.2", title: "The private operation with the CRT"),
        .init(id: "4.1", title: "OAEP encryption (SHA-256, MGF1)"),
        .init(id: "4.2", title: "OAEP decryption with one indistinguishable error"),
    ] + ProcessingScenarios.exercises + [
        .init(id: "10.1", title: "Ricart–Agrawala: answer a request now or defer it, by timestamp"),
        .init(id: "10.2", title: "Enter with every reply, append on every store, leave and answer the deferred"),
        .init(id: "11.1", title: "Failure detection: enter without a suspected store, safely under partitions"),
    ] + ConversationScenarios.exercises

    /// The lab as the runner shows it, with scenarios bound to `toolkit`, for phases 2 and 3 to `processor` and
    /// `store`, and for phase 4 to both; phase 4's live scenario starts `processes`, which must run the same code.
    public static func lab(_ toolkit: any RSAToolkit.Type, processor: any ProcessorNode.Type, store: any PersistenceStoreNode.Type,
                           processes: NodeProcesses) -> LabDescriptor {
        LabDescriptor(id: "messaging", number: 4, title: "Messaging: RSA, a replicated processing service, a replicated store, Bob to Alice",
                      exercises: exercises,
                      scenarios: scenarios(toolkit) + ProcessingScenarios.scenarios(processor, rsa: toolkit) + persistence(store)
                          + conversation(processor, store, rsa: toolkit) + [live(processes)])
    }

    /// The persistence service's scenarios (steps 10–11), bound to the store type `Store`.
    public static func persistence<Store: PersistenceStoreNode>(_: Store.Type) -> [Scenario] {
        PersistenceScenarios.scenarios(Store.self)
    }

    /// The whole system's scenarios (step 12), bound to `Processor` and `Store`, with `Toolkit` the RSA the processors run.
    public static func conversation<Processor: ProcessorNode, Store: PersistenceStoreNode, Toolkit: RSAToolkit>(
        _: Processor.Type, _: Store.Type, rsa _: Toolkit.Type
    ) -> [Scenario] {
        ConversationScenarios.scenarios(Processor.self, Store.self, rsa: Toolkit.self)
    }

    /// Every scenario of the lab, bound to `Toolkit`.
    public static func scenarios<Toolkit: RSAToolkit>(_: Toolkit.Type) -> [Scenario] {
        primality(Toolkit.self) + keyGeneration(Toolkit.self) + core(Toolkit.self) + oaep(Toolkit.self) + [interoperability(Toolkit.self)]
    }
}
