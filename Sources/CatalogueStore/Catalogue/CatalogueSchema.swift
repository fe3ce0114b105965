package import DirectoryModel
package import SyncProtocol

/// The one declared place where the catalogue's entries meet the CRDT: which fields of each
/// kind are registers, localized registers or sets, and how their values are written.
///
/// `SyncProtocol` validates operations against `fieldSchema`; publishing flattens entries into
/// these fields (`EntryFields`) and the node rebuilds entries from merged state
/// (`EntryMaterializer`). Values travel as JSON without fractions, so decimals (a latitude, a
/// price) are written as strings inside their registers.
package enum CatalogueSchema {
    /// How one field of an entry document maps to the CRDT.
    package struct Field: Sendable {
        /// The dotted document path, which is also the register or set name (`address.locality`).
        package var path: String
        package var shape: FieldSchema.Shape
        /// Sub-fields of an object register that the document writes as numbers.
        package var numericMembers: Set<String> = []
        /// A register holding a decimal number, carried as a normalised decimal string.
        package var isDecimal = false
    }

    static func decimal(_ path: String) -> Field {
        Field(path: path, shape: .register(.string), isDecimal: true)
    }

    static func register(_ path: String, _ type: FieldSchema.ValueType = .string, numeric: Set<String> = []) -> Field {
        Field(path: path, shape: .register(type), numericMembers: numeric)
    }

    static func localized(_ path: String) -> Field { Field(path: path, shape: .localized) }

    static func set(_ path: String, _ type: FieldSchema.ValueType = .string) -> Field {
        Field(path: path, shape: .set(type))
    }

    /// The fields of each kind, in document order.
    package static let fields: [EntryKind: [Field]] = [
        .enterprise: [
            localized("name"), register("legalForm"), register("socialModel"), register("labourMarket"),
            set("targetGroups"), register("region"), register("address.street"), register("address.postalCode"),
            register("address.locality"), register("address.country"),
            register("geo", .object, numeric: ["latitude", "longitude"]), register("contact.email"),
            register("contact.phone"), register("contact.website"), set("sectors"), localized("description"),
            register("founded", .integer), register("employees", .integer), register("integrationPlaces", .integer),
            decimal("disadvantagedStaffShare"), register("companyRegisterNumber"), register("vatNumber"),
            localized("capacityNotes"), register("openingHours"), set("certifications"), set("languages"),
            register("pictures", .any),
            register("lighthouse", .boolean),
        ],
        .product: [
            register("type"), localized("name"), localized("description"), set("enterprises"), set("categories"),
            set("sustainability"), set("deliveryArea"), register("order.minimumQuantity", .integer),
            localized("order.unit"), register("order.leadTimeDays", .integer),
            register("order.price", .object, numeric: ["from", "to"]), localized("order.notes"),
            set("images", .any), register("pictures", .any), register("lighthouse", .boolean),
        ],
        .cooperation: [
            localized("title"), localized("description"), set("enterprises"), set("partners", .object),
            set("products"), set("contracting"), set("regions"), register("period", .object), localized("volume"),
            register("contractValue", .object, numeric: ["amount"]),
            register("outcome.integrationPlacesCreated", .integer), localized("outcome.summary"),
            localized("quote.text"), register("quote.author"), localized("quote.role"), register("pictures", .any),
            register("lighthouse", .boolean),
        ],
    ]

    /// The schema `SyncProtocol` checks operations against.
    package static let fieldSchema = FieldSchema(
        kinds: Dictionary(
            uniqueKeysWithValues: fields.map { kind, fields in
                (kind.rawValue, Dictionary(uniqueKeysWithValues: fields.map { ($0.path, $0.shape) }))
            }), entryIDs: .canonicalUUID)
}
