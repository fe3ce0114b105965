import DirectoryModel
import Testing

@Suite struct NACEDivisionTests {
    @Test func listsAll88DivisionsOnceInCodeOrder() {
        let codes = NACEDivision.all.map(\.code)
        #expect(codes.count == 88)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        #expect(NACEDivision.all == NACEDivision.all.sorted())
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        for code in codes {
            #expect(code.utf8.count == 2 && code.utf8.allSatisfy { digits.contains($0) }, "\(code)")
            #expect(NACEDivision(code: code)?.code == code)
        }
        #expect(NACEDivision(code: "04") == nil)
        #expect(NACEDivision(code: "16.2") == nil)
        #expect(NACEDivision(code: "C") == nil)
    }

    /// The division table and the section table name the same 88 divisions.
    @Test func agreesWithTheSections() throws {
        for division in NACEDivision.all {
            let section = try #require(division.section, "division \(division.code) has no section")
            #expect(section.divisions.contains(division.code), "\(section.letter) lacks \(division.code)")
        }
        for section in NACESection.all {
            for code in section.divisions {
                #expect(NACEDivision(code: code)?.section == section, "section \(section.letter) division \(code)")
            }
        }
        #expect(NACEDivision(code: "16")?.section?.letter == "C")
        #expect(NACEDivision(code: "81")?.section?.letter == "N")
    }

    @Test func labelsEveryDivisionInThreeLanguages() {
        for division in NACEDivision.all {
            for language in LanguageTag.catalogueLanguages {
                #expect(!(division.label[language] ?? "").isEmpty, "division \(division.code) lacks \(language)")
            }
        }
    }

    /// Two titles as published: NACE Rev. 2 (Eurostat), ÖNACE 2008 and TEÁOR'08.
    @Test func keepsThePublishedTitles() throws {
        let wood = try #require(NACEDivision(code: "16"))
        #expect(
            wood.label[.english]
                == "Manufacture of wood and of products of wood and cork, except furniture; "
                + "manufacture of articles of straw and plaiting materials")
        #expect(wood.label[.german] == "Herstellung von Holz-, Flecht-, Korb- und Korkwaren (ohne Möbel)")
        #expect(wood.label[.hungarian] == "Fafeldolgozás (kivéve: bútor), fonottáru gyártása")

        let buildings = try #require(NACEDivision(code: "81"))
        #expect(buildings.label[.english] == "Services to buildings and landscape activities")
        #expect(buildings.label[.german] == "Gebäudebetreuung; Garten- und Landschaftsbau")
        #expect(buildings.label[.hungarian] == "Építmény üzemeltetés, zöldterület-kezelés")
        #expect(buildings.description == "81")
    }
}
