package import DirectoryModel

/// Where a node keeps its inquiries. Separate from the change store's catalogue on purpose:
/// nothing here is signed, synced or served to the public.
package protocol InquiryStore: Sendable {
    /// Stores a new inquiry; `false` when one with its id is already there (a referral sent
    /// twice), which is left as it is, or was erased (nothing is stored).
    func insert(_ inquiry: Inquiry) async throws -> Bool

    func inquiry(id: String) async throws -> Inquiry?

    /// Inquiries, newest first, optionally in one state.
    func list(state: InquiryState?, limit: Int) async throws -> [Inquiry]

    /// Changes one inquiry in a single transaction; `nil` when there is none with `id`.
    func update(id: String, _ change: @Sendable (inout Inquiry) throws -> Void) async throws -> Inquiry?

    /// Every inquiry of the person with this e-mail address (for a data export).
    func inquiries(email: EmailAddress) async throws -> [Inquiry]

    /// Erases every inquiry of the person with this e-mail address; returns how many.
    func erase(email: EmailAddress) async throws -> Int

    /// Erases the inquiries closed before `time` (ms); returns how many.
    func eraseClosed(before time: Int64) async throws -> Int

    /// Whether an inquiry with this id was erased (its id is kept, nothing else).
    func wasErased(id: String) async throws -> Bool
}
