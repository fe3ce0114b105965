/// The canonical JSON encoding of a `SyncValue`: one byte sequence per value, so set elements
/// compare by bytes and two nodes compute the same state digest.
///
/// Rules (also in docs/protocol.md): no white space; object members sorted by key, comparing
/// keys as sequences of Unicode scalar values (which equals UTF-8 byte order); integers in
/// decimal without leading zeros or `+`; strings with `"` and `\` escaped as `\"` and `\\`,
/// U+0008, U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`, other characters below U+0020 as
/// `\u00xx` (lower-case hex), everything else as its UTF-8 bytes.
public enum CanonicalJSON {
    public static func encode(_ value: SyncValue) -> [UInt8] {
        var output: [UInt8] = []
        append(value, to: &output)
        return output
    }

    public static func string(_ value: SyncValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    static func append(_ value: SyncValue, to output: inout [UInt8]) {
        switch value {
        case .null: output += Array("null".utf8)
        case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
        case .integer(let number): output += Array(String(number).utf8)
        case .string(let text): appendString(text, to: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let fields):
            output.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted(by: utf8Order).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                if let field = fields[key] { append(field, to: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Orders strings by their UTF-8 bytes (the same as by Unicode scalar values).
    public static func utf8Order(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
