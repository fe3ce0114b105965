import AsyncHTTPClient
import CatalogueStore
import DirectoryModel
import Foundation
import SyncProtocol
import Testing

@testable import NodeServer
@testable import Workspace

/// The workspace in a real browser: headless Chromium driven through WebDriver signs in, fills
/// and submits the entry form (problems first, then a preview, then publish), and axe-core finds
/// no violations on the workspace pages in German, Hungarian and English, at a desktop's and a
/// phone's width. Runs where Chromium, chromedriver and axe-core are installed (`.ci/run`
/// installs them and sets `SOPRO_BROWSER_TESTS=required`, so there a missing tool fails).
@Suite(.tags(.live), .serialized, .enabled(if: WebDriverSession.Tools.enabled), .timeLimit(.minutes(8)))
struct WorkspaceBrowserTests {
    @Test func anEditorFillsTheFormInABrowserAndThePagesPassAxe() async throws {
        let federation = try await WorkspaceEntryFormTests.Federation.make()
        let node = federation.lower.node
        let (_, password) = try await federation.lower.accounts.add(
            name: "Eva Berger", email: "eva@noe.example.at", role: .editor)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        try await federation.lower.serve { http in
            let base = http.base
            let browser = try await WebDriverSession.start(client: client)
            do {
                // axe itself: a page made with a violation has it reported.
                try await browser.open("data:text/html,<!doctype html><html lang=en><title>t</title><img src=x.png>")
                let planted = try await browser.accessibilityViolations()
                #expect(planted.contains { $0.hasPrefix("image-alt:") }, "\(planted)")

                try await browser.open(base + "/workspace/sign-in?lang=en")
                try await browser.type("eva@noe.example.at", into: "#signin-email")
                try await browser.type(password, into: "#signin-password")
                try await browser.click("form.inquiry button[type=submit]")
                #expect(try await browser.url.contains("/workspace"))
                #expect(try await browser.source.contains("Eva Berger"))

                // Publishing an empty form: the problems, at their fields and in a summary.
                try await browser.open(base + "/workspace/new/enterprise?lang=en")
                try await browser.click("button[name=action][value=publish]")
                let refused = try await browser.source
                #expect(refused.contains("error-summary") && refused.contains("aria-invalid=\"true\""))
                try await browser.expectNoViolations("the form with its problems")

                // Filled in: a preview, then publish from the preview.
                try await browser.type("Holzwerkstatt im Browser", into: "#f-name-de")
                try await browser.type("Browser Wood Workshop", into: "#f-name-en")
                try await browser.click("#f-socialModel option[value=work-integration]")
                try await browser.click("#f-region option[value=AT12]")
                try await browser.type("St. Pölten", into: "#f-address-locality")
                try await browser.type("AT", into: "#f-address-country")
                // The sectors' choices are folded (open when the form comes back with a problem).
                if try await browser.property("open", of: "fieldset:has(input[name=sectors]) details") as? Bool != true
                {
                    try await browser.click("fieldset:has(input[name=sectors]) summary")
                }
                try await browser.click("input[name=sectors][value='16']")
                try await browser.click("button[name=action][value=preview]")
                let preview = try await browser.source
                #expect(preview.contains("class=\"preview\"") && preview.contains("Browser Wood Workshop"))
                try await browser.expectNoViolations("the preview")
                try await browser.click("form.preview button[value=publish]")
                let published = try await browser.url
                #expect(published.contains("published=1"), "\(published)")
                let id = try #require(published.firstMatch(of: /enterprise\/([0-9a-f-]{36})/).map { String($0.1) })
                let stored = try #require(try await node.visibleEntry(kind: .enterprise, id: id))
                #expect(stored.document["name"]?["en"] == .string("Browser Wood Workshop"))
                #expect(stored.provenance.latest?.editor == "Eva Berger")
                #expect(stored.document["sectors"] == .list([.string("16")]))

                // Every workspace page, in three languages, passes axe at both widths.
                let pages = [
                    "/workspace", "/workspace/new/enterprise", "/workspace/new/product", "/workspace/new/cooperation",
                    "/workspace/enterprise/\(id)", "/workspace/enterprise/\(id)/edit",
                    "/workspace/enterprise/\(id)/retract",
                ]
                for language in ["de", "hu", "en"] {
                    for page in pages {
                        try await browser.open(base + page + "?lang=\(language)")
                        try await browser.expectNoViolations("\(page) in \(language)")
                    }
                }
                let phone = try await WebDriverSession.start(client: client, width: 360)
                do {
                    // The phone's browser has the same cookie only after signing in itself.
                    try await phone.open(base + "/workspace/sign-in?lang=hu")
                    try await phone.type("eva@noe.example.at", into: "#signin-email")
                    try await phone.type(password, into: "#signin-password")
                    try await phone.click("form.inquiry button[type=submit]")
                    for page in pages {
                        try await phone.open(base + page + "?lang=hu")
                        try await phone.expectNoViolations("\(page) at 360 px")
                        #expect(try await !phone.scrollsSideways(), "\(page) scrolls sideways at 360 px")
                    }
                } catch { Issue.record(error) }
                await phone.stop()
            } catch {
                Issue.record(error)
            }
            await browser.stop()
        }
        try await client.shutdown()
    }
}
