import MessagingKit

/// Mutant: a failure detector that suspects a silent store only after 20 s (not 600 ms), so a dead store
/// blocks every append that long. Safe, and every append is answered in the end, but Alice waits:
/// caught by `messaging.12.1-failover-bound`.
public struct PatientDetectorStore: WrappedStore {
    public var store: PersistenceStore
    public init(config: StoreConfig) {
        var patient = config
        patient.suspectAfter = .seconds(20)  // the bug
        store = PersistenceStore(config: patient)
    }
}
