import VideoKit

extension TrackerScenarios {
    typealias VideoSimulation = Simulation<TrackerMessage, PeerEvent>

    /// The shared files of the tracker scenarios. The same name and cut always give the same file; another
    /// cut of the same name is other bytes (another content ID).
    static func video(_ name: String, cut: Int = 1) -> SharedFile {
        SharedFile(name: name, size: UInt64(name.utf8.count * 37 + cut) << 20,
                   contentID: ContentID(SHA256.hash(Array("\(name) cut \(cut)".utf8))))
    }

    static let bunny = video("Big Buck Bunny.mp4")
    static let bunnyRecut = video("Big Buck Bunny.mp4", cut: 2)
    static let lowercaseBunny = video("big buck bunny.mp4")
    static let sintel = video("Sintel.MKV")
    static let tears = video("Tears of Steel.mp4")
    static let lecture = video("lecture-01 (Intro).mp4")
    static let elephants = video("Elephants Dream.mp4")
    static let catalog = [bunny, bunnyRecut, lowercaseBunny, sintel, tears, lecture, elephants]

    /// The chunk-server address of probe `number`.
    static func address(_ number: Int) -> String { "10.0.0.\(number):\(7000 + number)" }


    /// Hits as a failure message shows them, one per line.
    static func show(_ hits: [SearchHit]) -> String {
        hits.isEmpty ? "[] (no hit)" : hits.map { "\n    \($0.file.name) (\($0.file.contentID)) at \($0.holders.map(\.description).joined(separator: ", "))" }.joined()
    }

}
