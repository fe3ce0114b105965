package import DirectoryModel
package import Foundation

/// The pictures entry files name by `file:` (relative to the entry file) or `url:` (an https
/// address), replaced by the stored form — hash, type, size — that entries in the catalogue
/// hold, by whoever keeps the bytes: the CLI uploads them to a node, the demo stores them at its
/// own nodes. Each source is read and kept once, however many entries name it.
package struct PictureSources {
    /// Keeps a picture's bytes and says how they were stored; `source` names them for messages.
    package typealias Keep = @Sendable (_ bytes: [UInt8], _ source: String) async throws -> PictureInfo
    /// The bytes at an https address.
    package typealias Fetch = @Sendable (_ address: String) async throws -> [UInt8]

    private let keep: Keep
    private let fetch: Fetch
    private var kept: [String: PictureInfo] = [:]

    package init(keep: @escaping Keep, fetch: @escaping Fetch) {
        self.keep = keep
        self.fetch = fetch
    }

    /// Whether `document` names a picture by file or address.
    package static func named(in document: DocumentValue) -> Bool {
        guard case .object(let object) = document, case .list(let pictures)? = object["pictures"] else { return false }
        return pictures.contains { picture in
            guard case .object(let fields) = picture else { return false }
            return fields["file"] != nil || fields["url"] != nil
        }
    }

    /// `document` without the pictures it names by file or address (those it names by hash stay).
    package static func withoutSources(_ document: DocumentValue) -> DocumentValue {
        guard case .object(var object) = document, case .list(let pictures)? = object["pictures"] else {
            return document
        }
        object["pictures"] = .list(
            pictures.filter { picture in
                guard case .object(let fields) = picture else { return true }
                return fields["file"] == nil && fields["url"] == nil
            })
        return .object(object)
    }

    /// `document` with each picture named by file or address kept and named by its hash.
    package mutating func resolve(_ document: DocumentValue, entryFile: String?) async throws -> DocumentValue {
        guard case .object(var object) = document, case .list(let pictures)? = object["pictures"] else {
            return document
        }
        var resolved: [DocumentValue] = []
        for picture in pictures {
            guard case .object(var fields) = picture else {
                resolved.append(picture)
                continue
            }
            let source: String
            var read: () async throws -> [UInt8]
            if case .string(let file)? = fields["file"] {
                let base = entryFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
                let url = base.map { URL(fileURLWithPath: file, relativeTo: $0) } ?? URL(fileURLWithPath: file)
                source = url.standardizedFileURL.path
                read = {
                    guard let data = FileManager.default.contents(atPath: url.path) else {
                        throw PictureSourceError(
                            "\(file.quotedForMessage) (named in \(entryFile ?? "an entry")) cannot be read")
                    }
                    return Array(data)
                }
                fields["file"] = nil
            } else if case .string(let address)? = fields["url"] {
                guard let url = URL(string: address), url.scheme == "https" else {
                    throw PictureSourceError("\(address.quotedForMessage) is not an https address")
                }
                source = address
                let fetch = fetch
                read = {
                    do {
                        return try await fetch(address)
                    } catch {
                        throw PictureSourceError("\(address) could not be fetched: \(error)")
                    }
                }
                fields["url"] = nil
            } else {
                resolved.append(picture)
                continue
            }
            let info: PictureInfo
            if let known = kept[source] {
                info = known
            } else {
                info = try await keep(try await read(), source)
                kept[source] = info
            }
            fields["sha256"] = .string(info.sha256.rawValue)
            fields["type"] = .string(info.type.rawValue)
            fields["width"] = .number(String(info.width))
            fields["height"] = .number(String(info.height))
            fields["bytes"] = .number(String(info.bytes))
            resolved.append(.object(fields))
        }
        object["pictures"] = .list(resolved)
        return .object(object)
    }

    /// `entries` with their pictures kept and named by hash, read again from their documents;
    /// entries that name none are returned as they are.
    package mutating func resolve(_ entries: [SourcedEntry]) async throws -> [SourcedEntry] {
        var resolved: [SourcedEntry] = []
        for sourced in entries {
            guard Self.named(in: sourced.document) else {
                resolved.append(sourced)
                continue
            }
            let document = try await resolve(sourced.document, entryFile: sourced.location.file)
            let read = EntryDecoding.read(document, impliedKind: sourced.entry.kind)
            guard let entry = read.validEntry else {
                throw PictureSourceError(
                    "\(sourced.location): \(read.issues.map(\.description).joined(separator: "; "))")
            }
            resolved.append(
                SourcedEntry(entry: entry, path: sourced.path, location: sourced.location, document: document))
        }
        return resolved
    }
}

/// A picture an entry file names that could not be read, fetched or kept.
package struct PictureSourceError: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}
