#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Reads a passphrase from the terminal without echoing it.
enum Passphrase {
    /// Prints `prompt`, reads one line with echo off; `nil` when standard input is not a terminal.
    static func prompt(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            print("")
        }
        print(prompt, terminator: "")
        fflush(stdout)
        return readLine()
    }
}
