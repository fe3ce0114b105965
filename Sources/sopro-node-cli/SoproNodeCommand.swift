import ArgumentParser

@main
struct SoproNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sopro-node")
}
