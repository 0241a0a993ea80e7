/// `labrunner node LAB ROLE`: one real node in this process.
struct NodeCommand: RunnerCommand {
    let spec = CommandSpec(name: "node", maxPositionals: 2, options: NodeRole.everyOption, help: Help.node)

    func run(_ arguments: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
        let role = try NodeRole.named(arguments.positionals)
        try role.check(arguments)
        return try await role.run(arguments, context)
    }
}
