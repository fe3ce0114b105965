/// Reads entries from documents (parsed YAML or JSON) and validates them, collecting every
/// problem with its path.
public enum EntryDecoding {
    /// The outcome of reading one entry: the entry when it could be built, and every problem.
    ///
    /// An entry is returned even when it has problems (missing fields are `nil`), so callers can
    /// show what was understood; it is only safe to publish when `issues` is empty.
    public struct Result: Sendable {
        public var entry: Entry?
        public var issues: [ValidationIssue]

        /// The entry if it has no problems at all.
        public var validEntry: Entry? { issues.isEmpty ? entry : nil }
    }

    /// Reads and validates one entry.
    ///
    /// - Parameters:
    ///   - value: the entry's document, an object with `kind`, `id` and the kind's fields.
    ///   - path: where the entry sits in its file (e.g. `products[2]`), prefixed to every issue.
    ///   - impliedKind: the kind given by the surrounding file (a `products:` list); a `kind`
    ///     field may then be left out, and must agree if present.
    public static func read(
        _ value: DocumentValue, at path: FieldPath = .root, impliedKind: EntryKind? = nil,
        context: ValidationContext = ValidationContext()
    ) -> Result {
        let log = IssueLog()
        guard var reader = ObjectReader(value, at: path, log: log, expecting: "an entry (a map of fields)") else {
            return Result(entry: nil, issues: log.issues)
        }
        let statedKind: EntryKind? = reader.term("kind")
        if statedKind == nil, impliedKind == nil, reader.object["kind"] == nil {
            log.add(path.appending("kind"), "is required (one of: \(EntryKind.allRawValues.joined(separator: ", ")))")
        }
        if let statedKind, let impliedKind, statedKind != impliedKind {
            log.add(
                path.appending("kind"),
                "is \(statedKind.rawValue), but the entry is in the list of \(impliedKind.rawValue)s")
        }
        let id: EntryID? = reader.code("id")
        if id == nil, reader.object["id"] == nil || reader.object["id"] == .null {
            log.add(path.appending("id"), "is required (a UUID; mint one with `uuidgen`)")
        }
        guard let kind = impliedKind ?? statedKind else {
            return Result(entry: nil, issues: log.issues)
        }
        // Without a usable id the fields are still read and checked, so every problem of the
        // entry shows at once; the entry itself is not returned.
        let readID = id ?? EntryID(known: "00000000-0000-0000-0000-000000000000")
        let entry: Entry
        switch kind {
        case .enterprise: entry = .enterprise(readEnterprise(id: readID, from: &reader))
        case .product: entry = .product(readProduct(id: readID, from: &reader))
        case .cooperation: entry = .cooperation(readCooperation(id: readID, from: &reader))
        }
        reader.finish()
        for issue in entry.validate(context: context) {
            let issuePath = path.appending(issue.path)
            if !log.hasIssue(within: issuePath) {
                log.add(issuePath, issue.message)
            }
        }
        return Result(entry: id == nil ? nil : entry, issues: log.issues)
    }

    private static func readEnterprise(id: EntryID, from reader: inout ObjectReader) -> Enterprise {
        var enterprise = Enterprise(id: id)
        enterprise.name = reader.localizedText("name")
        enterprise.legalForm = reader.string("legalForm")
        enterprise.socialModel = reader.term("socialModel")
        enterprise.labourMarket = reader.term("labourMarket")
        enterprise.targetGroups = reader.terms("targetGroups")
        enterprise.region = reader.code("region")
        enterprise.address = reader.object("address", expecting: "an address (street, postalCode, locality, country)") {
            Address(
                street: $0.string("street"), postalCode: $0.string("postalCode"), locality: $0.string("locality"),
                country: $0.code("country"))
        }
        enterprise.geo =
            reader.object("geo", expecting: "a position (latitude, longitude)") { geo -> GeoPosition? in
                let latitude = geo.read("latitude") { ValueReader.double($0, at: $1, log: $2, in: -90...90) }
                let longitude = geo.read("longitude") { ValueReader.double($0, at: $1, log: $2, in: -180...180) }
                if geo.object["latitude"] == nil { geo.log.add(geo.path.appending("latitude"), "is required") }
                if geo.object["longitude"] == nil { geo.log.add(geo.path.appending("longitude"), "is required") }
                guard let latitude, let longitude else { return nil }
                return GeoPosition(latitude: latitude, longitude: longitude)
            } ?? nil
        enterprise.contact =
            reader.object("contact", expecting: "contact details (email, phone, website)") {
                Contact(email: $0.code("email"), phone: $0.code("phone"), website: $0.code("website"))
            } ?? Contact()
        enterprise.sectors = reader.codes("sectors")
        enterprise.description = reader.localizedText("description")
        enterprise.founded = reader.integer("founded", in: 1000...9999)
        enterprise.employees = reader.integer("employees", in: 0...EntryLimits.maximumHeadcount)
        enterprise.integrationPlaces = reader.integer("integrationPlaces", in: 0...EntryLimits.maximumHeadcount)
        enterprise.disadvantagedStaffShare = reader.read("disadvantagedStaffShare") {
            ValueReader.double($0, at: $1, log: $2, in: 0...100)
        }
        enterprise.companyRegisterNumber = reader.string("companyRegisterNumber")
        enterprise.vatNumber = reader.code("vatNumber")
        enterprise.capacityNotes = reader.localizedText("capacityNotes")
        enterprise.openingHours = reader.string("openingHours")
        enterprise.certifications = reader.list("certifications", ValueReader.string)
        enterprise.languages = reader.codes("languages")
        enterprise.pictures = reader.list("pictures", readPicture)
        enterprise.lighthouse = reader.bool("lighthouse") ?? false
        return enterprise
    }

    private static func readProduct(id: EntryID, from reader: inout ObjectReader) -> Product {
        var product = Product(id: id)
        product.type = reader.term("type")
        product.name = reader.localizedText("name")
        product.description = reader.localizedText("description")
        product.enterprises = reader.codes("enterprises")
        product.categories = reader.codes("categories")
        product.sustainability = reader.terms("sustainability")
        product.deliveryArea = reader.codes("deliveryArea")
        product.order = reader.object(
            "order", expecting: "order information (minimumQuantity, unit, leadTimeDays, price, notes)"
        ) {
            order in
            OrderInformation(
                minimumQuantity: order.integer("minimumQuantity", in: 1...EntryLimits.maximumQuantity),
                unit: order.localizedText("unit"),
                leadTimeDays: order.integer("leadTimeDays", in: 0...EntryLimits.maximumLeadTimeDays),
                price: order.object("price", expecting: "a price (onRequest, or from/to and currency)") { price in
                    Price(
                        onRequest: price.bool("onRequest") ?? false,
                        from: price.read("from", ValueReader.decimal),
                        to: price.read("to", ValueReader.decimal),
                        currency: price.code("currency"))
                },
                notes: order.localizedText("notes"))
        }
        product.images = reader.list("images") { value, path, log in
            // An image is a URL, or a map with `url` and `alt` text.
            if case .object = value {
                guard var image = ObjectReader(value, at: path, log: log, expecting: "an image") else { return nil }
                defer { image.finish() }
                let url: WebURL? = image.code("url")
                let alt = image.localizedText("alt")
                if image.object["url"] == nil { log.add(path.appending("url"), "is required") }
                return url.map { ImageReference(url: $0, alt: alt) }
            }
            return ValueReader.code(value, at: path, log: log).map { ImageReference(url: $0) }
        }
        product.pictures = reader.list("pictures", readPicture)
        product.lighthouse = reader.bool("lighthouse") ?? false
        return product
    }

    private static func readCooperation(id: EntryID, from reader: inout ObjectReader) -> Cooperation {
        var cooperation = Cooperation(id: id)
        cooperation.title = reader.localizedText("title")
        cooperation.description = reader.localizedText("description")
        cooperation.enterprises = reader.codes("enterprises")
        cooperation.partners = reader.list("partners") { value, path, log in
            guard var partner = ObjectReader(value, at: path, log: log, expecting: "a partner (name, type)") else {
                return nil
            }
            defer { partner.finish() }
            return OutsidePartner(
                name: partner.string("name"), type: partner.term("type"), country: partner.code("country"),
                website: partner.code("website"))
        }
        cooperation.products = reader.codes("products")
        cooperation.contracting = reader.terms("contracting")
        cooperation.regions = reader.codes("regions")
        cooperation.period = reader.object("period", expecting: "a period (start, end)") {
            Period(start: $0.code("start"), end: $0.code("end"))
        }
        cooperation.volume = reader.localizedText("volume")
        cooperation.contractValue = reader.object("contractValue", expecting: "an amount (amount, currency)") {
            Money(amount: $0.read("amount", ValueReader.decimal), currency: $0.code("currency"))
        }
        cooperation.outcome = reader.object("outcome", expecting: "an outcome (integrationPlacesCreated, summary)") {
            Outcome(
                integrationPlacesCreated: $0.integer("integrationPlacesCreated", in: 0...EntryLimits.maximumHeadcount),
                summary: $0.localizedText("summary"))
        }
        cooperation.quote = reader.object("quote", expecting: "a quote (text, author, role)") {
            ClientQuote(text: $0.localizedText("text"), author: $0.string("author"), role: $0.localizedText("role"))
        }
        cooperation.pictures = reader.list("pictures", readPicture)
        cooperation.lighthouse = reader.bool("lighthouse") ?? false
        return cooperation
    }

    /// A picture: as uploaded, `{sha256, type, width, height, bytes}`; in an entry file also
    /// `{file: path}` or `{url: https://…}`, which the CLI uploads. Each with `alt` per language
    /// and an optional `logo: true`.
    static func readPicture(_ value: DocumentValue, _ path: FieldPath, _ log: IssueLog) -> PictureReference? {
        guard
            var picture = ObjectReader(
                value, at: path, log: log,
                expecting: "a picture (sha256, type, width, height, bytes and alt; or file and alt)")
        else { return nil }
        defer { picture.finish() }
        let alt = picture.localizedText("alt")
        let logo = picture.bool("logo") ?? false
        if picture.object["file"] != nil {
            return picture.string("file").map { PictureReference(source: .file($0), alt: alt, logo: logo) }
        }
        if picture.object["url"] != nil {
            let url: WebURL? = picture.code("url")
            return url.map { PictureReference(source: .address($0), alt: alt, logo: logo) }
        }
        let sha256: PictureHash? = picture.code("sha256")
        let typeText = picture.string("type")
        let type = typeText.flatMap(PictureType.init(rawValue:))
        if let typeText, type == nil {
            log.add(path.appending("type"), "is \(typeText.quotedForMessage); one of jpeg, png, webp")
        }
        let width = picture.integer("width", in: 1...EntryLimits.pictureSide)
        let height = picture.integer("height", in: 1...EntryLimits.pictureSide)
        let bytes = picture.integer("bytes", in: 1...EntryLimits.pictureBytes)
        for key in ["sha256", "type", "width", "height", "bytes"] where picture.object[key] == nil {
            log.add(path.appending(key), "is required (or `file:`, a picture file that `sopro-node publish` uploads)")
        }
        guard let sha256, let type, let width, let height, let bytes else { return nil }
        return PictureReference(
            source: .stored(PictureInfo(sha256: sha256, type: type, width: width, height: height, bytes: bytes)),
            alt: alt, logo: logo)
    }
}
