// Reads a run's summary.json and issues.csv back exactly, for the generated-folder tests.
import Foundation
import XCTest

/// Readers that keep money exact: JSON numbers stay as their text, CSV is parsed per RFC 4180.
enum GeneratedOutputReader {
    /// summary.json parsed with JSONSerialization after every number literal was turned into a string,
    /// so `7384.81` reaches the test as the text "7384.81", never as a binary double.
    static func json(_ path: String) throws -> [String: Any] {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let quoted = Data(numbersAsStrings(bytes))
        let object = try JSONSerialization.jsonObject(with: quoted)
        return try XCTUnwrap(object as? [String: Any], "\(path) is not a JSON object")
    }

    /// The JSON text with each number outside a string wrapped in quotes.
    static func numbersAsStrings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        var inString = false
        var escaped = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                i += 1
                continue
            }
            if b == 0x22 {
                inString = true
                out.append(b)
                i += 1
            } else if b == 0x2D || (b >= 0x30 && b <= 0x39) {
                out.append(0x22)
                while i < bytes.count, isNumberByte(bytes[i]) {
                    out.append(bytes[i])
                    i += 1
                }
                out.append(0x22)
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x45 || b == 0x65
    }

    /// An integer figure (a JSON number without fraction or exponent).
    static func int(_ value: Any?) -> Int? {
        guard let text = value as? String else { return nil }
        return Int(text)
    }

    /// Yuan text such as `1624.5` as fen (162450), exactly; nil for anything else (exponents, 3 decimals).
    static func fen(_ value: Any?) -> Int64? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), parts[0].allSatisfy(\.isASCII) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(f) else { return nil }
            cents = f.count == 1 ? n * 10 : n
        }
        let value = whole * 100 + cents
        return negative ? -value : value
    }

    static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }

    /// An object of integer counts (`by_status`).
    static func counts(_ value: Any?) -> [String: Int]? {
        guard let map = value as? [String: Any] else { return nil }
        var out: [String: Int] = [:]
        for (k, v) in map {
            guard let n = int(v) else { return nil }
            out[k] = n
        }
        return out
    }

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR end a record.
    /// A leading BOM is removed; a final line break does not start an empty record.
    static func csvRecords(_ text: String) -> [[String]] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var afterQuote = false
        var any = false
        var it = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() { record.append(String(field)); field = String.UnicodeScalarView(); afterQuote = false }
        while let c = pending ?? it.next() {
            pending = nil
            any = true
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = n }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            case ",":
                endField()
            case "\r", "\n":
                if c == "\r", let n = it.next(), n != "\n" { pending = n }
                endField()
                records.append(record)
                record = []
                any = false
            default:
                field.append(c)
            }
        }
        if any || !record.isEmpty || !field.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
