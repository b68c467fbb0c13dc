// Replays every kept fuzz input through its harness, and checks what each one was kept for.

import Foundation
import UnionCore
import UnionImport
import UnionRules
import XCTest

@testable import UnionFuzzing
import UnionSpreadsheet

final class FuzzRegressionTests: XCTestCase {
    private let policy = RulePolicy(severities: Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, Severity.error) }))

    private func folder(_ harness: FuzzHarness) throws -> URL {
        let root = try XCTUnwrap(Bundle.module.url(forResource: "Regressions", withExtension: nil))
        return root.appendingPathComponent(harness.rawValue)
    }

    private func input(_ harness: FuzzHarness, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try folder(harness).appendingPathComponent(name)))
    }

    private func text(_ harness: FuzzHarness, _ name: String) throws -> String {
        String(decoding: try input(harness, name), as: UTF8.self)
    }

    private func records(_ utf8: [UInt8]) -> (Dialect, [CSVRecord]) {
        let dialect = DialectSniffer.sniff(utf8)
        return (dialect, Array(CSVReader(utf8: utf8, dialect: dialect)))
    }

    /// Opens `bytes` as a file named `name`, as a run does.
    private func open(_ bytes: [UInt8], name: String = "data.csv") throws -> InputOpening {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-regression-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return InputOpener.open(InputSource(name: name, path: url.path), policy: policy)
    }

    // MARK: Every kept input

    /// A trap in a harness ends the test run: that is the regression these inputs guard against.
    func testEveryKeptInputRunsThroughItsHarness() throws {
        var names: [String] = []
        for harness in FuzzHarness.allCases {
            let files = try FileManager.default.contentsOfDirectory(at: try folder(harness), includingPropertiesForKeys: nil)
            for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
                harness.run([UInt8](try Data(contentsOf: file)))
                names.append(harness.rawValue + "/" + file.lastPathComponent)
            }
        }
        // The inputs the tests below name are all there (the fuzz script may add more).
        for kept in ["import/day-digits-overflow.csv", "import/quote-tail-invalid-utf8.csv", "import/utf16le-cut-surrogate.txt",
                     "import/lone-quote.csv", "import/cr-alone.csv", "import/gb18030-cut-four-byte.csv",
                     "values/day-digits-overflow.txt", "values/money-decorated-bound.txt", "values/money-fixed2-decorated.txt",
                     "toml/dotted-key-depth.toml", "toml/nesting-depth.toml", "toml/yuan-overflow.toml",
                     "toml/limits-yuan-overflow.toml", "header/two-row-ends-at-bound.bin", "header/two-row-ends-past-bound.bin",
                     "header/eleven-title-rows.bin", "header/title-cell-one-mib.bin", "filename/gbk-roster.bin", "filename/escape-in-utf8.bin",
                     "filename/gb18030-c1.bin", "worksheet/sheet-rows.bin", "worksheet/sheet-row-in-comment.bin",
                     "worksheet/sheet-row-in-cdata.bin", "worksheet/sst-rich.bin", "worksheet/sheet-doctype.bin",
                     "worksheet/sheet-cell-past-xfd.bin", "worksheet/sheet-undeclared-prefix.bin", "worksheet/sheet-no-rows.bin",
                     "worksheet/sst-empty-strings-alone.bin", "worksheet/sst-converted-bad-byte.bin",
                     "worksheet/sheet-converted-two-problems.bin", "worksheet/sst-converted-byte-dropped-in-chunks.bin"] {
            XCTAssertTrue(names.contains(kept), kept)
        }
    }

    // MARK: worksheet

    /// The part of a kept worksheet input (after its three bytes of settings), read by one parser, and by
    /// two on pieces of 64 bytes.
    private func part(_ name: String) throws -> (kind: PartProbe.Kind, one: PartProbe.Outcome, pieces: PartProbe.Outcome?) {
        let bytes = try input(.worksheet, name)
        let kind: PartProbe.Kind = bytes[0] & 1 == 0 ? .worksheet : .sharedStrings
        let xml = Array(bytes[3...])
        return (kind, PartProbe.one(kind, xml, chunk: xml.count), PartProbe.pieces(kind, xml, pieceSize: 64, threads: WorksheetHarness.threads))
    }

    func testKeptSheetsReadInPiecesAsOneParserReadsThem() throws {
        let rows = try part("sheet-rows.bin")
        guard case .read(let csv) = rows.one else { return XCTFail("\(rows.one)") }
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "名&1,,,2020-12-26,59.7,TRUE")
        XCTAssertEqual(lines[1], "名&2,\"a,b\",,2020-12-27,59.7,TRUE")
        // A shared string with a line break stays one quoted cell.
        XCTAssertEqual(lines[3], "名&4,\"line")
        XCTAssertEqual(lines[4], "break\",,2020-12-29,59.7,TRUE")
        XCTAssertEqual(lines[5], "名&5,甲,,2020-12-30,59.7,TRUE")
        XCTAssertEqual(lines.last, "hidden 5 merges \(2 * 16_384 + 1):3")
        XCTAssertEqual(rows.pieces, rows.one)
        // The undeclared prefix is no error, to one parser or to the pieces.
        let prefixed = try part("sheet-undeclared-prefix.bin")
        guard case .read(let same) = prefixed.one else { return XCTFail("\(prefixed.one)") }
        XCTAssertEqual(same.split(separator: "\n").prefix(30), lines.prefix(30))
        XCTAssertEqual(prefixed.pieces, prefixed.one)
        // The table: rich text runs joined, the phonetic guide left out, white space and references kept.
        let table = try part("sst-rich.bin")
        XCTAssertEqual(table.one, .read(["名0", "张1", " 2 &中"].map(\.debugDescription).joined(separator: "\n") + "\n"
                                        + (3..<60).map { i in i % 3 == 0 ? "名\(i)" : i % 3 == 1 ? "张\(i)" : " \(i) &中" }
                                            .map(\.debugDescription).joined(separator: "\n")))
        XCTAssertEqual(table.pieces, table.one)
    }

    /// Rows hidden in a comment or a CDATA section make the pieces give up; one parser reads past them.
    func testKeptSheetsWithRowsInCommentsAndCDATAFallBack() throws {
        for name in ["sheet-row-in-comment.bin", "sheet-row-in-cdata.bin"] {
            let read = try part(name)
            XCTAssertNil(read.pieces, name)
            guard case .read(let csv) = read.one else { XCTFail(name); continue }
            XCTAssertFalse(csv.contains("\n1\n") || csv.hasPrefix("1\n"), name)
        }
    }

    /// Found by the fuzzer: a table whose strings are all empty has no text buffer, which trapped.
    func testKeptTableOfEmptyStringsIsRead() throws {
        let table = try part("sst-empty-strings-alone.bin")
        XCTAssertEqual(table.one, .read("\"\"\n\"\""))
    }

    /// Found by the fuzzer, three times: a part declared in an encoding libxml2 converts through iconv
    /// ("UTF8-") with a byte that does not convert. Depending on where the bytes fed to it ended, libxml2
    /// dropped the byte and read on as if well-formed, or stopped, or named another problem first. Such a
    /// part is now refused before its first element, fed whole or in chunks of any size.
    func testKeptPartsInAnIconvEncodingAreRefusedHoweverFed() throws {
        let refused = PartProbe.Outcome.problem(.badXML(part: "xl/worksheets/sheet1.xml", line: 2,
                                                        reason: "encoding \"UTF8-\" is not read (spreadsheet parts are UTF-8 or UTF-16)"))
        for name in ["sst-converted-bad-byte.bin", "sheet-converted-two-problems.bin", "sst-converted-byte-dropped-in-chunks.bin"] {
            let bytes = try input(.worksheet, name)
            let kind: PartProbe.Kind = bytes[0] & 1 == 0 ? .worksheet : .sharedStrings
            let xml = Array(bytes[3...])
            for chunk in [xml.count, 1, 6, 7, 45] {
                let read = PartProbe.one(kind, xml, chunk: chunk)
                // The two-problem sheet's bad byte comes before its root: the converter may fail on it
                // before the root is read.
                if name.hasPrefix("sheet-") {
                    guard case .problem(.badXML(_, 1, let reason)) = read else { XCTFail("\(name) \(chunk): \(read)"); continue }
                    XCTAssertTrue(["encoding \"UTF8-\" is not read (spreadsheet parts are UTF-8 or UTF-16)",
                                   "input conversion failed due to input error, bytes 0x3C 0x63 0x20 0x72"].contains(reason), reason)
                } else {
                    XCTAssertEqual(read, refused, "\(name) in chunks of \(chunk)")
                }
            }
        }
    }

    func testKeptHostileSheetsAreProblemsNamed() throws {
        XCTAssertEqual(try part("sheet-doctype.bin").one, .problem(.doctypeIn(part: "xl/worksheets/sheet1.xml")))
        XCTAssertEqual(try part("sheet-cell-past-xfd.bin").one, .problem(.cellOutOfRange(sheet: "S", cell: "XFE21")))
        XCTAssertNil(try part("sheet-cell-past-xfd.bin").pieces)
    }

    // MARK: import

    /// Found by the fuzzer: nineteen digits in a date cell overflowed Day.parse's fast path.
    func testLongDigitRunInADateCellIsV02() throws {
        let bytes = try input(.import, "day-digits-overflow.csv")
        XCTAssertEqual(bytes, Array(",,,9879877987987779877".utf8))
        let (_, read) = records(bytes)
        XCTAssertEqual(read.count, 1)
        var recorder = FindingRecorder(policy: policy, file: "data.csv")
        let mapping = try XCTUnwrap(ImportHarness.fullMappings[.members])
        XCTAssertEqual(mapping.fieldOfColumn[3], .birthDate)
        // The harness pads records to the header's width, so every cell reaches its field's parser.
        var record = read[0]
        record.fields += Array(repeating: "", count: mapping.fieldOfColumn.count - record.fields.count)
        let row = RowReader(mapping: mapping).read(record, recordIndex: 0, recorder: &recorder)
        XCTAssertTrue(row.isReadable)
        XCTAssertNil(row.date(.birthDate))
        let v02 = recorder.findings.filter { $0.rule == .V02 }
        XCTAssertEqual(v02.count, 1)
        XCTAssertEqual(v02.first?.row, 1)
        XCTAssertEqual(v02.first?.column, 3)
        XCTAssertEqual(v02.first?.field, .birthDate)
        XCTAssertEqual(v02.first?.value, "9879877987987779877")
    }

    /// Text after a closing quote is joined to the quoted text; an invalid byte before the quote and
    /// continuation bytes after it must not join into a character the file does not hold.
    func testBytesJoinedAcrossAClosingQuoteStayInvalid() throws {
        let bytes = try input(.import, "quote-tail-invalid-utf8.csv")
        XCTAssertEqual(bytes, Array("张,三\n张,三\n\"".utf8) + [0xE4, 0x22, 0x80, 0x80] + Array(",a\n".utf8))
        // Two good lines of three: mostly UTF-8, kept raw for the reader to flag.
        guard case .success(let decoded) = TextDecoder.decode(bytes) else { return XCTFail("not decoded") }
        XCTAssertEqual(decoded.encoding, .utf8)
        let (_, read) = records(decoded.utf8)
        XCTAssertEqual(read.map(\.hasInvalidUTF8), [false, false, true])
        XCTAssertEqual(read[2].byteOffset, 16)
        var recorder = FindingRecorder(policy: policy, file: "data.csv")
        let mapping = HeaderMatcher.map(["姓名", "身份证号"], for: .members)
        let row = RowReader(mapping: mapping).read(read[2], recordIndex: 0, recorder: &recorder)
        XCTAssertFalse(row.isReadable)
        XCTAssertEqual(recorder.findings.map(\.rule), [.F01])
        XCTAssertEqual(recorder.findings.first?.arguments, ["16"])
        // Valid text on both sides of the quote is one valid field, as before.
        let (_, good) = records(Array("\"张\"三,a\n".utf8))
        XCTAssertEqual(good.map(\.fields), [["张三", "a"]])
        XCTAssertEqual(good.map(\.hasInvalidUTF8), [false])
    }

    /// UTF-16 LE whose last code unit is a high surrogate with no low one after it.
    func testCutSurrogateIsUndecodableAtItsOffset() throws {
        let bytes = try input(.import, "utf16le-cut-surrogate.txt")
        XCTAssertEqual(bytes, [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8])
        guard case .failure(let error) = TextDecoder.decode(bytes) else { return XCTFail("decoded") }
        XCTAssertEqual(error, .undecodable(byteOffset: 4))
        guard case .refused(let findings, _, nil) = try open(bytes) else { return XCTFail("not refused") }
        XCTAssertEqual(findings.map(\.rule), [.F01])
        XCTAssertEqual(findings.first?.arguments, ["undecodable", "4"])
    }

    /// A file that is one quote: one record, unterminated (F03), not blank.
    func testLoneQuoteIsOneUnterminatedRecord() throws {
        let bytes = try input(.import, "lone-quote.csv")
        XCTAssertEqual(bytes, [0x22])
        let (dialect, read) = records(bytes)
        XCTAssertEqual(dialect, Dialect(delimiter: 0x2C, lineEnding: .lf))
        XCTAssertEqual(read.map(\.fields), [[""]])
        XCTAssertEqual(read.map(\.unterminatedQuote), [true])
        XCTAssertEqual(read.map(\.isBlank), [false])
        var recorder = FindingRecorder(policy: policy, file: "data.csv")
        let row = RowReader(mapping: HeaderMatcher.map(["姓名"], for: .members)).read(read[0], recordIndex: 0, recorder: &recorder)
        XCTAssertFalse(row.isReadable)
        XCTAssertEqual(recorder.findings.map(\.rule), [.F03])
    }

    /// Lone CRs end records (old Mac exports); the last one does not open an empty record.
    func testLoneCarriageReturnsEndRecords() throws {
        let bytes = try input(.import, "cr-alone.csv")
        XCTAssertEqual(bytes, Array("a,b\rc,d\r".utf8))
        let (dialect, read) = records(bytes)
        XCTAssertEqual(dialect, Dialect(delimiter: 0x2C, lineEnding: .cr))
        XCTAssertEqual(read.map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(read.map(\.row), [1, 2])
        XCTAssertEqual(read.map(\.byteOffset), [0, 4])
    }

    /// GB18030 text whose last four-byte character lost its last byte: undecodable where it starts.
    func testCutFourByteGB18030IsUndecodableAtItsStart() throws {
        let bytes = try input(.import, "gb18030-cut-four-byte.csv")
        XCTAssertEqual(bytes, [0xD0, 0xD5, 0xC3, 0xFB, 0x81, 0x30, 0x81])
        guard case .failure(let error) = TextDecoder.decode(bytes) else { return XCTFail("decoded") }
        XCTAssertEqual(error, .undecodable(byteOffset: 4))
        // With its last byte the same text is 姓名 and U+0080.
        guard case .success(let whole) = TextDecoder.decode(bytes + [0x30]) else { return XCTFail("not decoded") }
        XCTAssertEqual(whole.encoding, .gb18030)
        XCTAssertEqual(whole.utf8, Array("姓名\u{80}".utf8))
    }

    // MARK: values

    func testLongDigitRunsAreNoDate() throws {
        let digits = try text(.values, "day-digits-overflow.txt")
        XCTAssertEqual(digits, "9879877987987779877")
        XCTAssertNil(Day.parse(digits))
        XCTAssertNil(Day.parse(digits, precision: .monthAllowed))
        XCTAssertNil(Day.parse("2025-03-" + digits))
        XCTAssertNil(Day.parse("2025-" + digits + "-05"))
        // The forms the fast path passes on still read.
        XCTAssertEqual(Day.parse("20250305"), Day(year: 2025, month: 3, day: 5))
        XCTAssertEqual(Day.parse("2025-3-5"), Day(year: 2025, month: 3, day: 5))
    }

    /// One bound for amounts, with or without decorations and whatever the decimals written:
    /// `¥999999999999999` was refused while `999999999999999` was read.
    func testDecoratedAmountsHaveThePlainBound() throws {
        let decorated = try text(.values, "money-decorated-bound.txt")
        XCTAssertEqual(decorated, "¥999999999999999")
        XCTAssertEqual(Money.parse(decorated), .success(Money(fen: 99_999_999_999_999_900)))
        XCTAssertEqual(Money.parse("999999999999999"), .success(Money(fen: 99_999_999_999_999_900)))
        XCTAssertEqual(Money.parse("999999999999999.99"), .success(Money.largest))
        XCTAssertEqual(Money.parse("¥999,999,999,999,999.99元"), .success(Money.largest))
        XCTAssertEqual(Money.parse("¥90000000000000.00"), .success(Money(fen: 9_000_000_000_000_000)))
        XCTAssertEqual(Money.parse("1000000000000000"), .failure(.notANumber))
        XCTAssertEqual(Money.parse("¥1,000,000,000,000,000"), .failure(.notANumber))
        XCTAssertEqual(Money.parse("¥99999999999999999999999"), .failure(.notANumber))
        XCTAssertEqual(Money.parse("０００００００００００００００００１"), .success(Money(fen: 100)))
    }

    /// Found by the fuzzer: `33074202503054` read, but its own fixed form with 元 did not
    /// (the decorated parser bounded the digits written, decimals included).
    func testAnAmountReadsBackFromItsFixedFormWithYuan() throws {
        let plain = try text(.values, "money-fixed2-decorated.txt")
        XCTAssertEqual(plain, "33074202503054")
        let amount = Money(fen: 3_307_420_250_305_400)
        XCTAssertEqual(Money.parse(plain), .success(amount))
        XCTAssertEqual(amount.yuanFixed2, "33074202503054.00")
        XCTAssertEqual(Money.parse("33074202503054.00元"), .success(amount))
        XCTAssertEqual(Money.parse("¥33,074,202,503,054.00"), .success(amount))
    }

    // MARK: toml

    /// A key of 15,000 parts recursed once per part and overflowed the stack.
    func testDottedKeysHaveABoundedDepth() throws {
        let deep = try text(.toml, "dotted-key-depth.toml")
        XCTAssertEqual(deep.utf8.count, 30_004)
        XCTAssertThrowsError(try TOMLParser.parse(deep)) { error in
            XCTAssertEqual((error as? TOMLError)?.description, "line 1: a dotted key of more than 32 parts")
        }
        let parts = Array(repeating: "a", count: 32)
        var table = try TOMLParser.parse(parts.joined(separator: ".") + " = 1\n")
        for _ in 1..<32 {
            guard case .table(let inner)? = table["a"]?.value else { return XCTFail("not a table") }
            table = inner
        }
        XCTAssertEqual(table["a"]?.value, .integer(1))
        XCTAssertThrowsError(try TOMLParser.parse("[" + (parts + ["a"]).joined(separator: ".") + "]\n"))
    }

    /// Arrays nested 40,000 deep overflowed the stack.
    func testNestingHasABoundedDepth() throws {
        let deep = try text(.toml, "nesting-depth.toml")
        XCTAssertEqual(deep, "a = " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000) + "\n")
        XCTAssertThrowsError(try TOMLParser.parse(deep)) { error in
            XCTAssertEqual((error as? TOMLError)?.description, "line 1: arrays and inline tables nested more than 32 deep")
        }
        XCTAssertThrowsError(try TOMLParser.parse("a = " + String(repeating: "{b = ", count: 33) + "1" + String(repeating: "}", count: 33)))
        var value = try XCTUnwrap(try TOMLParser.parse("a = " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32))["a"]?.value)
        var depth = 0
        while case .array(let items) = value, let first = items.first { value = first; depth += 1 }
        XCTAssertEqual(depth, 31)
        XCTAssertEqual(value, .array([]))
    }

    /// A whole-yuan limit too large for fen overflowed Money(yuan:).
    func testYuanLimitTooLargeIsAProfileError() throws {
        let table = try TOMLParser.parse(try text(.toml, "yuan-overflow.toml"))
        XCTAssertThrowsError(try RuleProfile(toml: table, source: "test", base: RuleProfile.standard)) { error in
            let profileError = error as? ProfileError
            XCTAssertEqual(profileError?.line, 2)
            XCTAssertEqual(profileError?.key, "per_payment.生日慰问")
            XCTAssertEqual(profileError?.message, "expected an amount in yuan, found one too large")
        }
        // Found by the fuzzer, under [limits] as in unionbatch.toml (the key is not even a category).
        let found = try input(.toml, "limits-yuan-overflow.toml")
        XCTAssertEqual(Array(found.suffix(12)), Array("= \"me".utf8) + [0x9C] + Array("bers\"\n".utf8))
        let foundTable = try TOMLParser.parse(String(decoding: found, as: UTF8.self))
        guard case .table(let limits)? = foundTable["limits"]?.value else { return XCTFail("no [limits]") }
        XCTAssertThrowsError(try RuleProfile(toml: limits, source: "test", base: RuleProfile.standard)) { error in
            let profileError = error as? ProfileError
            XCTAssertEqual(profileError?.line, 4)
            XCTAssertEqual(profileError?.key.hasPrefix("per_payment."), true)
            XCTAssertEqual(profileError?.message, "expected an amount in yuan, found one too large")
        }
        let largest = try TOMLParser.parse("[per_payment]\n\"生日慰问\" = 999999999999999\n")
        let profile = try RuleProfile(toml: largest, source: "test", base: RuleProfile.standard)
        XCTAssertEqual(profile.perPaymentLimit[.birthday], Money(yuan: 999_999_999_999_999))
    }

    // MARK: header

    /// A two-row header under two title rows, padded so that its lower row ends on the 1 MiB bound: found.
    /// One byte more and it ends past the bound: the file is refused, its header named as missing.
    func testTwoRowHeaderEndingOnTheBoundIsFoundAndOneBytePastIsNot() throws {
        let at = HeaderFile(try input(.header, "two-row-ends-at-bound.bin"))
        XCTAssertEqual(at.dataset, .members)
        XCTAssertEqual(at.headerRow, 4)
        XCTAssertTrue(at.withinBounds)
        let lines = at.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0...3].reduce(0) { $0 + $1.count + 1 }, InputOpener.headerSearchBytes)
        XCTAssertEqual(Array(lines[1]), Array("T".utf8) + [0x01, 0x02])
        XCTAssertEqual(String(decoding: lines[3], as: UTF8.self),
                       Dataset.members.fields.dropLast().map(\.chineseTitle).joined(separator: ",") + ",")
        guard case .opened(let opened, let findings) = try open(at.bytes) else { return XCTFail("not opened") }
        XCTAssertEqual(opened.dataset, .members)
        XCTAssertEqual(opened.headerRow, 4)
        XCTAssertEqual(findings.filter { $0.rule == .F07 }.map(\.arguments), [["2", "4", "two-row", "3"]])

        let past = HeaderFile(try input(.header, "two-row-ends-past-bound.bin"))
        XCTAssertEqual(past.headerRow, 4)
        XCTAssertFalse(past.withinBounds)
        XCTAssertEqual(past.bytes.count, at.bytes.count + 1)
        guard case .refused(let refusal, _, _) = try open(past.bytes) else { return XCTFail("not refused") }
        XCTAssertEqual(refusal.map(\.rule), [.F04])
        XCTAssertEqual(refusal.first?.arguments.first, "nodataset")
        // Both run through the harness, whose invariants agree.
        HeaderHarness.run(try input(.header, "two-row-ends-at-bound.bin"))
        HeaderHarness.run(try input(.header, "two-row-ends-past-bound.bin"))
    }

    /// Eleven title rows, each followed by a blank one: the header is the twelfth non-blank row, not searched.
    func testAHeaderBelowTenNonBlankRowsIsNotSearched() throws {
        let file = HeaderFile(try input(.header, "eleven-title-rows.bin"))
        XCTAssertEqual(file.dataset, .payments)
        XCTAssertEqual(file.headerRow, 23)
        XCTAssertFalse(file.withinBounds)
        guard case .refused(let findings, _, _) = try open(file.bytes) else { return XCTFail("not refused") }
        XCTAssertEqual(findings.map(\.rule), [.F04])
        // The same header two title rows lower than allowed is found: ten non-blank rows, the header the tenth.
        var nine = try input(.header, "eleven-title-rows.bin")
        nine[1] = 9
        let within = HeaderFile(nine)
        XCTAssertEqual(within.headerRow, 19)
        XCTAssertTrue(within.withinBounds)
        guard case .opened(let opened, _) = try open(within.bytes) else { return XCTFail("not opened") }
        XCTAssertEqual(opened.dataset, .payments)
        XCTAssertEqual(opened.headerRow, 19)
    }

    /// Found by the fuzzer (a 10 s timeout): a title row padded to end 127 bytes before the bound was
    /// lower-cased whole once per dataset. The header below it is found.
    func testAOneMiBTitleCellIsSkippedInTime() throws {
        let file = HeaderFile(try input(.header, "title-cell-one-mib.bin"))
        XCTAssertEqual(file.dataset, .members)
        XCTAssertEqual(file.headerRow, 2)
        XCTAssertTrue(file.withinBounds)
        let lines = file.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0].count + lines[1].count + 2, InputOpener.headerSearchBytes - 127)
        XCTAssertEqual(Array(lines[0].prefix(30)), Array("T2025年工会会员名册aaaa".utf8))
        guard case .opened(let opened, let findings) = try open(file.bytes) else { return XCTFail("not opened") }
        XCTAssertEqual(opened.dataset, .members)
        XCTAssertEqual(opened.headerRow, 2)
        XCTAssertEqual(findings.filter { $0.rule == .F07 }.map(\.arguments), [["1", "2"]])
    }

    // MARK: filename

    func testFileNamesAreShownDecodedAndWithoutControlCharacters() throws {
        XCTAssertEqual(FileNameText.display(try input(.filename, "gbk-roster.bin")), "会员名册.csv")
        // Valid UTF-8 holding ESC: the escape is written out, never passed on to the terminal.
        XCTAssertEqual(FileNameText.display(try input(.filename, "escape-in-utf8.bin")), "a\\x1B[2J.csv")
        // GB18030 for U+0080 (a C1 control) decodes, but is not shown as such: its four bytes are escaped.
        let c1 = try input(.filename, "gb18030-c1.bin")
        guard case .decoded(let utf8) = c1.withUnsafeBufferPointer({ GB18030Decoder.decode($0) }) else { return XCTFail("not decoded") }
        XCTAssertEqual(utf8, Array("\u{80}.csv".utf8))
        XCTAssertEqual(FileNameText.display(c1), "\\x810\\x810.csv")
        XCTAssertEqual(FileNameText.display(Array("a\tb.csv".utf8)), "a\\x09b.csv")
        XCTAssertEqual(FileNameText.display(Array("a\u{85}b".utf8)), "a\\xC2\\x85b")
        XCTAssertEqual(FileNameText.display(Array("a\u{7F}".utf8)), "a\\x7F")
        // A CJK name written in GB18030 by glibc's iconv reads back through the harness.
        let name = FileNameHarness.cjkName([0x12, 0x34, 0x56, 0x78])
        XCTAssertEqual(name, "\u{6034}6.csv")
        let gb = try XCTUnwrap(GB18030Encoder.encode(name))
        XCTAssertEqual(FileNameText.display(gb), name)
        XCTAssertEqual(FileNameHarness.unescaped("\\xFFA名"), [0xFF, 0x41] + Array("名".utf8))
    }
}
