import Foundation
import PropertyBased
import Testing

@testable import EntryDocuments
@testable import SoproNode

/// The CSV export quotes and guards formulas one Unicode scalar at a time, as spreadsheets and
/// `CSVImport` read it, with the generated texts of the web escaping tests.
@Suite struct CSVExportEscapingTests {
    @Test func quotesAndFormulaGuardsSeeJoinedCharacters() {
        #expect(Array(CatalogueExport.csvField("a\"\u{0301},b").utf8) == Array("\"a\"\"\u{0301},b\"".utf8))
        #expect(CatalogueExport.csvField("=\u{0301}1+1").unicodeScalars.first == "'")
        #expect(CatalogueExport.csvField("+43 1 234567") == "+43 1 234567")
    }

    @Test func generatedCellsReadBackAsWritten() async {
        await propertyCheck(count: 500, input: WebEscapingPropertyTests.hostile) { text in
            let value = text + ",\"\n" + text
            let row = CatalogueExport.csvField(value) + "," + CatalogueExport.csvField("x")
            let rows = try CSVImport.parse(row, file: "generated.csv")
            #expect(rows.count == 1)
            #expect(rows.first?.cells.count == 2, "\(value.debugDescription) → \(row.debugDescription)")
            let back = Array((rows.first?.cells.first ?? "").utf8)
            let guarded = value.unicodeScalars.first == "=" || value.unicodeScalars.first == "@"
            #expect(back == Array(((guarded ? "'" : "") + value).utf8), "\(value.debugDescription)")
        }
    }
}
