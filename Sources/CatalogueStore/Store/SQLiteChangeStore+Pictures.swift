package import DirectoryModel
import Foundation
import GRDB

extension SQLiteChangeStore {
    package func store(_ picture: StoredPicture) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO picture (sha256, type, width, height, data) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    picture.info.sha256.rawValue, picture.info.type.rawValue, picture.info.width, picture.info.height,
                    picture.data,
                ])
        }
    }

    package func picture(_ sha256: PictureHash) async throws -> StoredPicture? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT type, width, height, data FROM picture WHERE sha256 = ?", arguments: [sha256.rawValue]
            ).flatMap { Self.picture(sha256, from: $0) }
        }
    }

    package func rendition(of sha256: PictureHash, width: Int) async throws -> StoredPicture? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT type, ? AS width, height, data FROM pictureRendition WHERE sha256 = ? AND width = ?",
                arguments: [width, sha256.rawValue, width]
            ).flatMap { Self.picture(sha256, from: $0) }
        }
    }

    package func store(_ rendition: StoredPicture, of sha256: PictureHash, width: Int) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO pictureRendition (sha256, width, type, height, data) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    sha256.rawValue, width, rendition.info.type.rawValue, rendition.info.height, rendition.data,
                ])
        }
    }

    package func missingPictures(limit: Int) async throws -> [PictureHash] {
        try await writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT value FROM entryFacet
                    WHERE facet = 'picture' AND value NOT IN (SELECT sha256 FROM picture)
                    ORDER BY value LIMIT ?
                    """, arguments: [limit]
            ).compactMap { try? PictureHash(parsing: $0) }
        }
    }

    /// A row of `picture` or `pictureRendition` (`type`, `width`, `height`, `data`); the hash
    /// is the picture's own, also for a rendition.
    private static func picture(_ sha256: PictureHash, from row: Row) -> StoredPicture? {
        guard let type = PictureType(rawValue: row["type"]) else { return nil }
        let data: Data = row["data"]
        return StoredPicture(
            info: PictureInfo(
                sha256: sha256, type: type, width: row["width"], height: row["height"], bytes: data.count),
            data: data)
    }
}
