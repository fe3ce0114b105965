import Foundation

extension Entry {
    /// Every problem with the entry, paths relative to the entry. An empty result means the
    /// entry may be published.
    public func validate(context: ValidationContext = ValidationContext()) -> [ValidationIssue] {
        switch self {
        case .enterprise(let enterprise): enterprise.validate(context: context)
        case .product(let product): product.validate(context: context)
        case .cooperation(let cooperation): cooperation.validate(context: context)
        }
    }
}

extension Enterprise {
    public func validate(context: ValidationContext = ValidationContext()) -> [ValidationIssue] {
        var check = FieldChecker()
        let root = FieldPath.root
        check.localized(name, root.appending("name"), maxLength: EntryLimits.name, required: true)
        check.text(legalForm, root.appending("legalForm"), maxLength: EntryLimits.label)
        check.require(
            socialModel != nil, root.appending("socialModel"),
            " (one of: \(SocialModel.allRawValues.joined(separator: ", ")))")
        check.list(targetGroups, root.appending("targetGroups"))
        check.require(region != nil, root.appending("region"), " (a NUTS code, e.g. AT12)")
        if let address {
            let path = root.appending("address")
            check.text(address.street, path.appending("street"), maxLength: EntryLimits.addressLine)
            check.text(address.locality, path.appending("locality"), maxLength: EntryLimits.addressLine)
            check.require(address.locality != nil, path.appending("locality"))
            check.require(address.country != nil, path.appending("country"), " (ISO 3166-1 code, e.g. AT)")
            if let postalCode = address.postalCode {
                if let problem = Address.postalCodeProblem(postalCode, country: address.country) {
                    check.add(path.appending("postalCode"), problem)
                }
            }
            if let country = address.country, let region, region.isoCountry != country.rawValue {
                check.add(
                    path.appending("country"),
                    "is \(country.rawValue), but the region \(region.rawValue) lies in \(region.isoCountry)")
            }
        }
        if let geo {
            let path = root.appending("geo")
            check.range(geo.latitude, path.appending("latitude"), -90...90)
            check.range(geo.longitude, path.appending("longitude"), -180...180)
        }
        check.list(sectors, root.appending("sectors"))
        check.localized(description, root.appending("description"), maxLength: EntryLimits.description, multiline: true)
        check.range(founded, root.appending("founded"), EntryLimits.earliestFoundingYear...context.currentYear)
        check.range(employees, root.appending("employees"), 0...EntryLimits.maximumHeadcount)
        check.range(integrationPlaces, root.appending("integrationPlaces"), 0...EntryLimits.maximumHeadcount)
        if let share = disadvantagedStaffShare, !(share.isFinite && (0...100).contains(share)) {
            check.add(root.appending("disadvantagedStaffShare"), "must be a percentage between 0 and 100")
        }
        check.text(companyRegisterNumber, root.appending("companyRegisterNumber"), maxLength: EntryLimits.label)
        check.localized(capacityNotes, root.appending("capacityNotes"), maxLength: EntryLimits.notes, multiline: true)
        check.text(openingHours, root.appending("openingHours"), maxLength: EntryLimits.openingHours)
        check.list(certifications.map(\.setElement), root.appending("certifications"))
        for (index, certification) in certifications.enumerated() {
            check.text(certification, root.appending("certifications").appending(index), maxLength: EntryLimits.label)
        }
        check.list(languages, root.appending("languages"))
        check.pictures(pictures, root.appending("pictures"), context: context)
        return check.issues
    }
}

extension Address {
    /// Why `code` is not a postal code of `country`, or `nil` if it is plausible.
    ///
    /// Austria and Hungary use four digits, Germany five; elsewhere 2–10 letters, digits,
    /// spaces or hyphens.
    public static func postalCodeProblem(_ code: String, country: CountryCode?) -> String? {
        let trimmed = code.trimmed
        switch country?.rawValue {
        case "AT", "HU", "CH", "SI", "LI":
            return trimmed.utf8.count == 4 && trimmed.isASCIIDigits
                ? nil : "\(code.quotedForMessage) is not a postal code of \(country?.rawValue ?? "") (4 digits)"
        case "DE", "HR", "IT", "FR", "ES":
            return trimmed.utf8.count == 5 && trimmed.isASCIIDigits
                ? nil : "\(code.quotedForMessage) is not a postal code of \(country?.rawValue ?? "") (5 digits)"
        default:
            let allowed = trimmed.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == " " || $0 == "-" }
            return (2...10).contains(trimmed.utf8.count) && allowed
                ? nil : "\(code.quotedForMessage) is not a postal code (2 to 10 letters, digits, spaces or hyphens)"
        }
    }
}

extension NUTSCode {
    /// The ISO 3166 country of the region (NUTS writes Greece `EL` and the United Kingdom `UK`).
    var isoCountry: String {
        switch country {
        case "EL": "GR"
        case "UK": "GB"
        default: country
        }
    }
}

extension Product {
    public func validate(context: ValidationContext = ValidationContext()) -> [ValidationIssue] {
        var check = FieldChecker()
        let root = FieldPath.root
        check.require(type != nil, root.appending("type"), " (product or service)")
        check.localized(name, root.appending("name"), maxLength: EntryLimits.name, required: true)
        check.localized(description, root.appending("description"), maxLength: EntryLimits.description, multiline: true)
        check.list(enterprises, root.appending("enterprises"), required: true)
        check.list(categories, root.appending("categories"))
        check.list(sustainability, root.appending("sustainability"))
        check.list(deliveryArea, root.appending("deliveryArea"))
        if let order {
            let path = root.appending("order")
            check.localized(order.unit, path.appending("unit"), maxLength: EntryLimits.label)
            check.range(order.minimumQuantity, path.appending("minimumQuantity"), 1...EntryLimits.maximumQuantity)
            check.range(order.leadTimeDays, path.appending("leadTimeDays"), 0...EntryLimits.maximumLeadTimeDays)
            check.localized(order.notes, path.appending("notes"), maxLength: EntryLimits.notes, multiline: true)
            if let price = order.price {
                price.check(into: &check, at: path.appending("price"))
            }
        }
        check.list(images.map(\.url), root.appending("images"), maxCount: EntryLimits.images)
        for (index, image) in images.enumerated() {
            check.localized(
                image.alt, root.appending("images").appending(index).appending("alt"), maxLength: EntryLimits.altText)
        }
        check.pictures(pictures, root.appending("pictures"), context: context)
        return check.issues
    }
}

extension Price {
    fileprivate func check(into check: inout FieldChecker, at path: FieldPath) {
        let hasRange = from != nil || to != nil
        if onRequest && hasRange {
            check.add(path, "give either onRequest: true or a range (from/to), not both")
        } else if !onRequest && !hasRange {
            check.add(path, "give onRequest: true or a range (from and/or to, with currency)")
        }
        if let from, from < 0 { check.add(path.appending("from"), "must not be negative") }
        if let to, to < 0 { check.add(path.appending("to"), "must not be negative") }
        if let from, let to, from > to { check.add(path.appending("to"), "must not be less than from (\(from))") }
        if hasRange && currency == nil {
            check.add(path.appending("currency"), "is required with a price range (e.g. EUR)")
        }
    }
}

extension Cooperation {
    public func validate(context: ValidationContext = ValidationContext()) -> [ValidationIssue] {
        var check = FieldChecker()
        let root = FieldPath.root
        check.localized(title, root.appending("title"), maxLength: EntryLimits.name, required: true)
        check.localized(description, root.appending("description"), maxLength: EntryLimits.description, multiline: true)
        check.list(enterprises, root.appending("enterprises"), required: true)
        check.list(partners.compactMap(\.name).map(\.setElement), root.appending("partners"))
        for (index, partner) in partners.enumerated() {
            let path = root.appending("partners").appending(index)
            check.require(partner.name != nil, path.appending("name"))
            check.text(partner.name, path.appending("name"), maxLength: EntryLimits.name)
            check.require(
                partner.type != nil, path.appending("type"),
                " (one of: \(PartnerType.allRawValues.joined(separator: ", ")))")
        }
        check.list(products, root.appending("products"))
        check.list(contracting, root.appending("contracting"), required: true)
        check.list(regions, root.appending("regions"))
        if let period {
            check.require(period.start != nil, root.appending("period").appending("start"))
            if let start = period.start, let end = period.end, !start.mayPrecede(end) {
                check.add(root.appending("period").appending("end"), "is before the start (\(start.rawValue))")
            }
        }
        check.localized(volume, root.appending("volume"), maxLength: EntryLimits.label)
        if let value = contractValue {
            let path = root.appending("contractValue")
            check.require(value.amount != nil, path.appending("amount"))
            if let amount = value.amount, amount < 0 { check.add(path.appending("amount"), "must not be negative") }
            check.require(value.currency != nil, path.appending("currency"), " (e.g. EUR)")
        }
        if let outcome {
            let path = root.appending("outcome")
            check.range(
                outcome.integrationPlacesCreated, path.appending("integrationPlacesCreated"),
                0...EntryLimits.maximumHeadcount)
            check.localized(outcome.summary, path.appending("summary"), maxLength: EntryLimits.notes, multiline: true)
        }
        if let quote {
            let path = root.appending("quote")
            check.localized(
                quote.text, path.appending("text"), maxLength: EntryLimits.quote, multiline: true, required: true)
            check.text(quote.author, path.appending("author"), maxLength: EntryLimits.name)
            check.localized(quote.role, path.appending("role"), maxLength: EntryLimits.name)
        }
        check.pictures(pictures, root.appending("pictures"), context: context)
        return check.issues
    }
}
