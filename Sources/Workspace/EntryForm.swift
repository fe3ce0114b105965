package import DirectoryModel
import Foundation

/// The workspace's form for one kind of entry: every field of the entry document, in sections,
/// and the two ways between a form and a document — the values a document gives the form's
/// inputs, and the document a submitted form makes (then read by the rules every entry file
/// and `POST /v1/publish` follow, `EntryDecoding`).
///
/// An input is named by the field's path as validation reports it (`name.de`,
/// `address.locality`, `partners[0].name`), so a problem lands at its input by name. Lists of
/// terms and codes are checkboxes of named choices plus a line for other codes; links to
/// other entries are checkboxes of the linked entries (a search adds candidates); lists of
/// small objects are rows (one empty row to add another).
package struct EntryForm: Sendable {
    /// What kind of input a field is.
    package enum Control: Sendable, Hashable {
        /// One line of text, at most `maxLength` characters.
        case text(maxLength: Int)
        /// A text in each of the catalogue's languages, side by side.
        case localized(multiline: Bool, maxLength: Int)
        /// A whole number.
        case integer
        /// A decimal number (a comma is read as the decimal point: `12,5`).
        case decimal
        /// A yes/no checkbox.
        case flag
        /// One of `options`, or none.
        case choice([Option])
        /// Any of `options`; with `otherCodes`, a line for further codes (space- or
        /// comma-separated) that the options do not name.
        case choices([Option], otherCodes: Bool)
        /// Several lines, one value each.
        case lines(maxLength: Int)
        /// Links to entries of `kind`, chosen by search.
        case links(EntryKind)
        /// A list of objects, each a row of `fields` (paths relative to the row).
        case rows([Field])
    }

    /// A choice: the value written to the document and its label.
    package struct Option: Sendable, Hashable {
        package var value: String
        package var label: LocalizedText

        package init(_ value: String, _ label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    package struct Field: Sendable, Hashable {
        /// The dotted path in the document (`address.locality`); in a row, relative to the row.
        package var path: String
        package var control: Control
        /// Required by the entry rules (a form marks it so).
        package var required: Bool

        package init(_ path: String, _ control: Control, required: Bool = false) {
            self.path = path
            self.control = control
            self.required = required
        }
    }

    package struct Section: Sendable, Hashable {
        /// A name for the section's heading (`basics`, `place` …).
        package var name: String
        package var fields: [Field]
    }

    package let kind: EntryKind
    package let sections: [Section]

    package var fields: [Field] { sections.flatMap(\.fields) }

    /// Languages every text offers an input for; a document's further languages are added.
    package static let languages: [LanguageTag] = LanguageTag.catalogueLanguages

    package init(kind: EntryKind) {
        self.kind = kind
        sections = Self.sections(for: kind)
    }
}

extension EntryForm {
    static func options<Term: VocabularyTerm>(_ type: Term.Type) -> [Option] {
        Term.allCases.map { Option($0.rawValue, $0.label) }
    }

    /// The partnership's regions and their subregions, by name.
    static var regions: [Option] {
        [
            "AT11", "AT111", "AT112", "AT113", "AT12", "AT121", "AT122", "AT123", "AT124", "AT125", "AT126", "AT127",
            "AT13", "AT130", "AT22", "AT221", "AT222", "AT223", "AT224", "AT225", "AT226", "HU22", "HU221", "HU222",
            "HU223", "AT", "HU",
        ]
        .compactMap { code in
            (try? NUTSCode(parsing: code))?.label.map { Option(code, $0) }
        }
    }

    static var sectors: [Option] { NACEDivision.all.map { Option($0.code, $0.label) } }

    static var categories: [Option] {
        CPVDivision.all.compactMap { division in division.rootCode.map { Option($0.rawValue, division.label) } }
    }

    static var workingLanguages: [Option] {
        LanguageTag.catalogueLanguages.map { language in
            Option(
                language.rawValue,
                [
                    .german: ["de": "Deutsch", "hu": "Ungarisch", "en": "Englisch"][language.rawValue] ?? "",
                    .hungarian: ["de": "német", "hu": "magyar", "en": "angol"][language.rawValue] ?? "",
                    .english: ["de": "German", "hu": "Hungarian", "en": "English"][language.rawValue] ?? "",
                ])
        }
    }

    static var pictureRow: [Field] {
        [Field("alt", .localized(multiline: false, maxLength: EntryLimits.altText), required: true)]
    }

    private static func sections(for kind: EntryKind) -> [Section] {
        let line = Control.text(maxLength: EntryLimits.name)
        let name = Control.localized(multiline: false, maxLength: EntryLimits.name)
        let long = Control.localized(multiline: true, maxLength: EntryLimits.description)
        switch kind {
        case .enterprise:
            return [
                Section(
                    name: "basics",
                    fields: [
                        Field("name", name, required: true), Field("legalForm", line),
                        Field("socialModel", .choice(options(SocialModel.self)), required: true),
                        Field("labourMarket", .choice(options(LabourMarket.self))),
                        Field("targetGroups", .choices(options(TargetGroup.self), otherCodes: false)),
                        Field("description", long), Field("lighthouse", .flag),
                    ]),
                Section(
                    name: "place",
                    fields: [
                        Field("region", .choice(regions), required: true), Field("address.street", line),
                        Field("address.postalCode", line), Field("address.locality", line),
                        Field("address.country", .text(maxLength: 2)), Field("geo.latitude", .decimal),
                        Field("geo.longitude", .decimal), Field("openingHours", line),
                    ]),
                Section(
                    name: "contact",
                    fields: [
                        Field("contact.email", line), Field("contact.phone", line), Field("contact.website", line),
                        Field("languages", .choices(workingLanguages, otherCodes: true)),
                    ]),
                Section(
                    name: "work",
                    fields: [
                        Field("sectors", .choices(sectors, otherCodes: true)), Field("capacityNotes", long),
                        Field("founded", .integer), Field("employees", .integer),
                        Field("integrationPlaces", .integer), Field("disadvantagedStaffShare", .decimal),
                        Field("certifications", .lines(maxLength: EntryLimits.name)),
                    ]),
                Section(
                    name: "register",
                    fields: [Field("companyRegisterNumber", line), Field("vatNumber", line)]),
                Section(name: "pictures", fields: [Field("pictures", .rows(pictureRow))]),
            ]
        case .product:
            return [
                Section(
                    name: "basics",
                    fields: [
                        Field("type", .choice(options(ProductType.self)), required: true),
                        Field("name", name, required: true), Field("description", long),
                        Field("enterprises", .links(.enterprise), required: true), Field("lighthouse", .flag),
                    ]),
                Section(
                    name: "classification",
                    fields: [
                        Field("categories", .choices(categories, otherCodes: true)),
                        Field("sustainability", .choices(options(SustainabilityAttribute.self), otherCodes: false)),
                        Field("deliveryArea", .choices(regions, otherCodes: true)),
                    ]),
                Section(
                    name: "order",
                    fields: [
                        Field("order.minimumQuantity", .integer), Field("order.unit", name),
                        Field("order.leadTimeDays", .integer), Field("order.price.onRequest", .flag),
                        Field("order.price.from", .decimal), Field("order.price.to", .decimal),
                        Field("order.price.currency", .text(maxLength: 3)), Field("order.notes", long),
                    ]),
                Section(
                    name: "images",
                    fields: [
                        Field(
                            "images",
                            .rows([
                                Field("url", line, required: true),
                                Field("alt", .localized(multiline: false, maxLength: EntryLimits.altText)),
                            ]))
                    ]),
                Section(name: "pictures", fields: [Field("pictures", .rows(pictureRow))]),
            ]
        case .cooperation:
            return [
                Section(
                    name: "basics",
                    fields: [
                        Field("title", name, required: true), Field("description", long),
                        Field("enterprises", .links(.enterprise), required: true),
                        Field("products", .links(.product)), Field("lighthouse", .flag),
                    ]),
                Section(
                    name: "partners",
                    fields: [
                        Field(
                            "partners",
                            .rows([
                                Field("name", line), Field("type", .choice(options(PartnerType.self))),
                                Field("country", .text(maxLength: 2)), Field("website", line),
                            ]))
                    ]),
                Section(
                    name: "contract",
                    fields: [
                        Field(
                            "contracting", .choices(options(ContractingMethod.self), otherCodes: false), required: true),
                        Field("regions", .choices(regions, otherCodes: true)),
                        Field("period.start", .text(maxLength: 10)), Field("period.end", .text(maxLength: 10)),
                        Field("volume", name), Field("contractValue.amount", .decimal),
                        Field("contractValue.currency", .text(maxLength: 3)),
                    ]),
                Section(
                    name: "outcome",
                    fields: [
                        Field("outcome.integrationPlacesCreated", .integer), Field("outcome.summary", long),
                        Field("quote.text", long), Field("quote.author", line), Field("quote.role", name),
                    ]),
                Section(name: "pictures", fields: [Field("pictures", .rows(pictureRow))]),
            ]
        }
    }
}
