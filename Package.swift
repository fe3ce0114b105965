// swift-tools-version: 6.2
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the tools-version default;
/// these upcoming features make existential types and imports explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The node's modules also import internally by default, as Hummingbird's do: a module's
/// dependencies are not part of what it offers unless a file says `package import`.
let nodeSettings: [SwiftSetting] = swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]

/// Every module of the node, for the targets that use them all (the command line, the node
/// benchmark, the node's tests).
let nodeModules: [Target.Dependency] = [
    "DirectoryModel", "SyncProtocol", "CatalogueStore", "EntryDocuments", "Brokerage", "Workspace", "NodeAPI",
    "NodeClient", "Replication", "NodeServer", "SoproNode",
]

let package = Package(
    name: "sopro",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DirectoryModel", targets: ["DirectoryModel"]),
        .library(name: "SyncProtocol", targets: ["SyncProtocol"]),
        .library(name: "SoproNode", targets: ["SoproNode"]),
        .executable(name: "sopro-node", targets: ["sopro-node-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already in the graph through AsyncHTTPClient; named for its decompression limit type.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // zlib for gzip responses: Hummingbird 2 has no compression of its own; this is the
        // library its own compression middleware builds on.
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "DirectoryModel",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SyncProtocol",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ],
            swiftSettings: swiftSettings
        ),
        // The node, in layers that depend one way (docs/architecture.md): each module may import
        // only what is listed here, so the compiler refuses, say, a store that imports
        // Hummingbird or brokerage code that names an HTTP endpoint.
        .target(
            name: "CatalogueStore",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C interface, for the full-text rank function (FullTextRank).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "EntryDocuments",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "Brokerage",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: nodeSettings
        ),
        // Editor accounts and sessions (#20): scrypt from swift-crypto's _CryptoExtras.
        .target(
            name: "Workspace",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "NodeAPI",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                "Brokerage",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "NodeClient",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                "Brokerage",
                "NodeAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "Replication",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                "NodeAPI",
                "NodeClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "NodeServer",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                "EntryDocuments",
                "Brokerage",
                "Workspace",
                "NodeAPI",
                "Replication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/templates"), .copy("Resources/static")],
            swiftSettings: nodeSettings
        ),
        .target(
            name: "SoproNode",
            dependencies: [
                "DirectoryModel",
                "SyncProtocol",
                "CatalogueStore",
                "EntryDocuments",
                "Brokerage",
                "Workspace",
                "NodeAPI",
                "NodeClient",
                "Replication",
                "NodeServer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: nodeSettings
        ),
        .executableTarget(
            name: "sopro-node-cli",
            dependencies: nodeModules + [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sync-benchmarks",
            dependencies: [
                "SyncProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/SyncBenchmarks",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "node-benchmarks",
            dependencies: nodeModules + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Benchmarks/NodeBenchmarks",
            swiftSettings: swiftSettings
        ),
        // What the test targets share: a seeded random generator, a clock the test moves.
        .target(
            name: "SoproTestSupport",
            path: "Tests/SoproTestSupport",
            swiftSettings: nodeSettings
        ),
        .testTarget(
            name: "DirectoryModelTests",
            dependencies: [
                "DirectoryModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncProtocolTests",
            dependencies: [
                "SyncProtocol",
                "SoproTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SoproNodeTests",
            dependencies: nodeModules + [
                "SoproTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
