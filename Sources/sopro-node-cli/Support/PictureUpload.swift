import DirectoryModel
import Foundation
import NodeAPI
import NodeClient

/// Uploads the pictures entry files name by `file:` (relative to the entry file) or `url:` (an
/// https address, fetched here on the editor's machine) and writes their stored form — hash,
/// type, size — into the documents, so the node receives entries that name uploaded pictures.
///
/// Metadata (EXIF with a location, XMP, comments) is removed here before the bytes leave the
/// machine; the node re-encodes what it stores in any case. Each picture is uploaded once per
/// run, however many entries name it.
struct PictureUpload {
    let connection: NodeConnection
    let token: String
    private var uploaded: [String: PictureAnswer] = [:]

    /// The most bytes fetched from an address (the node takes at most this much).
    static let maximumBytes = 12 * 1_048_576

    init(connection: NodeConnection, token: String) {
        self.connection = connection
        self.token = token
    }

    /// Whether `document` names a picture by file or address.
    static func needsUpload(_ document: DocumentValue) -> Bool {
        guard case .object(let object) = document, case .list(let pictures)? = object["pictures"] else { return false }
        return pictures.contains { picture in
            guard case .object(let fields) = picture else { return false }
            return fields["file"] != nil || fields["url"] != nil
        }
    }

    /// `document` with each picture named by file or address uploaded and named by its hash.
    mutating func resolve(_ document: DocumentValue, entryFile: String?) async throws -> DocumentValue {
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
            let bytes: [UInt8]
            if case .string(let file)? = fields["file"] {
                let base = entryFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
                let url = base.map { URL(fileURLWithPath: file, relativeTo: $0) } ?? URL(fileURLWithPath: file)
                source = url.path
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw PictureUploadError(
                        "\(file.quotedForMessage) (named in \(entryFile ?? "an entry")) cannot be read")
                }
                bytes = Array(data)
                fields["file"] = nil
            } else if case .string(let address)? = fields["url"] {
                source = address
                bytes = try await Self.fetch(address)
                fields["url"] = nil
            } else {
                resolved.append(picture)
                continue
            }
            let answer: PictureAnswer
            if let known = uploaded[source] {
                answer = known
            } else {
                // The orientation goes with the bytes, the rest of the metadata stays here.
                let clean: [UInt8]
                let orientation: Int
                do {
                    orientation = try PictureInspection.inspect(bytes).orientation
                    clean = try PictureInspection.strippingMetadata(bytes)
                } catch {
                    throw PictureUploadError("\(source): \(error)")
                }
                answer = try await connection.run {
                    try await $0.uploadPicture(clean, orientation: orientation, token: token)
                }
                uploaded[source] = answer
            }
            fields["sha256"] = .string(answer.sha256)
            fields["type"] = .string(answer.type)
            fields["width"] = .number(String(answer.width))
            fields["height"] = .number(String(answer.height))
            fields["bytes"] = .number(String(answer.bytes))
            resolved.append(.object(fields))
        }
        object["pictures"] = .list(resolved)
        return .object(object)
    }

    /// The bytes at an https address (at most `maximumBytes`).
    static func fetch(_ address: String) async throws -> [UInt8] {
        guard let url = URL(string: address), url.scheme == "https" else {
            throw PictureUploadError("\(address.quotedForMessage) is not an https address")
        }
        do {
            return try await NodeClient.download(address, upTo: maximumBytes)
        } catch {
            throw PictureUploadError("\(address) could not be fetched: \(error)")
        }
    }
}

/// A picture an entry file names that could not be uploaded.
struct PictureUploadError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
