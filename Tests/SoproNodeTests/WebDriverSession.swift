import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import Testing

/// A headless Chromium driven through W3C WebDriver (chromedriver), the protocol Selenium
/// speaks: navigate, find elements by CSS selector, type, click, read the page, and run
/// axe-core in it. Written against the protocol (a handful of JSON requests) rather than
/// pulling in a Selenium client: none is in the field's Swift packages here.
struct WebDriverSession {
    /// Where the browser, its driver and axe-core are; `nil` when one is missing.
    struct Tools {
        var chromium: String
        var chromedriver: String
        var axeScript: String

        static func find() -> Tools? {
            let files = FileManager.default
            func first(_ candidates: [String]) -> String? { candidates.first { files.isExecutableFile(atPath: $0) } }
            guard let chromium = first(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]),
                let driver = first(["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"])
            else { return nil }
            var axe: [String] = []
            if let configured = ProcessInfo.processInfo.environment["SOPRO_AXE_SCRIPT"] { axe.append(configured) }
            // axe-core 4 as the PyPI package axe-playwright-python ships it (installed with
            // --no-deps: only its axe.min.js is used), wherever that Python's pip put it.
            // axe-selenium-python's copy is axe-core 3.1, which knows no WCAG 2.1 tags.
            if let found = Self.pythonPackageFile("axe_playwright_python", "axe.min.js") { axe.append(found) }
            guard let script = axe.first(where: { files.fileExists(atPath: $0) }) else { return nil }
            return Tools(chromium: chromium, chromedriver: driver, axeScript: script)
        }

        /// `file` in the folder of the Python package `package`, found (not imported) by
        /// `python3`'s import machinery.
        static func pythonPackageFile(_ package: String, _ file: String) -> String? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import importlib.util, os; s = importlib.util.find_spec('\(package)'); "
                    + "print(os.path.join(list(s.submodule_search_locations)[0], '\(file)') if s else '')",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return process.terminationStatus == 0 && !path.isEmpty ? path : nil
        }

        /// Whether the browser tests run: with the tools, or — where `SOPRO_BROWSER_TESTS` is
        /// `required` (CI installs them) — always, failing when a tool is missing.
        static var enabled: Bool {
            find() != nil || ProcessInfo.processInfo.environment["SOPRO_BROWSER_TESTS"] == "required"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let client: HTTPClient
    let driver: Process
    let base: String
    let session: String
    let axeScript: String

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Starts chromedriver on a free port and a headless browser session (`width` CSS pixels).
    static func start(client: HTTPClient, width: Int = 1280) async throws -> WebDriverSession {
        guard let tools = Tools.find() else {
            throw Failure(description: "chromium, chromedriver or axe-core is missing (see .ci/run)")
        }
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tools.chromedriver)
            process.arguments = ["--port=\(port)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let base = "http://127.0.0.1:\(port)"
            // Up to 20 s for the driver to listen, probed with a bare TCP connect: an HTTP
            // request sent before the port is open parks in AsyncHTTPClient's connection pool,
            // which retries the refused connection with a growing backoff until the request's
            // deadline (seen here: the test hung with no socket open while the driver was ready).
            var ready = false
            for _ in 0..<100 where process.isRunning {
                if await Self.listens(port: port) {
                    ready = true
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            guard ready else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                continue
            }
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": tools.chromium,
                            "args": [
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=\(width),900", "--lang=en",
                            ],
                        ],
                    ]
                ]
            ]
            let created = try await Self.request(client, .POST, base + "/session", capabilities)
            guard let value = created["value"] as? [String: Any], let session = value["sessionId"] as? String else {
                kill(process.processIdentifier, SIGKILL)
                throw Failure(description: "no browser session: \(created)")
            }
            let driver = WebDriverSession(
                client: client, driver: process, base: base + "/session/" + session, session: session,
                axeScript: try String(contentsOfFile: tools.axeScript, encoding: .utf8))
            _ = try await driver.command(.POST, "/timeouts", ["script": 60_000, "pageLoad": 60_000, "implicit": 0])
            return driver
        }
        throw Failure(description: "chromedriver did not start")
    }

    /// Ends the browser session (which quits the browser) and the driver: SIGTERM, and after
    /// 5 s SIGKILL (chromedriver was seen to outlive a SIGTERM).
    func stop() async {
        _ = try? await command(.DELETE, "")
        if driver.isRunning { driver.terminate() }
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    private static func listens(port: Int) async -> Bool {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(1))
        guard let channel = try? await bootstrap.connect(host: "127.0.0.1", port: port).get() else { return false }
        try? await channel.close()
        return true
    }

    private static func request(
        _ client: HTTPClient, _ method: HTTPMethod, _ url: String, _ body: [String: Any]? = nil
    ) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await client.execute(request, timeout: .seconds(90))
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 26))
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    @discardableResult
    func command(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let answer = try await Self.request(client, method, base + path, body ?? (method == .POST ? [:] : nil))
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(path): \(error): \(value["message"] ?? "")")
        }
        return answer["value"]
    }

    func open(_ url: String) async throws { try await command(.POST, "/url", ["url": url]) }

    var source: String { get async throws { try await command(.GET, "/source") as? String ?? "" } }

    var url: String { get async throws { try await command(.GET, "/url") as? String ?? "" } }

    func element(_ selector: String) async throws -> String {
        let found = try await command(.POST, "/element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?[Self.elementKey] as? String else {
            let page = (try? await source) ?? ""
            let at = (try? await url) ?? "?"
            throw Failure(description: "no element \(selector) at \(at): \(page.prefix(600))")
        }
        return element
    }

    func type(_ text: String, into selector: String) async throws {
        let element = try await element(selector)
        try await command(.POST, "/element/\(element)/clear")
        try await command(.POST, "/element/\(element)/value", ["text": text])
    }

    /// The DOM property `name` of the element at `selector` (`open` of a `details`, …).
    func property(_ name: String, of selector: String) async throws -> Any? {
        try await command(.GET, "/element/\(try await element(selector))/property/\(name)")
    }

    /// Clicks the element after scrolling it to the middle of the window, as a person would:
    /// the form's sticky action bar covers whatever lies at the window's bottom edge, where
    /// WebDriver's own scrolling leaves it.
    func click(_ selector: String) async throws {
        let element = try await element(selector)
        let reference: [String: Any] = [Self.elementKey: element]
        try await command(
            .POST, "/execute/sync",
            ["script": "arguments[0].scrollIntoView({block: 'center'});", "args": [reference]])
        do { try await command(.POST, "/element/\(element)/click") } catch {
            throw Failure(description: "clicking \(selector): \(error)")
        }
    }

    /// axe-core's violations on the page (WCAG 2.1 A and AA and best practices), as
    /// "rule: target …" lines.
    func accessibilityViolations() async throws -> [String] {
        try await command(.POST, "/execute/sync", ["script": axeScript, "args": [Any]()])
        let script = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
              .then(result => done(result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(error => done(['axe failed: ' + error]));
            """
        return try await command(.POST, "/execute/async", ["script": script, "args": [Any]()]) as? [String] ?? [
            "axe gave no answer"
        ]
    }

    /// Records axe-core's violations on the page as an issue, naming the page (`label`).
    func expectNoViolations(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let violations = try await accessibilityViolations()
        #expect(violations.isEmpty, "\(label): \(violations)", sourceLocation: sourceLocation)
    }

    /// Whether the page scrolls sideways.
    func scrollsSideways() async throws -> Bool {
        let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"
        return try await command(.POST, "/execute/sync", ["script": script, "args": [Any]()]) as? Bool ?? true
    }
}
