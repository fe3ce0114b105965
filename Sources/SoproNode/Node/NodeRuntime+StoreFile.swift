import CatalogueStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NodeRuntime {
    /// Makes the store readable by the node's user only (0600), as the key is: it holds
    /// inquiries (names, e-mail addresses, phone numbers). Measured before: `store.sqlite`
    /// was created 0644 under the usual umask 022. A missing store is created empty with that
    /// mode, so it never exists with another; SQLite gives its `-wal` and `-shm` files the
    /// database file's mode, and existing ones (from an older version) are changed too.
    package static func protectStore(at path: String) throws {
        #if canImport(Glibc)
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        #else
            let descriptor = Darwin.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        #endif
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError.cannotOpen(path: path, detail: String(cString: strerror(errno)))
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            guard chmod(file, 0o600) == 0 else {
                throw StoreError.cannotOpen(
                    path: file, detail: "cannot be made private (chmod 600): \(String(cString: strerror(errno)))")
            }
        }
    }
}
