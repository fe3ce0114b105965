/// The software's name and version, as `--version`, `/v1/node` and the CLI print it.
package enum SoftwareVersion {
    package static let number = "0.1.0"
    package static let description = "sopro-node \(number)"
}
