@testable import LabRunnerCLI
import Testing

@Suite struct PeerPromptTests {
    @Test("prompt lines parse into commands, ignoring case and surrounding spaces", arguments: [
        ("search matrix", PeerPromptCommand.search("matrix")),
        ("  SEARCH   big buck  ", .search("big buck")),
        ("search", .search("")),
        ("download Big Buck Bunny.mp4", .download("Big Buck Bunny.mp4")),
        ("get a.mkv", .download("a.mkv")),
        ("list", .list), ("ls", .list), ("help", .help), ("?", .help), ("quit", .quit), ("exit", .quit),
    ])
    func parses(_ line: String, _ command: PeerPromptCommand) {
        #expect(PeerPromptCommand.parse(line) == .success(command))
    }

    @Test("blank lines are ignored and mistakes say what is accepted")
    func mistakes() {
        #expect(PeerPromptCommand.parse("   ") == nil)
        #expect(PeerPromptCommand.parse("download") == .failure(PromptError("download needs a file name: download NAME")))
        #expect(PeerPromptCommand.parse("list all") == .failure(PromptError("list takes no argument")))
        #expect(PeerPromptCommand.parse("fetch x") == .failure(PromptError("unknown command 'fetch' (commands: search TEXT, download NAME, list, help, quit)")))
    }
}
