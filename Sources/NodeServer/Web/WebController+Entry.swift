import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Replication
import SyncProtocol

extension WebController {
    /// An enterprise, product or cooperation page: its content, its links to the others, where
    /// it came from (the signed provenance), and schema.org JSON-LD.
    func entry(kind: EntryKind, id: String, _ context: PageContext) async throws -> Page {
        guard let read = try await node.visibleEntry(kind: kind, id: id), let entry = read.entry else {
            return notFound(context)
        }
        return try await entryPage(entry, read: read, context)
    }

    /// The public page of `entry`; with `read` (the stored entry), its provenance and where to
    /// ask about it, without (a preview of an entry not yet published) neither.
    func entryPage(_ entry: Entry, read: CatalogueEntry?, _ context: PageContext) async throws -> Page {
        let kind = entry.kind
        let id = entry.id.rawValue
        let title = context.label(entry.displayName) ?? id
        var values = context.base(title: title)
        values["kind"] = context.text("kindOne.\(kind.rawValue)")
        values["name"] = context.localized(entry.displayName) ?? ["text": id]
        values["lighthouse"] = entry.lighthouse
        // The first picture large (and loaded at once), the others as thumbnails.
        values["pictures"] = entry.pictures.enumerated().compactMap { index, picture -> [String: Any]? in
            var shown = context.picture(picture, box: index == 0 ? 960 : 320)
            shown?["eager"] = index == 0
            return shown
        }
        values["jsonLD"] = Self.jsonLD(entry)
        if let read {
            values["jsonHref"] = "/v1/entries/\(kind.rawValue)/\(id)"
            values["provenance"] = provenance(read.provenance, context)
            values["askHref"] = await askHref(kind: kind, id: id, origin: read.provenance.first?.tag.author, context)
        }
        switch entry {
        case .enterprise(let enterprise): try await describe(enterprise, into: &values, context)
        case .product(let product): try await describe(product, into: &values, context)
        case .cooperation(let cooperation): try await describe(cooperation, into: &values, context)
        }
        return Page(template: kind.rawValue, values: values)
    }

    /// Where a buyer asks about this entry: this node's inquiry form with the entry referenced,
    /// or — on a mirror, which takes no inquiries — the form of the region that published it
    /// (the peer whose author wrote its oldest standing value); `nil` when neither is known.
    func askHref(kind: EntryKind, id: String, origin: AuthorID?, _ context: PageContext) async -> String? {
        let parameters = [("about", "\(kind.rawValue)/\(id)")]
        if inquiries != nil { return context.href("/inquiry", parameters) }
        guard let origin, let board = peerStatus else { return nil }
        let publisher = await board.statuses.values.map(\.peer).filter { $0.authorID == origin }
            .min { $0.name < $1.name }
        return publisher.map { $0.url + context.href("/inquiry", parameters) }
    }

    /// Whether a public buyer may reserve a contract for the enterprise (Directive 2014/24/EU,
    /// Art. 20: at least 30 % disadvantaged staff), with its share in the page's number format;
    /// `nil` when the share is not known.
    func reservedContracts(_ enterprise: Enterprise, _ context: PageContext) -> String? {
        guard let share = enterprise.disadvantagedStaffShare, let eligible = enterprise.qualifiesForReservedContracts
        else { return nil }
        let number = context.number(Decimal(share), fractionDigits: 1)
        return context.text(eligible ? "reservedEligible" : "reservedNotEligible", ["share": number])
    }

    /// A labelled row of a definition list; `nil` when there is nothing to say.
    private func row(_ key: String, _ value: String?, _ context: PageContext) -> [String: Any]? {
        guard let value, !value.isEmpty else { return nil }
        return ["label": context.text(key), "value": value]
    }

    private func describe(
        _ enterprise: Enterprise, into values: inout [String: Any], _ context: PageContext
    ) async throws {
        values["description"] = context.localized(enterprise.description)
        values["facts"] = [
            row("socialModel", context.label(enterprise.socialModel?.label), context),
            row("labourMarket", context.label(enterprise.labourMarket?.label), context),
            row(
                "targetGroups", enterprise.targetGroups.compactMap { context.label($0.label) }.joined(separator: ", "),
                context),
            row("region", enterprise.region.map { context.regionLabel($0.rawValue) }, context),
            row(
                "sectors",
                Self.sectorList(enterprise.sectors, context), context),
            row("legalForm", enterprise.legalForm, context),
            row("founded", enterprise.founded.map(String.init), context),
            row("employees", enterprise.employees.map(String.init), context),
            row("integrationPlaces", enterprise.integrationPlaces.map(String.init), context),
            row("certifications", enterprise.certifications.joined(separator: ", "), context),
            row(
                "workingLanguages",
                enterprise.languages.map { InterfaceText.text("language.\($0.language)", context.language) }
                    .joined(separator: ", "), context),
            row("reservedContracts", reservedContracts(enterprise, context), context),
        ].compactMap { $0 }
        values["capacity"] = context.localized(enterprise.capacityNotes)
        var contact: [String: Any] = [:]
        if let email = enterprise.contact.email?.rawValue { contact["email"] = email }
        if let phone = enterprise.contact.phone?.rawValue {
            contact["phone"] = phone
            contact["phoneHref"] = "tel:" + phone.filter { $0.isNumber || $0 == "+" }
        }
        if let website = Self.safeLink(enterprise.contact.website?.rawValue) { contact["website"] = website }
        if let hours = enterprise.openingHours { contact["openingHours"] = hours }
        if let address = enterprise.address {
            contact["address"] = [
                address.street, [address.postalCode, address.locality].compactMap { $0 }.joined(separator: " "),
                address.country.map { country in
                    // The country's name where the vocabulary has it (NUTS level 0), not "HU".
                    (try? NUTSCode(parsing: country.rawValue)).flatMap { context.label($0.label) } ?? country.rawValue
                },
            ]
            .compactMap { $0 }.filter { !$0.isEmpty }
        }
        values["contact"] = contact.isEmpty ? nil : contact
        values["products"] = try await linked(.product, facet: "enterprise", id: enterprise.id.rawValue, context)
        values["cooperations"] = try await linked(
            .cooperation, facet: "enterprise", id: enterprise.id.rawValue, context)
    }

    private func describe(_ product: Product, into values: inout [String: Any], _ context: PageContext) async throws {
        values["description"] = context.localized(product.description)
        values["facts"] = [
            row("productType", context.label(product.type?.label), context),
            row(
                "categories",
                product.categories.map { code in
                    code.rawValue + (context.label(code.division.label).map { " (\($0))" } ?? "")
                }.joined(separator: "; "), context),
            row(
                "sustainability", product.sustainability.compactMap { context.label($0.label) }.joined(separator: ", "),
                context),
            row(
                "deliveryArea", product.deliveryArea.map { context.regionLabel($0.rawValue) }.joined(separator: ", "),
                context),
        ].compactMap { $0 }
        if let order = product.order {
            let unit = context.label(order.unit).map { " " + $0 } ?? ""
            let price = order.price.flatMap { Self.priceText($0, context) }
            values["order"] = [
                row("minimumQuantity", order.minimumQuantity.map { "\($0)\(unit)" }, context),
                row("leadTime", order.leadTimeDays.map { context.text("days", ["n": String($0)]) }, context),
                row("price", price, context),
            ].compactMap { $0 }
            values["orderNotes"] = context.localized(order.notes)
        }
        values["makers"] = try await named(product.enterprises.map { (EntryKind.enterprise, $0) }, context)
        values["cooperations"] = try await linked(.cooperation, facet: "product", id: product.id.rawValue, context)
        // Reserved contracts are awarded to the enterprise: a product is eligible through a maker.
        var eligibleMakers: [String] = []
        for id in product.enterprises {
            if let read = try await node.visibleEntry(kind: .enterprise, id: id.rawValue),
                case .enterprise(let maker)? = read.entry, maker.qualifiesForReservedContracts == true
            {
                eligibleMakers.append(context.label(maker.name) ?? id.rawValue)
            }
        }
        if !eligibleMakers.isEmpty, var facts = values["facts"] as? [[String: Any]] {
            facts.append([
                "label": context.text("reservedContracts"),
                "value": context.text("reservedThroughMaker", ["makers": eligibleMakers.joined(separator: ", ")]),
            ])
            values["facts"] = facts
        }
    }

    private func describe(
        _ cooperation: Cooperation, into values: inout [String: Any], _ context: PageContext
    ) async throws {
        values["description"] = context.localized(cooperation.description)
        let period = cooperation.period.map { period in
            [period.start?.rawValue, period.end?.rawValue].map { $0 ?? "…" }.joined(separator: " – ")
        }
        values["facts"] = [
            row(
                "regions", cooperation.regions.map { context.regionLabel($0.rawValue) }.joined(separator: ", "), context
            ),
            row(
                "contracting", cooperation.contracting.compactMap { context.label($0.label) }.joined(separator: ", "),
                context),
            row("period", period, context),
            row("volume", context.label(cooperation.volume), context),
            row(
                "contractValue",
                cooperation.contractValue.flatMap { money in
                    money.amount.map { "\($0)" + (money.currency.map { " " + $0.rawValue } ?? "") }
                }, context),
            row("placesCreated", cooperation.outcome?.integrationPlacesCreated.map(String.init), context),
        ].compactMap { $0 }
        values["outcome"] = cooperation.outcome.flatMap { context.localized($0.summary) }
        if let quote = cooperation.quote, let text = context.localized(quote.text) {
            // Who said it: name and role, either alone (an empty name is still a value to
            // Mustache, and a quote without an author read ", Einkauf").
            let caption = [quote.author, context.label(quote.role)].compactMap { $0 }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: ", ")
            var shown: [String: Any] = ["text": text]
            if !caption.isEmpty { shown["caption"] = caption }
            values["quote"] = shown
        }
        values["enterprises"] = try await named(cooperation.enterprises.map { (EntryKind.enterprise, $0) }, context)
        values["partners"] = cooperation.partners.compactMap { partner -> [String: Any]? in
            guard let name = partner.name else { return nil }
            var value: [String: Any] = ["name": name]
            value["type"] = context.label(partner.type?.label)
            if let website = Self.safeLink(partner.website?.rawValue) { value["website"] = website }
            return value
        }
        values["products"] = try await named(cooperation.products.map { (EntryKind.product, $0) }, context)
    }

    /// Entries of `kind` that link to `id` through `facet` (an enterprise's products), as cards.
    private func linked(
        _ kind: EntryKind, facet: String, id: String, _ context: PageContext
    ) async throws
        -> [[String: Any]]
    {
        var query = CatalogueQuery()
        query.kind = kind
        query.facets = [CatalogueQuery.Facet(facet, id)]
        query.limit = 100
        return try await cards(try await node.store.entries(matching: query).items, context)
    }

    /// Linked entries by id, named in the page's language; ids of entries not (yet) held are left out.
    private func named(_ references: [(EntryKind, EntryID)], _ context: PageContext) async throws -> [[String: Any]] {
        var named: [[String: Any]] = []
        for (kind, id) in references {
            guard let entry = try await node.visibleEntry(kind: kind, id: id.rawValue)?.entry else { continue }
            named.append([
                "href": context.href("/\(kind.rawValue)/\(id.rawValue)"),
                "name": context.localized(entry.displayName) ?? ["text": id.rawValue],
            ])
        }
        return named
    }

    /// Who published the entry and who changed it last, from the signed writes that stand.
    /// The node and region that wrote `write`, by the federation's roster.
    func region(_ write: Write) -> String {
        guard let author = node.acceptance.roster.author(write.tag.author) else {
            return String(write.tag.author.rawValue.prefix(12)) + "…"
        }
        return "\(author.name) (\(author.region))"
    }

    private func provenance(_ provenance: Provenance, _ context: PageContext) -> [String: Any] {
        var value: [String: Any] = [
            "conflicts": provenance.conflicts > 0
                ? context.text("conflictsNote", ["n": String(provenance.conflicts)]) : ""
        ]
        if let oldest = provenance.first {
            value["origin"] = region(oldest)
            value["published"] = PageContext.date(oldest.hlc.time)
        }
        if let latest = provenance.latest {
            value["lastRegion"] = region(latest)
            value["lastEditor"] = context.text("byEditor", ["editor": latest.editor])
            value["lastChanged"] = PageContext.date(latest.hlc.time)
        }
        return value
    }

    /// A web address fit for a link: http or https only (never `javascript:` or `data:`).
    static func safeLink(_ url: String?) -> String? {
        guard let url, let scheme = URL(string: url)?.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { return nil }
        return url
    }

    /// The entry as schema.org JSON-LD, safe inside a `<script>` element: `<`, `>` and `&` are
    /// written as JSON escapes, so no text in it can close the element.
    ///
    /// Replaced byte by byte, as `ScalarMarkupEscaping` does and for the same reason: a string
    /// replacement of `"<"` compares grapheme clusters and misses a `<` joined to a combining
    /// mark. The three only occur inside JSON strings, where `\u003c` reads back the same.
    static func jsonLD(_ entry: Entry) -> String {
        let document = CatalogueExport.jsonLD([entry])
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]) else {
            return "{}"
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count)
        for byte in data {
            switch byte {
            case 0x3C: bytes.append(contentsOf: "\\u003c".utf8)
            case 0x3E: bytes.append(contentsOf: "\\u003e".utf8)
            case 0x26: bytes.append(contentsOf: "\\u0026".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An enterprise's NACE codes grouped by division, each group with the division's title
    /// ("18.12, 18.14 (Herstellung von Druckerzeugnissen; …)"), so a buyer reads what the
    /// enterprise does rather than the section ("Herstellung von Waren") every code shares. A
    /// bare section letter is named by its section.
    static func sectorList(_ codes: [NACECode], _ context: PageContext) -> String {
        var groups: [(key: String, codes: [String], label: String?)] = []
        for code in codes {
            let key = code.division ?? code.rawValue
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].codes.append(code.rawValue)
            } else {
                groups.append((key, [code.rawValue], context.label(code.namedDivision?.label ?? code.section.label)))
            }
        }
        return groups.map { group in
            let codes = group.codes.joined(separator: ", ")
            return group.label.map { "\(codes) (\($0))" } ?? codes
        }.joined(separator: ", ")
    }
}
