import DepositKit
import LabKit
import MessagingKit
import PingKit
import VideoKit
import ZapsZapKit

extension Catalog {
    /// The roles and messages of lab `id` as its kit declares them (for the report), or `nil` for no such lab.
    public static func architecture(of id: String) -> LabArchitecture? {
        switch id {
        case "ping": PingMessage.architecture
        case "video": VideoArchitecture.architecture
        case "deposit": DepositMessage.architecture
        case "zapszap": ZapPayload.architecture
        case "messaging": MessagingMessage.architecture
        default: nil
        }
    }
}
