/// Reads one line of a JSONL trace: a flat JSON object whose values are strings, integers or `null`.
///
/// Deliberately small: exactly what ``TraceJSONL`` writes (plus insignificant whitespace and any key order),
/// strict JSON otherwise. Every problem is a ``TraceJSONLError/malformed(line:column:reason:)``.
struct JSONLineParser {
    /// A value the trace format allows.
    enum Value: Equatable {
        case string(String)
        case integer(Int64)
        case null
    }

    private let bytes: [UInt8]
    private let line: Int
    private var position = 0

    init(_ bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    /// The object's fields in the order written; a key written twice is an error.
    mutating func parseObject() throws(TraceJSONLError) -> [(key: String, value: Value)] {
        var fields: [(key: String, value: Value)] = []
        skipSpace()
        try expect(UInt8(ascii: "{"), "expected '{' at the start of the event")
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipSpace()
                let keyColumn = position + 1
                let key = try parseString()
                if fields.contains(where: { $0.key == key }) {
                    throw .malformed(line: line, column: keyColumn, reason: "duplicate key \"\(key)\"")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "expected ':' after key \"\(key)\"")
                skipSpace()
                fields.append((key, try parseValue()))
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' after the value of \"\(key)\"")
                break
            }
        }
        skipSpace()
        if position < bytes.count { throw fail("unexpected text after the closing '}'") }
        return fields
    }

    private mutating func parseValue() throws(TraceJSONLError) -> Value {
        guard let byte = peek() else { throw fail("the line ends where a value should be") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        case UInt8(ascii: "n"):
            guard bytes[position...].starts(with: "null".utf8) else { throw fail("expected null") }
            position += 4
            return .null
        default: throw fail("unsupported value: the trace format holds only strings, integers and null")
        }
    }

    private mutating func parseInteger() throws(TraceJSONLError) -> Int64 {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude: UInt64 = 0
        var digits = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            if digits == 1 && magnitude == 0 { throw fail("leading zeros are not allowed in a number") }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { throw .malformed(line: line, column: start + 1, reason: "integer out of range") }
            magnitude = sum
            digits += 1
            position += 1
        }
        if digits == 0 { throw fail("expected a digit") }
        if let byte = peek(), [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte) {
            throw .malformed(line: line, column: start + 1, reason: "only whole numbers are allowed")
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .malformed(line: line, column: start + 1, reason: "integer out of range") }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw .malformed(line: line, column: start + 1, reason: "integer out of range") }
        return Int64(magnitude)
    }

    private mutating func parseString() throws(TraceJSONLError) -> String {
        try expect(UInt8(ascii: "\""), "expected a string in double quotes")
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0..<0x20:
                position -= 1
                throw fail("raw control character 0x\(String(byte, radix: 16)) in a string (it must be escaped)")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(TraceJSONLError) {
        guard let byte = peek() else { throw fail("unterminated escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var code = UInt32(try parseHex4())
            if (0xD800..<0xDC00).contains(code) {
                guard bytes[position...].starts(with: "\\u".utf8) else { throw fail("unpaired surrogate \\u\(String(code, radix: 16))") }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid low surrogate \\u\(String(low, radix: 16))") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw fail("unpaired surrogate \\u\(String(code, radix: 16))")
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
        default:
            position -= 1
            throw fail("unknown escape \\\(Character(Unicode.Scalar(byte)))")
        }
    }

    private mutating func parseHex4() throws(TraceJSONLError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else { throw fail("expected 4 hex digits after \\u") }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(TraceJSONLError) {
        guard peek() == byte else { throw fail(reason) }
        position += 1
    }

    private func fail(_ reason: String) -> TraceJSONLError {
        .malformed(line: line, column: position + 1, reason: reason)
    }
}
