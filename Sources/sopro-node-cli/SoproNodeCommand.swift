import ArgumentParser

/// The `sopro-node` command: runs a region's node and lets its editors publish.
@main
struct SoproNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopro-node",
        abstract: "Run a sopro node and publish to the social-enterprise catalogue.",
        discussion: """
            sopro is a federated catalogue of social enterprises, their products and services, \
            and their cooperations with companies and public buyers. Each region runs a node; \
            nodes exchange signed changes and every node ends up with the same catalogue.

            Try a local five-region federation:
              sopro-node demo

            Check entry files before publishing them:
              sopro-node check Examples/entries.yaml
            """,
        subcommands: [
            DemoCommand.self, InitCommand.self, ServeCommand.self, PublishCommand.self, CheckCommand.self,
            VerifyCommand.self,
        ]
    )
}
