import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeAPI
import NodeServer
import Replication
import SoproNode
import SoproTestSupport
import SyncProtocol
import Testing

/// Pictures: told from their bytes, refused with a clear problem when of another type, too
/// large or carrying a location, stored and served by hash, named by entries only once
/// uploaded, shown on pages at bounded sizes, and fetched and checked by hash by a mirror.
@Suite struct PictureTests {
    static let codec = GDPictureCodec()
    static let enterprise = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    /// A regional node with an editor, as the publishing tests make it.
    let publishing = PublishAPITests()
    var token: String { publishing.token }

    func makeApp() async throws -> (CatalogueNode, some ApplicationProtocol) { try await publishing.makeApp() }

    static func enterpriseDocument(pictures: [DocumentValue]) -> DocumentValue {
        .object([
            "kind": .string("enterprise"), "id": .string(enterprise), "name": .object(["de": .string("Bildwerk")]),
            "socialModel": .string("work-integration"), "region": .string("AT12"), "pictures": .list(pictures),
        ])
    }

    static func pictureDocument(_ answer: [String: Any], alt: String) -> DocumentValue {
        .object([
            "sha256": .string(answer["sha256"] as? String ?? ""), "type": .string(answer["type"] as? String ?? ""),
            "width": .number("\(answer["width"] as? Int ?? 0)"), "height": .number("\(answer["height"] as? Int ?? 0)"),
            "bytes": .number("\(answer["bytes"] as? Int ?? 0)"), "alt": .object(["de": .string(alt)]),
        ])
    }

    static func body(_ documents: [DocumentValue]) throws -> ByteBuffer {
        struct Body: Encodable { var entries: [DocumentValue] }
        return ByteBuffer(data: try JSONEncoder().encode(Body(entries: documents)))
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }

    static func jpeg(width: Int = 40, height: Int = 30) throws -> [UInt8] {
        try codec.resize(
            TestPictures.png(width: width, height: height), type: .png, width: width, height: height,
            fitting: max(width, height), as: .jpeg, quality: 80)
    }

    @Test func theTypeAndSizeAreToldFromTheBytes() throws {
        let inspected = try PictureInspection.inspect(TestPictures.png(width: 7, height: 5))
        #expect(inspected.type == .png)
        #expect(inspected.width == 7 && inspected.height == 5)
        #expect(inspected.metadata.isEmpty && !inspected.hasLocation)
        let refused: [([UInt8], String)] = [
            (Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), "unsupported-picture-type"),
            (Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "unsupported-picture-type"),
            (Array(TestPictures.png(width: 7, height: 5).prefix(30)), "malformed-picture"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0x00], "malformed-picture"),
        ]
        for (bytes, code) in refused {
            #expect {
                try PictureInspection.inspect(bytes)
            } throws: { error in
                (error as? PictureProblem)?.code == code
            }
        }
    }

    @Test func aPNGsTextChunksAreMetadataAndAreStripped() throws {
        let annotated = TestPictures.pngWithText(width: 4, height: 3, text: "Maria Muster, Traisen")
        #expect(try PictureInspection.inspect(annotated).metadata == ["tEXt"])
        let stripped = try PictureInspection.strippingMetadata(annotated)
        #expect(stripped == TestPictures.png(width: 4, height: 3))
    }

    @Test(.enabled(if: codec.isAvailable)) func jpegAndWebPAreReadAndResized() throws {
        let png = TestPictures.png(width: 40, height: 30)
        for type in [PictureType.jpeg, .webp, .png] {
            let bytes = try Self.codec.resize(
                png, type: .png, width: 40, height: 30, fitting: 20, as: type, quality: 80)
            let inspected = try PictureInspection.inspect(bytes)
            #expect(inspected.type == type)
            #expect(inspected.width == 20 && inspected.height == 15, "\(type)")
        }
    }

    @Test(.enabled(if: codec.isAvailable)) func aLocationInEXIFIsFoundAndStripped() throws {
        let jpeg = try Self.jpeg()
        let located = TestPictures.addingEXIF(to: jpeg, location: true)
        let inspected = try PictureInspection.inspect(located)
        #expect(inspected.hasLocation)
        #expect(inspected.metadata.contains("EXIF"))
        let plain = try PictureInspection.inspect(TestPictures.addingEXIF(to: jpeg, location: false))
        #expect(!plain.hasLocation && plain.metadata.contains("EXIF"))
        let stripped = try PictureInspection.strippingMetadata(located)
        let clean = try PictureInspection.inspect(stripped)
        #expect(clean.metadata.isEmpty && !clean.hasLocation)
        #expect(clean.width == 40 && clean.height == 30)
        // Still a picture the library reads.
        _ = try Self.codec.resize(stripped, type: .jpeg, width: 40, height: 30, fitting: 40, as: .png, quality: 80)
    }

    /// A photograph taken with the camera turned is stored upright: from its own EXIF
    /// orientation, or from the one the CLI sends beside bytes it removed the metadata from.
    @Test(.enabled(if: codec.isAvailable)) func aTurnedPhotographIsStoredUpright() throws {
        let intake = PictureIntake()
        let jpeg = try Self.jpeg(width: 40, height: 30)
        for orientation: UInt16 in [6, 8] {
            let turned = try intake.take(TestPictures.addingEXIF(to: jpeg, location: false, orientation: orientation))
            #expect(turned.info.width == 30 && turned.info.height == 40, "orientation \(orientation)")
            #expect(try PictureInspection.inspect(Array(turned.data)).metadata.isEmpty)
            if let folder = ProcessInfo.processInfo.environment["SOPRO_PICTURES_OUT"] {
                // For looking at: which way it turned (PNG, so any tool reads it).
                let png = try Self.codec.resize(
                    Array(turned.data), type: .jpeg, width: 30, height: 40, fitting: 40, as: .png, quality: 100)
                try Data(png).write(to: URL(fileURLWithPath: "\(folder)/turned-\(orientation).png"))
            }
        }
        let upsideDown = try intake.take(TestPictures.addingEXIF(to: jpeg, location: false, orientation: 3))
        #expect(upsideDown.info.width == 40 && upsideDown.info.height == 30)
        let sent = try intake.take(TestPictures.png(width: 40, height: 30), orientation: 6)
        #expect(sent.info.width == 30 && sent.info.height == 40)
    }

    /// The upload's problems, each with its status and code; a stored picture comes back by
    /// its hash, bytes that hash to it, and at a page's width as WebP.
    @Test func uploadsAreCheckedStoredAndServedByHash() async throws {
        let (_, app) = try await makeApp()
        let auth: HTTPFields = [.authorization: "Bearer \(token)"]
        try await app.test(.router) { client in
            func upload(
                _ bytes: [UInt8], headers: HTTPFields? = nil
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(
                    uri: "/v1/pictures", method: .post, headers: headers ?? auth, body: ByteBuffer(bytes: bytes)
                ) { ($0.status, Self.json($0.body)) }
            }
            #expect(try await upload(TestPictures.png(width: 8, height: 6), headers: [:]).0 == .unauthorized)
            let gif = try await upload(Array("GIF89a\u{1}\u{0}\u{1}\u{0};".utf8))
            #expect(gif.0 == .unsupportedMediaType)
            #expect(gif.1["type"] as? String == "urn:sopro:problem:unsupported-picture-type")
            #expect((gif.1["detail"] as? String)?.contains("not a JPEG, PNG or WebP") == true)
            let oversized = try await upload(
                TestPictures.png(width: 8, height: 6) + [UInt8](repeating: 0, count: 12 << 20))
            #expect(oversized.0 == .contentTooLarge)
            let huge = try await upload(Self.header(ofPNGWidth: 20_000, height: 20_000))
            #expect(huge.0 == .contentTooLarge)
            #expect((huge.1["detail"] as? String)?.contains("20000 × 20000 pixels") == true)
            if Self.codec.isAvailable {
                let located = try await upload(TestPictures.addingEXIF(to: try Self.jpeg(), location: true))
                #expect(located.0 == .unprocessableContent)
                #expect(located.1["type"] as? String == "urn:sopro:problem:picture-location")
            }

            let png = TestPictures.png(width: 8, height: 6)
            let (status, stored) = try await upload(png)
            #expect(status == .created)
            let sha256 = try #require(stored["sha256"] as? String)
            #expect(stored["type"] as? String == "png")
            #expect(stored["width"] as? Int == 8 && stored["height"] as? Int == 6)
            #expect(try await upload(png).1["sha256"] as? String == sha256, "the same picture, the same name")
            try await client.execute(uri: "/v1/pictures/\(sha256)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(response.headers[.cacheControl]?.contains("immutable") == true)
                #expect(ContentHash.sha256(Data(buffer: response.body)) == sha256)
            }
            try await client.execute(uri: "/v1/pictures/\(sha256)?width=320", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == (Self.codec.isAvailable ? "image/webp" : "image/png"))
            }
            try await client.execute(uri: "/v1/pictures/\(sha256)?width=321", method: .get) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/v1/pictures/\(String(repeating: "0", count: 64))", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/pictures/not-a-hash", method: .get) {
                #expect($0.status == .badRequest)
            }
        }
    }

    /// The first bytes of a PNG that says it is `width` × `height`: enough to be refused
    /// before anything is decoded.
    static func header(ofPNGWidth width: Int, height: Int) -> [UInt8] {
        let small = TestPictures.png(width: 1, height: 1)
        var bytes = small
        for (offset, value) in [(16, width), (20, height)] {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * (3 - index))) & 0xFF) }
        }
        return bytes
    }

    /// An entry names only pictures uploaded to the node, as uploaded; its pages show them with
    /// alternative text, width and height, lazily below the first, and its card a thumbnail.
    @Test func entriesNameUploadedPicturesAndPagesShowThem() async throws {
        let (_, app) = try await makeApp()
        let auth: HTTPFields = [.authorization: "Bearer \(token)"]
        try await app.test(.router) { client in
            let first = try await client.execute(
                uri: "/v1/pictures", method: .post, headers: auth,
                body: ByteBuffer(bytes: TestPictures.png(width: 80, height: 60))
            ) { Self.json($0.body) }
            let second = try await client.execute(
                uri: "/v1/pictures", method: .post, headers: auth,
                body: ByteBuffer(bytes: TestPictures.png(width: 30, height: 60, seed: 9))
            ) { Self.json($0.body) }
            let unknown = Self.pictureDocument(
                ["sha256": String(repeating: "ab", count: 32), "type": "png", "width": 8, "height": 6, "bytes": 99],
                alt: "x")
            let file: DocumentValue = .object(["file": .string("werkstatt.jpg"), "alt": .object(["de": .string("x")])])
            for (pictures, expected) in [
                ([unknown], "entries[0].pictures[0].sha256: no picture"),
                ([file], "entries[0].pictures[0]: names a file"),
                ([Self.pictureDocument(first, alt: "")], "entries[0].pictures[0].alt"),
            ] {
                try await client.execute(
                    uri: "/v1/publish", method: .post, headers: auth,
                    body: try Self.body([Self.enterpriseDocument(pictures: pictures)])
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let issues = Self.json(response.body)["issues"] as? [String] ?? []
                    #expect(issues.contains { $0.contains(expected) }, "\(issues)")
                }
            }
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: auth,
                body: try Self.body([
                    Self.enterpriseDocument(pictures: [
                        Self.pictureDocument(first, alt: "Die Werkstatt von innen"),
                        Self.pictureDocument(second, alt: "Ein Stuhl"),
                    ])
                ])
            ) { #expect($0.status == .ok) }
            let sha256 = try #require(first["sha256"] as? String)
            let page = try await client.execute(uri: "/enterprise/\(Self.enterprise)?lang=de", method: .get) {
                String(buffer: $0.body)
            }
            #expect(
                page.contains(
                    "<img src=\"/v1/pictures/\(sha256)?width=960\" width=\"80\" height=\"60\" alt=\"Die Werkstatt von innen\" decoding=\"async\">"
                ), "\(page)")
            #expect(page.contains("?width=320\" width=\"30\" height=\"60\" alt=\"Ein Stuhl\" loading=\"lazy\""))
            // English page: the German alt text is marked as German.
            let english = try await client.execute(uri: "/enterprise/\(Self.enterprise)?lang=en", method: .get) {
                String(buffer: $0.body)
            }
            #expect(english.contains("alt=\"Die Werkstatt von innen\" lang=\"de\""))
            let search = try await client.execute(uri: "/search?q=Bildwerk", method: .get) { String(buffer: $0.body) }
            #expect(
                search.contains("class=\"thumb\" src=\"/v1/pictures/\(sha256)?width=192\" width=\"80\" height=\"60\""))
            let ld = try await client.execute(uri: "/enterprise/\(Self.enterprise)", method: .get) {
                String(buffer: $0.body)
            }
            #expect(
                ld.contains("\"image\":[\"\\/v1\\/pictures\\/\(sha256)\"")
                    || ld.contains("\"image\":[\"/v1/pictures/\(sha256)\""))
        }
    }

    /// A mirror fetches the pictures its entries name from the peer, checks each by its hash,
    /// and serves them itself; a peer that sends other bytes is reported, and nothing of them
    /// is stored.
    @Test(.tags(.live)) func picturesReplicateToAMirrorCheckedByHash() async throws {
        let keys = [NodeKey()]
        let acceptance = IntegrityLiveTests.acceptance(keys)
        let regional = try await IntegrityLiveTests.regional(keys[0], acceptance, name: "A")
        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "M")
        let intake = PictureIntake()
        let picture = try intake.take(TestPictures.png(width: 64, height: 48, seed: 3))
        try await regional.store.store(picture)
        let info = picture.info
        let document = Self.enterpriseDocument(pictures: [
            .object([
                "sha256": .string(info.sha256.rawValue), "type": .string(info.type.rawValue),
                "width": .number("\(info.width)"), "height": .number("\(info.height)"),
                "bytes": .number("\(info.bytes)"), "alt": .object(["de": .string("Werkstatt")]),
            ])
        ])
        let entry = try #require(EntryDecoding.read(document).validEntry)
        _ = try await regional.publish([PublishItem(entry: entry, document: document)], editor: "maria@at11")
        let members = [("A", regional), ("M", mirror)].map {
            FederationLiveTests.Member(name: $0.0, key: nil, node: $0.1)
        }
        try await FederationLiveTests.serve(members[...]) { ports in
            let peer = Peer(name: "A", url: "http://127.0.0.1:\(ports[0])", authorID: keys[0].authorID)
            // A peer that sends other bytes for the picture: refused, reported, not stored.
            let lying = TamperingPictureClient(HTTPPeerClient())
            let first = Replicator(node: mirror, peers: [peer], client: lying, clock: ContinuousClock())
            // A picture that does not hash to its name is the peer's problem.
            do {
                _ = try await first.sync(with: peer)
                Issue.record("the round should report the peer's picture")
            } catch let error as Replicator<ContinuousClock>.RoundError {
                #expect(error.summary.problems.contains { $0.contains("is refused") }, "\(error)")
                #expect(error.summary.picturesFetched == 0)
            }
            #expect(try await mirror.store.picture(info.sha256) == nil)
            #expect(try await mirror.store.missingPictures(limit: 10) == [info.sha256])

            let honest = Replicator(node: mirror, peers: [peer], client: HTTPPeerClient(), clock: ContinuousClock())
            let summary = try await honest.sync(with: peer)
            #expect(summary.picturesFetched == 1)
            let held = try #require(try await mirror.store.picture(info.sha256))
            #expect(held.data == picture.data)
            #expect(try await mirror.store.missingPictures(limit: 10).isEmpty)
            // The mirror serves it itself, by the same name.
            let served = try await HTTPPeerClient().picture(
                info.sha256, from: Peer(name: "M", url: "http://127.0.0.1:\(ports[1])", authorID: nil))
            #expect(served.map(ContentHash.sha256) == info.sha256.rawValue)
        }
    }
}

/// A peer client that sends other bytes for every picture than the peer does.
final class TamperingPictureClient: ForwardingPeerClient, @unchecked Sendable {
    override func picture(_ sha256: PictureHash, from peer: Peer) async throws -> Data? {
        guard var data = try await base.picture(sha256, from: peer) else { return nil }
        data[data.count - 20] ^= 0xFF
        return data
    }
}
