// A small TOML reader for unionbatch.toml and the built-in profiles: every value keeps its line.

/// A parsed TOML value. Floats keep their text so rates such as 0.005 stay exact.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(String)
    case bool(Bool)
    case date(Day)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The type name with its article: "an integer", "a string".
    public var article: String { (["a", "e", "i", "o", "u"].contains(typeName.prefix(1)) ? "an " : "a ") + typeName }

    public var valueType: TOMLValueType {
        switch self {
        case .string: return .string
        case .integer: return .integer
        case .float: return .float
        case .bool: return .boolean
        case .date: return .date
        case .array: return .array
        case .table: return .table
        }
    }

    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .bool: return "boolean"
        case .date: return "date"
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A table: keys in the order written, each with the line it was defined on.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var value: TOMLValue
        public var line: Int
    }

    public private(set) var keys: [String] = []
    public private(set) var entries: [String: Entry] = [:]
    /// The line of the `[header]` or key that opened this table.
    public var line: Int

    public init(line: Int) { self.line = line }

    public subscript(_ key: String) -> Entry? { entries[key] }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) -> Bool {
        guard entries[key] == nil else { return false }
        keys.append(key)
        entries[key] = Entry(value: value, line: line)
        return true
    }

    /// Adds a key built in code (not parsed); an existing key keeps its value.
    public mutating func insert(_ key: String, _ value: TOMLValue, line: Int) {
        _ = set(key, value, line: line)
    }

    mutating func replace(_ key: String, _ value: TOMLValue) {
        entries[key]?.value = value
    }
}

extension TOMLValue {
    /// A float's text in plain decimal form (`1.5e3` → `1500`, `-2E-2` → `-0.02`), trailing zeros of the
    /// fraction dropped; nil for `inf` and `nan`, and for an exponent past ±400 (no amount or rate is that).
    public static func plainDecimal(_ floatText: String) -> String? {
        var text = Substring(floatText)
        var sign = ""
        if text.first == "+" || text.first == "-" {
            if text.first == "-" { sign = "-" }
            text = text.dropFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let n = Int(text[text.index(after: e)...]), abs(n) <= 400 else { return nil }
            exponent = n
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let digits = Array(parts[0] + (parts.count == 2 ? parts[1] : ""))
        let point = parts[0].count + exponent
        var whole: [Character], fraction: [Character]
        if point <= 0 {
            whole = []
            fraction = Array(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            whole = digits + Array(repeating: "0", count: point - digits.count)
            fraction = []
        } else {
            whole = Array(digits[..<point])
            fraction = Array(digits[point...])
        }
        while whole.first == "0" { whole.removeFirst() }
        while fraction.last == "0" { fraction.removeLast() }
        let plain = (whole.isEmpty ? "0" : String(whole)) + (fraction.isEmpty ? "" : "." + String(fraction))
        return plain == "0" ? plain : sign + plain
    }
}

/// A TOML text that cannot be read: the line, and what is wrong as a kind with its arguments.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let kind: Kind

    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// What is wrong, in English (the text in both languages is `kind.text`).
    public var message: String { kind.text.en }
    public var description: String { "line \(line): \(message)" }
}

public enum TOMLParser {
    /// The most parts of a dotted key, and the deepest nesting of arrays and inline tables.
    public static let maximumDepth = 32

    public static func parse(_ text: String) throws -> TOMLTable {
        var parser = Parser(Array(text.unicodeScalars))
        return try parser.document()
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        /// Arrays and inline tables open around the current value.
        var depth = 0
        /// The `[table]` headers seen, with their lines.
        var headers: [[String]: Int] = [:]

        init(_ s: [Unicode.Scalar]) {
            self.s = s
            if s.first == "\u{FEFF}" { i = 1 }
        }

        func fail(_ kind: TOMLError.Kind) -> TOMLError { TOMLError(line: line, kind: kind) }

        var atEnd: Bool { i >= s.count }
        var current: Unicode.Scalar? { i < s.count ? s[i] : nil }

        mutating func skipSpaces() {
            while let c = current, c == " " || c == "\t" { i += 1 }
        }

        mutating func skipComment() {
            if current == "#" { while let c = current, c != "\n" { i += 1 } }
        }

        /// Spaces, comments and line breaks (inside arrays).
        mutating func skipBlank() {
            while let c = current {
                if c == " " || c == "\t" || c == "\r" { i += 1 }
                else if c == "\n" { i += 1; line += 1 }
                else if c == "#" { skipComment() }
                else { break }
            }
        }

        mutating func endOfLine() throws {
            skipSpaces()
            skipComment()
            if current == "\r" { i += 1 }
            guard atEnd || current == "\n" else { throw fail(.unexpectedTextAfterValue) }
            if current == "\n" { i += 1; line += 1 }
        }

        mutating func document() throws -> TOMLTable {
            var root = TOMLTable(line: 1)
            var path: [String] = []
            while true {
                skipBlank()
                if atEnd { break }
                if current == "[" {
                    i += 1
                    if current == "[" { throw fail(.arraysOfTablesUnsupported) }
                    skipSpaces()
                    let headerLine = line
                    path = try keyPath()
                    skipSpaces()
                    guard current == "]" else { throw fail(.expectedHeaderClose) }
                    i += 1
                    try openTable(&root, path, line: headerLine)
                    try endOfLine()
                    continue
                }
                let keyLine = line
                let key = try keyPath()
                skipSpaces()
                guard current == "=" else { throw fail(.expectedEquals(key: key.joined(separator: "."))) }
                i += 1
                skipSpaces()
                let value = try self.value()
                try assign(&root, path + key, value, line: keyLine)
                try endOfLine()
            }
            return root
        }

        mutating func keyPath() throws -> [String] {
            var parts: [String] = []
            while true {
                skipSpaces()
                // Tables are nested by recursion, one level per part: a bound keeps a hostile key off the stack.
                guard parts.count < TOMLParser.maximumDepth else { throw fail(.dottedKeyTooLong(parts: TOMLParser.maximumDepth)) }
                parts.append(try key())
                skipSpaces()
                if current == "." { i += 1 } else { break }
            }
            return parts
        }

        mutating func key() throws -> String {
            if current == "\"" { return try basicString() }
            if current == "'" { return try literalString() }
            var k = String.UnicodeScalarView()
            while let c = current, c.properties.isAlphabetic && c.isASCII || ("0"..."9").contains(c) || c == "_" || c == "-" {
                k.append(c)
                i += 1
            }
            guard !k.isEmpty else {
                if let c = current, !c.isASCII { throw fail(.unquotedNonASCIIKey(start: String(c))) }
                throw fail(.expectedKey)
            }
            return String(k)
        }

        mutating func openTable(_ root: inout TOMLTable, _ path: [String], line: Int) throws {
            // A table is opened by its header once: a second [x] would silently merge two sections.
            if let first = headers[path] {
                throw TOMLError(line: line, kind: .tableDefinedTwice(table: path.joined(separator: "."), firstLine: first))
            }
            headers[path] = line
            try withTable(&root, path, createAt: line) { _ in }
        }

        mutating func assign(_ root: inout TOMLTable, _ path: [String], _ value: TOMLValue, line: Int) throws {
            let parent = Array(path.dropLast())
            let key = path.last!
            let currentLine = self.line
            try withTable(&root, parent, createAt: line) { table in
                guard table.set(key, value, line: line) else {
                    throw TOMLError(line: currentLine, kind: .keyDefinedTwice(key: path.joined(separator: ".")))
                }
            }
        }

        /// Runs `body` on the table at `path`, creating the tables on the way.
        func withTable(_ table: inout TOMLTable, _ path: [String], createAt line: Int, _ body: (inout TOMLTable) throws -> Void) throws {
            guard let first = path.first else { return try body(&table) }
            var child: TOMLTable
            if let existing = table[first] {
                guard case .table(let t) = existing.value else {
                    throw TOMLError(line: line, kind: .valueIsNotATable(key: first))
                }
                child = t
            } else {
                child = TOMLTable(line: line)
                _ = table.set(first, .table(child), line: line)
            }
            try withTable(&child, Array(path.dropFirst()), createAt: line, body)
            table.replace(first, .table(child))
        }

        mutating func value() throws -> TOMLValue {
            guard let c = current else { throw fail(.expectedValue) }
            switch c {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[", "{":
                guard depth < TOMLParser.maximumDepth else {
                    throw fail(.nestedTooDeep(levels: TOMLParser.maximumDepth))
                }
                depth += 1
                defer { depth -= 1 }
                return c == "[" ? try array() : try inlineTable()
            case "t", "f": return try boolean()
            default: return try numberOrDate()
            }
        }

        mutating func basicString() throws -> String {
            i += 1
            if current == "\"" && i + 1 < s.count && s[i + 1] == "\"" { throw fail(.multiLineStringUnsupported) }
            var out = String.UnicodeScalarView()
            while true {
                guard let c = current, c != "\n" else { throw fail(.unterminatedString) }
                i += 1
                if c == "\"" { break }
                if c == "\\" {
                    guard let e = current else { throw fail(.unterminatedString) }
                    i += 1
                    switch e {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "u", "U":
                        let count = e == "u" ? 4 : 8
                        guard i + count <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<(i + count)])), radix: 16),
                              let scalar = Unicode.Scalar(v) else { throw fail(.badUnicodeEscape) }
                        out.append(scalar)
                        i += count
                    default: throw fail(.unknownEscape(String(e)))
                    }
                } else {
                    out.append(c)
                }
            }
            return String(out)
        }

        mutating func literalString() throws -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while true {
                guard let c = current, c != "\n" else { throw fail(.unterminatedString) }
                i += 1
                if c == "'" { break }
                out.append(c)
            }
            return String(out)
        }

        mutating func array() throws -> TOMLValue {
            i += 1
            var items: [TOMLValue] = []
            while true {
                skipBlank()
                if current == "]" { i += 1; break }
                items.append(try value())
                skipBlank()
                if current == "," { i += 1; continue }
                skipBlank()
                guard current == "]" else { throw fail(.expectedArraySeparator) }
                i += 1
                break
            }
            return .array(items)
        }

        mutating func inlineTable() throws -> TOMLValue {
            i += 1
            var table = TOMLTable(line: line)
            skipSpaces()
            if current == "}" { i += 1; return .table(table) }
            while true {
                skipSpaces()
                let keyLine = line
                let path = try keyPath()
                skipSpaces()
                guard current == "=" else { throw fail(.expectedInlineEquals) }
                i += 1
                skipSpaces()
                let v = try value()
                try assign(&table, path, v, line: keyLine)
                skipSpaces()
                if current == "," { i += 1; continue }
                guard current == "}" else { throw fail(.expectedInlineSeparator) }
                i += 1
                break
            }
            return .table(table)
        }

        mutating func boolean() throws -> TOMLValue {
            for (word, v) in [("true", true), ("false", false)] {
                let w = Array(word.unicodeScalars)
                if i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w {
                    i += w.count
                    return .bool(v)
                }
            }
            throw fail(.expectedValue)
        }

        mutating func numberOrDate() throws -> TOMLValue {
            var text = String.UnicodeScalarView()
            while let c = current, !(c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," || c == "]" || c == "}" || c == "#") {
                text.append(c)
                i += 1
            }
            let word = String(text)
            if word.isEmpty { throw fail(.expectedValue) }
            let bare = word.replacingUnderscores()
            if let n = Int64(bare) { return .integer(n) }
            if bare.count == 10, let day = Day.parse(bare), bare.contains("-") { return .date(day) }
            let digits = bare.hasPrefix("-") || bare.hasPrefix("+") ? String(bare.dropFirst()) : bare
            if digits == "inf" || digits == "nan" { return .float(bare) }
            // A mantissa (digits, or digits.digits) and an optional exponent (e or E, a sign, digits).
            let exponentAt = digits.firstIndex { $0 == "e" || $0 == "E" }
            let mantissa = exponentAt.map { digits[..<$0] } ?? digits[...]
            let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
            var exponentIsWhole = true
            if let e = exponentAt {
                var exponent = digits[digits.index(after: e)...]
                if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
                exponentIsWhole = !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
            }
            if (parts.count == 2 || (parts.count == 1 && exponentAt != nil)), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
               exponentIsWhole, word.first != "_", word.last != "_" {
                return .float(bare)
            }
            throw fail(.notAValue(word))
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
