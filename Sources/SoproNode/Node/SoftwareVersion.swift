/// The software's name and version, as `--version`, `/v1/node` and the CLI print it.
public enum SoftwareVersion {
    public static let number = "0.1.0"
    public static let description = "sopro-node \(number)"
}
