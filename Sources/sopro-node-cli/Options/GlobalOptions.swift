import ArgumentParser
import Logging

/// Options every subcommand that runs a node shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("How much to log: trace, debug, info, notice, warning, error, critical.", valueName: "level")
    )
    var logLevel: Logger.Level = .warning

    func makeLogger(_ label: String = "sopro") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
