import DepositKit

/// Mutant: never repairs: a dead server's copies are not made again, a returning one's surplus never trimmed.
/// Caught by `deposit.6.1-repair`, `deposit.6.1-rejoin` and `deposit.6.1-chaos`.
public struct NoRepairServer: PassThroughServer {
    public var server: DepositServer

    public init(config: DepositServerConfig) {
        var config = config
        config.repairs = false  // the bug
        server = DepositServer(config: config)
    }
}
