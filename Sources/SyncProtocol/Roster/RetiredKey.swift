/// A key that no longer signs for the federation, and the last seq of its log that stays valid:
/// changes by it up to `last` are kept and applied everywhere, later ones are refused and dropped
/// (0: none stays). Named by a roster version (a member left, a key was replaced) or by a key
/// event (a rotation, revocation or fork resolution).
public struct RetiredKey: Hashable, Sendable {
    public var key: AuthorID
    public var last: UInt64

    public init(key: AuthorID, last: UInt64) {
        self.key = key
        self.last = last
    }
}
