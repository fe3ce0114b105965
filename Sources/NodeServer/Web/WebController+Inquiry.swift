import Brokerage
import CatalogueStore
import DirectoryModel
import Foundation
import Hummingbird

extension WebController {
    /// The inquiry form's fields, in order: name, kind, whether required, limits.
    private enum FieldKind {
        case textarea, text, email, tel, date, region, categories, organisationType, language, consent
    }

    private static var formFields: [(name: String, kind: FieldKind, required: Bool, maxlength: Int)] {
        [
            ("need", .textarea, true, InquiryDraft.Limits.need.upperBound),
            ("quantity", .text, false, InquiryDraft.Limits.shortText),
            ("wantedBy", .date, false, 10),
            ("deliveryRegion", .region, true, 0),
            ("categories", .categories, false, 0),
            ("organisationType", .organisationType, true, 0),
            ("organisation", .text, false, InquiryDraft.Limits.shortText),
            ("contactName", .text, true, InquiryDraft.Limits.contactName.upperBound),
            ("email", .email, true, 254),
            ("phone", .tel, false, 40),
            ("language", .language, true, 0),
            ("consent", .consent, true, 0),
        ]
    }

    /// The regions offered for delivery: the partnership's regions and their countries.
    static var deliveryRegions: [String] { ["AT11", "AT12", "AT13", "AT22", "HU22", "AT1", "AT2", "AT", "HU2", "HU"] }

    /// The empty form, or (after a submission with problems) the form as filled in, with a
    /// message at each field in the page's language and a summary that links to them.
    func inquiryForm(
        _ context: PageContext, values form: FormBody? = nil, problems: [InquiryProblem] = []
    ) async throws
        -> Page
    {
        var values = context.base(title: context.text("navInquiry"))
        values["actionHref"] = context.href("/inquiry")
        // Started from an entry's page ("ask about this"): the entry is named and sent along. A
        // reference to nothing visible here is dropped rather than shown.
        let about = form?["about"] ?? context.query.first { $0.0 == "about" }?.1
        if let about, let topic = try? InquiryTopic(parsing: about),
            let entry = try await node.visibleEntry(kind: topic.kind, id: topic.id.rawValue)?.entry
        {
            values["about"] =
                [
                    "value": topic.description, "href": context.href("/\(topic.kind.rawValue)/\(topic.id.rawValue)"),
                    "kind": context.text("kindOne.\(topic.kind.rawValue)"),
                    "name": context.localized(entry.displayName) ?? ["text": topic.id.rawValue],
                ] as [String: Any]
        }
        // An empty search's text, as the start of the need.
        let suggestedNeed = form == nil ? context.query.first { $0.0 == "need" }?.1 : nil
        let language = context.language
        func message(_ problem: InquiryProblem) -> String {
            switch problem.reason {
            case .required: return context.text("err.required")
            case .tooShort(let minimum): return context.text("err.tooShort", ["n": String(minimum)])
            case .tooLong(let maximum): return context.text("err.tooLong", ["n": String(maximum)])
            case .tooManyBytes(let maximum): return context.text("err.tooManyBytes", ["n": String(maximum)])
            case .tooMany(let maximum): return context.text("err.tooMany", ["n": String(maximum)])
            case .malformed(let detail):
                let field = String(problem.field.prefix { $0 != "[" })
                let key = "err.malformed.\(field)"
                return InterfaceText.table[key] != nil
                    ? context.text(key, ["detail": detail]) : context.text("err.malformed", ["detail": detail])
            case .inThePast: return context.text("err.inThePast")
            case .notOffered: return context.text("err.notOffered")
            case .refusedCharacter(let character):
                return context.text("err.refusedCharacter", ["character": character.codePoint])
            case .consentMissing: return context.text("err.consentMissing")
            }
        }
        var errors: [[String: Any]] = []
        values["fields"] = Self.formFields.map { field -> [String: Any] in
            let id = "f-\(field.name)"
            var entry: [String: Any] = [
                "id": id, "name": field.name, "label": context.text("field.\(field.name)"),
                "required": field.required, "optional": !field.required,
                "value": form?[field.name] ?? (field.name == "need" ? suggestedNeed ?? "" : ""),
            ]
            // HTML allows `maxlength` on text-like inputs and text areas only (not on a date).
            if field.maxlength > 0, field.kind != .date { entry["maxlength"] = field.maxlength }
            var describedBy: [String] = []
            if let hint = InterfaceText.table["hint.\(field.name)"]?[language] {
                entry["hint"] = hint
                describedBy.append("\(id)-hint")
            }
            let fieldProblems = problems.filter { $0.field == field.name || $0.field.hasPrefix(field.name + "[") }
            if let first = fieldProblems.first {
                entry["error"] = message(first)
                errors.append(["id": id, "label": context.text("field.\(field.name)"), "message": message(first)])
                describedBy.append("\(id)-error")
            }
            // One attribute naming both: a second `aria-describedby` is invalid HTML, and browsers
            // keep only the first, which left the error unannounced to screen readers.
            if !describedBy.isEmpty { entry["describedBy"] = describedBy.joined(separator: " ") }
            let chosen = form?[field.name] ?? ""
            switch field.kind {
            case .textarea: entry["textarea"] = true
            case .text: entry["input"] = true; entry["type"] = "text"
            case .email: entry["input"] = true; entry["type"] = "email"; entry["autocomplete"] = "email"
            case .tel: entry["input"] = true; entry["type"] = "tel"; entry["autocomplete"] = "tel"
            case .date: entry["input"] = true; entry["type"] = "date"
            case .region:
                entry["select"] = true
                entry["options"] = Self.deliveryRegions.map {
                    ["value": $0, "label": context.regionLabel($0), "selected": chosen == $0] as [String: Any]
                }
            case .organisationType:
                entry["select"] = true
                entry["options"] = OrganisationType.allCases.map {
                    [
                        "value": $0.rawValue, "label": context.label($0.label) ?? $0.rawValue,
                        "selected": chosen == $0.rawValue,
                    ]
                        as [String: Any]
                }
            case .language:
                entry["select"] = true
                let current = chosen.isEmpty ? language.rawValue : chosen
                entry["options"] = InterfaceText.languages.map { tag -> [String: Any] in
                    [
                        "value": tag.rawValue,
                        "label": InterfaceText.text("language.\(tag.rawValue)", tag).capitalizedFirst,
                        "selected": current == tag.rawValue,
                    ]
                }
            case .categories:
                // Chosen by name in the page's language; sent as division codes.
                let chosen = Set(form?.values(field.name) ?? [])
                entry["hasChoices"] = true
                entry["choices"] = CPVDivision.all.map { division -> [String: Any] in
                    [
                        "value": division.code, "id": "\(id)-\(division.code)",
                        "label": division.label[language] ?? division.label[.english] ?? division.code,
                        "checked": chosen.contains(division.code),
                    ]
                }
            case .consent:
                entry["checkbox"] = true
                entry["checked"] = form?["consent"] != nil
                entry["statement"] = context.text("consentStatement")
            }
            if field.name == "organisation" { entry["autocomplete"] = "organization" }
            if field.name == "contactName" { entry["autocomplete"] = "name" }
            return entry
        }
        values["errors"] = errors
        if !errors.isEmpty { values["errorHeading"] = context.text("formHasProblems", ["n": String(errors.count)]) }
        return Page(template: "inquiry", values: values, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// A submitted form: stored (a thank-you page with a reference), or the form again with
    /// what is wrong; `429` with a message when the address sent too many.
    func submitInquiry(_ request: Request, client: String, _ context: PageContext) async throws -> Page {
        guard let desk = inquiries else { return notFound(context) }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let form = FormBody(String(buffer: body))
        var draft = InquiryDraft()
        draft.need = form["need"]
        draft.quantity = form["quantity"]
        draft.wantedBy = form["wantedBy"]
        draft.deliveryRegion = form["deliveryRegion"]
        // A chosen division stands for its own code; anything else is checked as sent.
        let categories = form.values("categories").map { CPVDivision(code: $0)?.rootCode?.rawValue ?? $0 }
        draft.categories = categories.isEmpty ? nil : categories
        draft.organisationType = form["organisationType"]
        draft.organisation = form["organisation"]
        draft.contactName = form["contactName"]
        draft.email = form["email"]
        draft.phone = form["phone"]
        draft.language = form["language"]
        draft.consent = form["consent"] != nil
        draft.about = form["about"]
        // The statement stored is the one this node showed, in the page's language.
        let statement = context.text("consentStatement")
        do {
            let inquiry = try await desk.submit(
                draft, channel: .form, consentStatement: statement, client: client, honeypot: form["website"])
            var values = context.base(title: context.text("thanksTitle"))
            let reference = String((inquiry?.id ?? UUID().uuidString.lowercased()).prefix(8))
            values["thanksText"] = context.text("thanksText", ["reference": reference])
            return Page(template: "thanks", values: values)
        } catch let problems as InquiryProblems {
            return try await inquiryForm(context, values: form, problems: problems.problems)
        } catch let error as InquiryError {
            guard case .rateLimited(let seconds) = error.kind else { throw error }
            var page = try await inquiryForm(context, values: form)
            page.values["problem"] = context.text("rateLimited", ["n": String(seconds)])
            page.status = .tooManyRequests
            return page
        }
    }
}
