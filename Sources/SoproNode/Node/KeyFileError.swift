/// Why a key file could not be read or written; the message names the file.
package struct KeyFileError: Error, CustomStringConvertible {
    package var description: String

    init(_ description: String) {
        self.description = description
    }
}
