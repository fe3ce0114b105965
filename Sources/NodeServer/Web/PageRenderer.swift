import Crypto
import Foundation
import Hummingbird
import Mustache
import NIOCore
import NIOFoundationCompat
import SyncProtocol

/// The web pages' templates and stylesheet, loaded once from the package's resources.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: ByteBuffer
    let stylesheetTag: String
    /// Changes when the templates or the stylesheet change, so cached pages are not reused
    /// across an upgrade.
    let version: String

    /// Why the shipped templates could not be used — a packaging error, reported as a 500.
    struct TemplateError: Error, CustomStringConvertible {
        let description: String
    }

    /// The templates and stylesheet shipped in `Resources/`; parsed once per process.
    static let shipped: Result<PageRenderer, TemplateError> = Result { try PageRenderer(bundle: .module) }
        .mapError { TemplateError(description: "\($0)") }

    init(bundle: Bundle) throws {
        guard let directory = bundle.url(forResource: "templates", withExtension: nil),
            let css = bundle.url(forResource: "static/sopro", withExtension: "css")
                ?? bundle.url(forResource: "sopro", withExtension: "css", subdirectory: "static")
        else { throw TemplateError(description: "the web templates are missing from the package's resources") }
        var templates: [String: MustacheTemplate] = [:]
        var hasher = SHA256()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }.sorted { $0.path < $1.path }
        // Every template, and so every partial (swift-mustache resets a partial to its own HTML
        // escaper, whatever the including template chose), starts with the pragma that selects
        // the per-scalar escaping. Put here rather than in the files so that no template can lack
        // it. Escaping the values before they reach the templates was rejected: `{{value}}` would
        // escape them a second time, so every template would have to use `{{{value}}}`, and one
        // forgotten brace would pass a value raw.
        ScalarMarkupEscaping.registered
        for file in files {
            let text = ScalarMarkupEscaping.pragma + (try String(contentsOf: file, encoding: .utf8))
            hasher.update(data: Data(text.utf8))
            do {
                templates[file.deletingPathExtension().lastPathComponent] = try MustacheTemplate(string: text)
            } catch {
                throw TemplateError(description: "template \(file.lastPathComponent): \(error)")
            }
        }
        let cssData = try Data(contentsOf: css)
        hasher.update(data: cssData)
        library = MustacheLibrary(templates: templates)
        stylesheet = ByteBuffer(data: cssData)
        stylesheetTag = "\"" + Hex.encode(SHA256.hash(data: cssData)).prefix(24) + "\""
        version = String(Hex.encode(hasher.finalize()).prefix(16))
    }

    func render(_ template: String, _ values: [String: Any]) throws -> String {
        guard let html = library.render(values, withTemplate: template) else {
            throw TemplateError(description: "there is no template named \(template)")
        }
        return html
    }

    /// The stylesheet, cached for a day and revalidated by its ETag.
    func stylesheet(for request: Request) throws -> Response {
        var headers: HTTPFields = [
            .contentType: "text/css; charset=utf-8", .eTag: stylesheetTag, .cacheControl: "public, max-age=86400",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        if EntityTag.matches(request.headers[.ifNoneMatch], stylesheetTag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: stylesheet))
    }
}
