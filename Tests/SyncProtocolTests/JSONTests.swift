import Foundation
import SyncProtocol
import Testing

@Suite struct StrictJSONParserTests {
    func parse(_ text: String) throws(JSONParseError) -> SyncValue {
        try StrictJSONParser().parse(Array(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
        #expect(value == ["a": [1, -2, true, false, nil, "x\né😀"], "b": .object([:])])
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "duplicate member \"a\""),
        ("1.5", "numbers must be integers; write fractional values as strings"),
        ("1e3", "numbers must be integers; write fractional values as strings"),
        ("01", "a number may not start with 0"),
        ("9007199254740992", "integer beyond ±2^53"),
        (#""\ud800""#, "unpaired surrogate escape"),
        (#""\udc00""#, "unpaired surrogate escape"),
        ("\"a\tb\"", "control character in a string; escape it"),
        ("[1,]", "unexpected character"),
        ("{} {}", "unexpected content after the JSON value"),
        ("", "unexpected end of input"),
        (#"{"a" 1}"#, "expected ':'"),
        ("nul", "unexpected character"),
        (#""\x""#, "invalid escape"),
    ])
    func refusesWhatParsersDisagreeOn(_ text: String, _ message: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func refusesInvalidUTF8WithItsOffset() {
        #expect(throws: JSONParseError(offset: 2, message: "invalid UTF-8")) {
            try StrictJSONParser().parse([UInt8(ascii: "\""), UInt8(ascii: "a"), 0xC3, UInt8(ascii: "\"")])
        }
    }

    @Test func limitsNesting() throws {
        #expect(throws: JSONParseError.self) {
            try parse(String(repeating: "[", count: 40) + String(repeating: "]", count: 40))
        }
        _ = try parse(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
    }
}

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysByBytesAndDropsWhiteSpace() {
        let value: SyncValue = ["b": 1, "a": ["z": nil, "é": true, "Z": false], "": "x"]
        #expect(CanonicalJSON.string(value) == #"{"":"x","a":{"Z":false,"z":null,"é":true},"b":1}"#)
    }

    @Test func escapesMinimally() {
        let value: SyncValue = .string("\"\\\u{8}\t\n\u{C}\r\u{1}/é😀\u{7F}")
        #expect(CanonicalJSON.string(value) == #""\"\\\b\t\n\f\r\u0001/é😀"# + "\u{7F}\"")
    }

    @Test func roundTripsThroughTheStrictParser() throws {
        let value: SyncValue = ["list": [1, -9_007_199_254_740_991, "x"], "nested": ["k": ["deep": nil]]]
        #expect(try StrictJSONParser().parse(CanonicalJSON.encode(value)) == value)
    }
}

@Suite struct StrictNumberTests {
    @Test func minusZeroIsRefused() {
        #expect(throws: JSONParseError.self) { _ = try StrictJSONParser().parse(Data("-0".utf8)) }
        #expect(throws: JSONParseError.self) { _ = try StrictJSONParser().parse(Data("[1,-0]".utf8)) }
        #expect((try? StrictJSONParser().parse(Data("-10".utf8))) == .integer(-10))
        #expect((try? StrictJSONParser().parse(Data("0".utf8))) == .integer(0))
    }
}
