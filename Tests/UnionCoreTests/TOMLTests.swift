// TOMLParser: the subset unionbatch.toml and the built-in profiles use, every value with its line, and the errors.
import UnionCore
import XCTest

final class TOMLTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> TOMLTable {
        do { return try TOMLParser.parse(text) } catch {
            XCTFail("did not parse: \(error)", file: file, line: line)
            throw error
        }
    }

    /// The error of a text that must not parse, as `line N: message`.
    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let table = try TOMLParser.parse(text)
            XCTFail("parsed, expected an error: \(table)", file: file, line: line)
            return nil
        } catch let e as TOMLError {
            return e.description
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertEntry(_ entry: TOMLTable.Entry?, _ value: TOMLValue, line: Int,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertEqual(entry?.value, value, file: file, line: sourceLine)
        XCTAssertEqual(entry?.line, line, "line", file: file, line: sourceLine)
    }

    private func table(_ value: TOMLValue?) -> TOMLTable? {
        if case .table(let t)? = value { return t }
        return nil
    }

    // MARK: Tables and keys

    func testTablesAndDottedKeysNestWithTheirLines() throws {
        let root = try parse("""
        name = "default"

        [claims]
        outpatient_cap = 1000
        [claims.rates]
        "住院" = 0.5
        limits.dues.rate = 0.005
        """)
        XCTAssertEqual(root.keys, ["name", "claims"])
        assertEntry(root["name"], .string("default"), line: 1)
        let claims = try XCTUnwrap(table(root["claims"]?.value))
        XCTAssertEqual(root["claims"]?.line, 3)
        XCTAssertEqual(claims.keys, ["outpatient_cap", "rates"])
        assertEntry(claims["outpatient_cap"], .integer(1000), line: 4)
        let rates = try XCTUnwrap(table(claims["rates"]?.value))
        assertEntry(rates["住院"], .float("0.5"), line: 6)
        // A dotted key inside [claims.rates] makes tables below it.
        let dues = try XCTUnwrap(table(table(rates["limits"]?.value)?["dues"]?.value))
        assertEntry(dues["rate"], .float("0.005"), line: 7)
    }

    func testDottedKeysAtTheTopAndSpacesAroundTheDots() throws {
        let root = try parse("limits . per_payment.\"生日慰问\" = 200\nlimits.yearly.'节日慰问' = 2000\n")
        let limits = try XCTUnwrap(table(root["limits"]?.value))
        XCTAssertEqual(limits.keys, ["per_payment", "yearly"])
        XCTAssertEqual(table(limits["per_payment"]?.value)?["生日慰问"]?.value, .integer(200))
        assertEntry(table(limits["yearly"]?.value)?["节日慰问"], .integer(2000), line: 2)
    }

    func testKeysKeepTheOrderWritten() throws {
        let root = try parse("[t]\nz = 1\na = 2\n\"中\" = 3\nm-n_1 = 4\n")
        XCTAssertEqual(table(root["t"]?.value)?.keys, ["z", "a", "中", "m-n_1"])
    }

    func testQuotedChineseKeys() throws {
        let root = try parse("[groups]\n\"生病及生育慰问\" = [\"生病住院慰问\", \"生育慰问\"]\n")
        assertEntry(table(root["groups"]?.value)?["生病及生育慰问"], .array([.string("生病住院慰问"), .string("生育慰问")]), line: 2)
    }

    // MARK: Values

    func testStringsWithEscapes() throws {
        let root = try parse(#"s = "a\"b\\c\nd\te\u00e9\U0001F600 # not a comment""#)
        XCTAssertEqual(root["s"]?.value, .string("a\"b\\c\nd\te\u{e9}\u{1F600} # not a comment"))
    }

    func testLiteralStringsKeepBackslashes() throws {
        let root = try parse(#"path = 'C:\union\n"data"'"#)
        XCTAssertEqual(root["path"]?.value, .string(#"C:\union\n"data""#))
    }

    func testIntegersWithUnderscoresAndSigns() throws {
        let root = try parse("a = 1_000\nb = -5\nc = +7\nd = 0\n")
        XCTAssertEqual(root["a"]?.value, .integer(1000))
        XCTAssertEqual(root["b"]?.value, .integer(-5))
        XCTAssertEqual(root["c"]?.value, .integer(7))
        XCTAssertEqual(root["d"]?.value, .integer(0))
    }

    func testFloatsAreKeptAsTheirText() throws {
        let root = try parse("rate = 0.005\nbig = 1_000.50\nneg = -0.5\n")
        XCTAssertEqual(root["rate"]?.value, .float("0.005"))
        XCTAssertEqual(root["big"]?.value, .float("1000.50"))
        XCTAssertEqual(root["neg"]?.value, .float("-0.5"))
        XCTAssertEqual(root["rate"]?.value.typeName, "float")
    }

    func testBooleansAndDates() throws {
        let root = try parse("on = true\noff = false\nas_of = 2025-11-09\n")
        XCTAssertEqual(root["on"]?.value, .bool(true))
        XCTAssertEqual(root["off"]?.value, .bool(false))
        XCTAssertEqual(root["as_of"]?.value, .date(Day(year: 2025, month: 11, day: 9)!))
    }

    func testArraysOverSeveralLinesWithCommentsAndATrailingComma() throws {
        let root = try parse("""
        categories = [
          "困难帮扶",   # 困难职工
          # a line of its own
          "金秋助学",
        ]
        empty = []
        nested = [[1, 2], [3]]
        after = 1
        """)
        assertEntry(root["categories"], .array([.string("困难帮扶"), .string("金秋助学")]), line: 1)
        XCTAssertEqual(root["empty"]?.value, .array([]))
        XCTAssertEqual(root["nested"]?.value, .array([.array([.integer(1), .integer(2)]), .array([.integer(3)])]))
        // Lines are counted through the array.
        XCTAssertEqual(root["after"]?.line, 8)
    }

    func testInlineTables() throws {
        let root = try parse("p = { a = 1, \"乙\" = \"x\", c.d = 2 }\nq = {}\n")
        let p = try XCTUnwrap(table(root["p"]?.value))
        XCTAssertEqual(p.keys, ["a", "乙", "c"])
        XCTAssertEqual(p["a"]?.value, .integer(1))
        XCTAssertEqual(p["乙"]?.value, .string("x"))
        XCTAssertEqual(table(p["c"]?.value)?["d"]?.value, .integer(2))
        XCTAssertEqual(table(root["q"]?.value)?.keys, [])
    }

    func testCommentsBlankLinesCRLFAndABOM() throws {
        let root = try parse("\u{FEFF}# heading\r\n\r\n  a = 1   # trailing\r\n[t]   # a table\r\nb = \"#\"\r\n")
        assertEntry(root["a"], .integer(1), line: 3)
        assertEntry(table(root["t"]?.value)?["b"], .string("#"), line: 5)
    }

    func testAnEmptyTextIsAnEmptyTable() throws {
        XCTAssertEqual(try parse("").keys, [])
        XCTAssertEqual(try parse("# only a comment\n\n").keys, [])
    }

    // MARK: Errors

    func testInfinityNaNAndExponentsAreFloats() throws {
        let root = try parse("a = inf\nb = -inf\nc = +nan\nd = 1e308\ne = 6.626E-3\nf = 2e+2\n")
        XCTAssertEqual(root["a"]?.value, .float("inf"))
        XCTAssertEqual(root["b"]?.value, .float("-inf"))
        XCTAssertEqual(root["c"]?.value, .float("+nan"))
        XCTAssertEqual(root["d"]?.value, .float("1e308"))
        XCTAssertEqual(root["e"]?.value, .float("6.626E-3"))
        XCTAssertEqual(root["f"]?.value, .float("2e+2"))
        XCTAssertEqual(failure("a = 1e\n"), "line 1: '1e' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = e5\n"), "line 1: 'e5' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = 1.e5\n"), "line 1: '1.e5' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = infinity\n"), "line 1: 'infinity' is not a value (strings need quotes)")
    }

    func testPlainDecimalOfAFloat() {
        XCTAssertEqual(TOMLValue.plainDecimal("1.5e3"), "1500")
        XCTAssertEqual(TOMLValue.plainDecimal("-2E-2"), "-0.02")
        XCTAssertEqual(TOMLValue.plainDecimal("6.626e-3"), "0.006626")
        XCTAssertEqual(TOMLValue.plainDecimal("200.50"), "200.5")
        XCTAssertEqual(TOMLValue.plainDecimal("0.0"), "0")
        XCTAssertEqual(TOMLValue.plainDecimal("1e308")?.count, 309)
        XCTAssertNil(TOMLValue.plainDecimal("1e999"))
        XCTAssertNil(TOMLValue.plainDecimal("inf"))
        XCTAssertNil(TOMLValue.plainDecimal("-nan"))
    }

    func testDuplicateTableHeaderIsRefused() {
        XCTAssertEqual(failure("[limits.dues]\nrate = 0.005\n\n[rules]\nM06 = \"off\"\n[limits.dues]\n"),
                       "line 6: the table [limits.dues] is defined twice (first on line 1)")
        // A table made by a dotted key or a deeper header may still get its own header once.
        XCTAssertNoThrow(try TOMLParser.parse("[a.b]\nx = 1\n[a]\ny = 2\n"))
    }

    func testDuplicateKeyNamesTheKeyAndItsLine() {
        XCTAssertEqual(failure("a = 1\nb = 2\na = 3\n"), "line 3: the key a is defined twice")
        // The second [rules] header is refused itself, naming the first.
        XCTAssertEqual(failure("[rules]\nM06 = \"off\"\n\n[rules]\nM06 = \"warning\"\n"),
                       "line 4: the table [rules] is defined twice (first on line 1)")
        XCTAssertEqual(failure("x.y = 1\nx.y = 2\n"), "line 2: the key x.y is defined twice")
    }

    func testAnUnquotedChineseKeyMustBeQuoted() {
        XCTAssertEqual(failure("[limits.per_payment]\n生日慰问 = 200\n"),
                       "line 2: a key with Chinese or other non-ASCII text must be quoted: \"生…\" = …")
    }

    func testBareWordsAndBrokenValues() {
        XCTAssertEqual(failure("unit = 某公司\n"), "line 1: '某公司' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = 1\nunit = hello\n"), "line 2: 'hello' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = 1.\n"), "line 1: '1.' is not a value (strings need quotes)")
        XCTAssertEqual(failure("a = 1 2\n"), "line 1: unexpected text after the value")
        XCTAssertEqual(failure("a =\n"), "line 1: expected a value")
        XCTAssertEqual(failure("a 1\n"), "line 1: expected = after the key a")
    }

    func testUnterminatedStringsAndArrays() {
        XCTAssertEqual(failure("\nunit = \"某公司\n"), "line 2: unterminated string")
        XCTAssertEqual(failure("a = 'x\n"), "line 1: unterminated string")
        XCTAssertEqual(failure("a = [1, 2\nb = 3\n"), "line 2: expected , or ] in the array")
        XCTAssertEqual(failure("a = { b = 1\n"), "line 1: expected , or } in the inline table")
        XCTAssertEqual(failure("[t\n"), "line 1: expected ] to close the table header")
        XCTAssertEqual(failure("a = \"\\q\"\n"), "line 1: unknown escape \\q")
    }

    func testAValueIsNotATable() {
        XCTAssertEqual(failure("a = 1\n[a]\n"), "line 2: a is a value, not a table")
        XCTAssertEqual(failure("a = 1\na.b = 2\n"), "line 2: a is a value, not a table")
    }

    func testUnsupportedPartsSaySo() {
        XCTAssertEqual(failure("[[units]]\n"), "line 1: arrays of tables ([[…]]) are not supported here")
        XCTAssertEqual(failure("a = \"\"\"long\"\"\"\n"), "line 1: multi-line strings are not supported here")
    }

    func testTheErrorKeepsLineAndMessageApart() {
        do {
            _ = try TOMLParser.parse("a = 1\n\n\nb = \"x\n")
            XCTFail("parsed")
        } catch let e as TOMLError {
            XCTAssertEqual(e.line, 4)
            XCTAssertEqual(e.message, "unterminated string")
        } catch {
            XCTFail("\(error)")
        }
    }
}
