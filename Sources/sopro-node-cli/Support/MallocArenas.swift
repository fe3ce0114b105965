import Foundation

/// glibc's allocator gives each thread that allocates concurrently an arena of its own, up to
/// eight per core, and memory freed in one arena is not reused by another. A node verifies pages
/// on every core, merges on the store's thread and serves on NIO's, so freed pages and entry
/// states stay behind in arenas: a mirror bootstrapping 1,000,000 changes peaked at 419 MB with
/// the default and at 261 MB with two arenas (100,000 changes: 12.8–13.1 s against 13.0–14.0 s,
/// no slower). `MALLOC_ARENA_MAX` in the environment is respected; without it, two.
enum MallocArenas {
    /// Limits the arenas to two unless the environment says otherwise. Call before threads start.
    static func limit() {
        #if os(Linux)
            guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
            // `mallopt` is not in Swift's Glibc module (malloc.h is not part of it); looked up at
            // run time, where a libc without it is simply left alone.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mArenaMax: Int32 = -8  // M_ARENA_MAX in glibc's malloc.h
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mArenaMax, 2)
        #endif
    }
}
