// Tests for the RFC 4180 reader: quoting, line endings, blank rows, Calc row numbers, invalid UTF-8, big inputs.

import Foundation
import XCTest

@testable import UnionImport

final class CSVReaderTests: XCTestCase {
    private func read(_ text: String, delimiter: Character = ",") -> [CSVRecord] {
        read(Array(text.utf8), delimiter: delimiter)
    }

    private func read(_ bytes: [UInt8], delimiter: Character = ",") -> [CSVRecord] {
        Array(CSVReader(utf8: bytes, dialect: Dialect(delimiter: delimiter.asciiValue!, lineEnding: .lf)))
    }

    private func fixture(_ name: String) throws -> [UInt8] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    // MARK: Basic records

    func testEmptyInputHasNoRecords() {
        XCTAssertEqual(read("").count, 0)
    }

    func testSimpleRecordsWithRowsAndOffsets() {
        let records = read("姓名,金额\n张三,100\n")
        XCTAssertEqual(records.map(\.fields), [["姓名", "金额"], ["张三", "100"]])
        XCTAssertEqual(records.map(\.row), [1, 2])
        XCTAssertEqual(records.map(\.byteOffset), [0, 14])
        XCTAssertEqual(records.map(\.isBlank), [false, false])
        XCTAssertEqual(records.map(\.hasInvalidUTF8), [false, false])
        XCTAssertEqual(records.map(\.unterminatedQuote), [false, false])
    }

    func testFieldsAreNotTrimmed() {
        XCTAssertEqual(read(" a , b\t,\u{3000}c\n").map(\.fields), [[" a ", " b\t", "\u{3000}c"]])
    }

    func testTrailingNewlineDoesNotMakeARecord() {
        XCTAssertEqual(read("a,b\nc,d\n").map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(read("a,b\r\nc,d\r\n").map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(read("a,b\rc,d\r").map(\.fields), [["a", "b"], ["c", "d"]])
    }

    func testNoTrailingNewline() {
        let records = read("a,b\nc,d")
        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(records.map(\.byteOffset), [0, 4])
    }

    func testCRLFFile() {
        let records = read("h1,h2\r\n1,2\r\n3,4")
        XCTAssertEqual(records.map(\.fields), [["h1", "h2"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3])
        XCTAssertEqual(records.map(\.byteOffset), [0, 7, 12])
    }

    func testCROnlyFile() {
        let records = read("h1,h2\r1,2\r\r3,4\r")
        XCTAssertEqual(records.map(\.fields), [["h1", "h2"], ["1", "2"], [""], ["3", "4"]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3, 4])
        XCTAssertEqual(records.map(\.isBlank), [false, false, true, false])
    }

    func testMixedLineEndingsAreAllAccepted() {
        let records = read("a\rb\r\nc\nd")
        XCTAssertEqual(records.map(\.fields), [["a"], ["b"], ["c"], ["d"]])
        XCTAssertEqual(records.map(\.byteOffset), [0, 2, 5, 7])
    }

    // MARK: Empty fields

    func testEmptyFields() {
        XCTAssertEqual(read("a,,c\n,b,\n").map(\.fields), [["a", "", "c"], ["", "b", ""]])
    }

    func testTrailingDelimiterAtEndOfFileMakesAnEmptyLastField() {
        XCTAssertEqual(read("a,b,").map(\.fields), [["a", "b", ""]])
    }

    func testEmptyQuotedFields() {
        let records = read("\"\",b,\"\"\nx,\"\"\n")
        XCTAssertEqual(records.map(\.fields), [["", "b", ""], ["x", ""]])
        XCTAssertEqual(records.map(\.isBlank), [false, false])
    }

    // MARK: Quoting

    func testQuotedFieldsHoldDelimiters() {
        XCTAssertEqual(read("张三,\"1,200.00\",\"a,b,c\"\n").map(\.fields), [["张三", "1,200.00", "a,b,c"]])
    }

    func testEscapedQuotes() {
        let records = read("\"He said \"\"hi\"\"\",\"\"\"\"\n\"\"\"start\",\"end\"\"\"\n")
        XCTAssertEqual(records.map(\.fields), [["He said \"hi\"", "\""], ["\"start", "end\""]])
    }

    func testQuotedLFLineBreakStaysInTheRecord() {
        let records = read("name,note\n张三,\"第一行\n第二行\"\n李四,x\n")
        XCTAssertEqual(records.map(\.fields), [["name", "note"], ["张三", "第一行\n第二行"], ["李四", "x"]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3])
    }

    func testQuotedCRLFLineBreakStaysInTheRecord() {
        let records = read("name,note\r\n张三,\"a\r\nb\r\nc\"\r\n李四,x\r\n")
        XCTAssertEqual(records.map(\.fields), [["name", "note"], ["张三", "a\r\nb\r\nc"], ["李四", "x"]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3])
    }

    func testQuotedFieldWithEscapesAndLineBreaks() {
        XCTAssertEqual(read("\"a \"\"q\"\"\nb\",c\n").map(\.fields), [["a \"q\"\nb", "c"]])
    }

    func testQuoteInsideUnquotedFieldIsLiteral() {
        XCTAssertEqual(read("ab\"c,d\"\"e,5\"\n").map(\.fields), [["ab\"c", "d\"\"e", "5\""]])
    }

    func testTextAfterClosingQuoteIsAppendedLiterally() {
        XCTAssertEqual(read("\"ab\"cd,e\n\"x\"\"y\"z,\"q\" \n").map(\.fields), [["abcd", "e"], ["x\"yz", "q "]])
    }

    func testUnterminatedQuoteAtEndOfFile() {
        let records = read("a,b\nc,\"d,e\nf\n")
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].fields, ["a", "b"])
        XCTAssertFalse(records[0].unterminatedQuote)
        XCTAssertEqual(records[1].fields, ["c", "d,e\nf\n"])
        XCTAssertTrue(records[1].unterminatedQuote)
        XCTAssertFalse(records[1].isBlank)
        XCTAssertEqual(records[1].row, 2)
        XCTAssertEqual(records[1].byteOffset, 4)
    }

    func testUnterminatedQuoteWithEscapesKeepsWhatWasRead() {
        let records = read("\"a\"\"b")
        XCTAssertEqual(records.map(\.fields), [["a\"b"]])
        XCTAssertEqual(records.map(\.unterminatedQuote), [true])
    }

    func testLoneQuoteAtEndIsUnterminatedNotBlank() {
        let records = read("a\n\"")
        XCTAssertEqual(records.map(\.fields), [["a"], [""]])
        XCTAssertEqual(records.map(\.unterminatedQuote), [false, true])
        XCTAssertEqual(records.map(\.isBlank), [false, false])
    }

    // MARK: Blank rows and Calc row numbers

    func testBlankLinesAndBareDelimitersTakeRowNumbers() {
        let text = "h1,h2\n\n,\n , \t\n\"\",\"\"\n\u{3000},\u{00A0}\nx,y\n"
        let records = read(text)
        XCTAssertEqual(records.map(\.row), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(records.map(\.isBlank), [false, true, true, true, true, true, false])
        XCTAssertEqual(records[1].fields, [""])
        XCTAssertEqual(records[2].fields, ["", ""])
        XCTAssertEqual(records[6].fields, ["x", "y"])
        XCTAssertEqual(records.map(\.byteOffset), [0, 6, 7, 9, 14, 20, 27])
    }

    func testTrailingBlankLinesAreBlankRecords() {
        let records = read("a\n\n\n")
        XCTAssertEqual(records.map(\.fields), [["a"], [""], [""]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3])
        XCTAssertEqual(records.map(\.isBlank), [false, true, true])
    }

    func testRecordAfterAMultiLineRecordHasTheNextRow() {
        let text = "标题\n姓名,备注\n张三,\"一\r\n二\n三\"\n\n李四,\"x\ny\"\n王五,z\n"
        let records = read(text)
        XCTAssertEqual(records.map(\.row), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(records.map(\.isBlank), [false, false, false, true, false, false])
        XCTAssertEqual(records[2].fields, ["张三", "一\r\n二\n三"])
        XCTAssertEqual(records[4].fields, ["李四", "x\ny"])
        XCTAssertEqual(records[5].fields, ["王五", "z"])
        XCTAssertEqual(records[5].byteOffset, Array(text.utf8).count - "王五,z\n".utf8.count)
    }

    func testCellHoldingOnlyAQuotedLineBreakIsBlank() {
        let records = read("\"\n\",\"\"\nx\n")
        XCTAssertEqual(records.map(\.isBlank), [true, false])
        XCTAssertEqual(records.map(\.row), [1, 2])
    }

    // MARK: Invalid UTF-8

    func testInvalidUTF8IsFlaggedPerRecord() {
        // Row 2 holds 张三 in GBK in an unquoted field, row 3 a cut UTF-8 sequence in a quoted one.
        let bytes: [UInt8] = Array("姓名,金额\n".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + Array(",100\n\"".utf8)
            + [0xE4, 0xB8] + Array("\",200\n王五,300\n".utf8)
        let records = read(bytes)
        XCTAssertEqual(records.map(\.hasInvalidUTF8), [false, true, true, false])
        XCTAssertEqual(records[1].fields[1], "100")
        XCTAssertTrue(records[1].fields[0].unicodeScalars.contains("\u{FFFD}"))
        XCTAssertEqual(records[2].fields, ["\u{FFFD}", "200"])
        XCTAssertEqual(records[3].fields, ["王五", "300"])
    }

    func testInvalidSequenceInTextAfterClosingQuoteIsFlagged() {
        let records = read([0x22, 0x61, 0x22, 0xFF, 0x2C, 0x62])
        XCTAssertEqual(records.map(\.hasInvalidUTF8), [true])
        XCTAssertEqual(records[0].fields, ["a\u{FFFD}", "b"])
    }

    // MARK: Other delimiters

    func testTabDelimitedWithCommasInCells() {
        XCTAssertEqual(read("a\t1,200.00\t\"x\ty\"\n", delimiter: "\t").map(\.fields), [["a", "1,200.00", "x\ty"]])
    }

    func testSemicolonAndPipeDelimiters() {
        XCTAssertEqual(read("a;b,c;d\n", delimiter: ";").map(\.fields), [["a", "b,c", "d"]])
        XCTAssertEqual(read("a|\"b|c\"|d\n", delimiter: "|").map(\.fields), [["a", "b|c", "d"]])
    }

    // MARK: Size

    func testTenMegabyteQuotedField() {
        let size = 10 * 1024 * 1024
        var bytes: [UInt8] = Array("id,blob\n1,\"".utf8)
        bytes.reserveCapacity(size + 32)
        for i in 0..<size { bytes.append(i % 1000 == 999 ? 0x0A : 0x61 + UInt8(i % 26)) }
        bytes += Array("\",end\n2,x\n".utf8)
        let records = read(bytes)
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(records[1].fields.count, 3)
        XCTAssertEqual(records[1].fields[1].utf8.count, size)
        XCTAssertEqual(records[1].fields[2], "end")
        XCTAssertEqual(records[2].fields, ["2", "x"])
        XCTAssertEqual(records[2].row, 3)
    }

    func testTenMegabyteUnquotedField() {
        let bytes = [UInt8](repeating: 0x7A, count: 10 * 1024 * 1024) + Array(",1\n".utf8)
        let records = read(bytes)
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records[0].fields[0].utf8.count, 10 * 1024 * 1024)
        XCTAssertEqual(records[0].fields[1], "1")
    }

    func testFiveThousandColumns() {
        let header = (0..<5000).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<5000).map { $0 % 2 == 0 ? "\($0)" : "\"v,\($0)\"" }.joined(separator: ",")
        let records = read(header + "\n" + row + "\n")
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].fields.count, 5000)
        XCTAssertEqual(records[1].fields.count, 5000)
        XCTAssertEqual(records[0].fields[4999], "c4999")
        XCTAssertEqual(records[1].fields[4998], "4998")
        XCTAssertEqual(records[1].fields[4999], "v,4999")
    }

    // MARK: Fixtures end to end

    func testGB18030FixtureDecodesSniffsAndReads() throws {
        let text = try TextDecoder.decode(try fixture("members-gb18030.csv")).get()
        let dialect = DialectSniffer.sniff(text.utf8)
        XCTAssertEqual(dialect, Dialect(delimiter: 0x2C, lineEnding: .crlf))
        let records = Array(CSVReader(utf8: text.utf8, dialect: dialect))
        XCTAssertEqual(
            records.map(\.fields),
            [
                ["姓名", "身份证号", "金额"],
                ["张三", "110101199003071234", "¥1234.5"],
                ["吉𠮷·Mäder", "11010119900307123X", "1,200.00"],
            ])
    }

    func testUTF16FixtureIsTabDelimited() throws {
        let text = try TextDecoder.decode(try fixture("members-utf16le.txt")).get()
        let dialect = DialectSniffer.sniff(text.utf8)
        XCTAssertEqual(dialect, Dialect(delimiter: 0x09, lineEnding: .crlf))
        let records = Array(CSVReader(utf8: text.utf8, dialect: dialect))
        XCTAssertEqual(records.map(\.row), [1, 2, 3])
        XCTAssertEqual(records[2].fields, ["吉𠮷·Mäder", "11010119900307123X", "1,200.00"])
    }
}

/// A file streamed through a small window gives the records the whole text gives: records cut by a window's
/// end (inside a quote, between CR and LF, inside a multi-byte character) are read again whole.
final class CSVReaderStreamingTests: XCTestCase {
    private func records(streaming bytes: [UInt8], chunk: Int, skip: Int = 0) throws -> [CSVRecord] {
        let path = NSTemporaryDirectory() + "stream-" + UUID().uuidString + ".csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try FileChunks(path: path)
        file.skip(skip)
        return Array(CSVReader(streaming: file, dialect: Dialect(delimiter: 0x2C, lineEnding: .lf), chunkSize: chunk))
    }

    private func assertSameAsWhole(_ text: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let whole = Array(CSVReader(utf8: text, dialect: Dialect(delimiter: 0x2C, lineEnding: .lf)))
        for chunk in [4, 5, 6, 7, 11, 64, 1 << 20] {
            let streamed = try records(streaming: text, chunk: chunk)
            XCTAssertEqual(streamed.map(\.fields), whole.map(\.fields), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(streamed.map(\.row), whole.map(\.row), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(streamed.map(\.byteOffset), whole.map(\.byteOffset), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(streamed.map(\.isBlank), whole.map(\.isBlank), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(streamed.map(\.unterminatedQuote), whole.map(\.unterminatedQuote), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(streamed.map(\.hasInvalidUTF8), whole.map(\.hasInvalidUTF8), "chunk \(chunk)", file: file, line: line)
        }
    }

    func testQuotedLineBreaksCRLFAndBlankLinesAcrossWindows() throws {
        let text = "姓名,备注,金额\r\n张三,\"第一行\r\n第二行，\"\"引号\"\"\",100\r\n\r\n,,\r\n李四,短,200\r\n\"王\"\"五\",x,300"
        try assertSameAsWhole(Array(text.utf8))
    }

    func testCROnlyLineEndingsAcrossWindows() throws {
        try assertSameAsWhole(Array("a,b\rc,d\r\re,\"f\rg\"\r".utf8))
    }

    func testUnterminatedQuoteAtTheEnd() throws {
        try assertSameAsWhole(Array("a,b\nc,\"never closed\nstill\n".utf8))
    }

    func testInvalidUTF8AcrossWindows() throws {
        try assertSameAsWhole(Array("a,b\n".utf8) + [0xD5, 0xC5, 0x2C, 0x31, 0x0A] + Array("张三,2\n".utf8))
    }

    func testAFieldLongerThanManyWindowsGrowsTheWindow() throws {
        let long = String(repeating: "长", count: 5_000)
        let records = try records(streaming: Array("a,\(long)\nb,c\n".utf8), chunk: 16)
        XCTAssertEqual(records.map(\.fields), [["a", long], ["b", "c"]])
        XCTAssertEqual(records.map(\.byteOffset), [0, 15_003])
    }

    func testRandomTextsReadTheSameStreamedAsWhole() throws {
        // Quotes, delimiters, CR, LF, a multi-byte character, a byte that is not UTF-8 and plain letters,
        // in random order: every way a window's end can cut a record.
        let pieces: [[UInt8]] = [[0x22], [0x22, 0x22], [0x2C], [0x0D], [0x0A], [0x0D, 0x0A], Array("工".utf8), [0xD5], [0x61], [0x20]]
        var random = RandomText(seed: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<200 {
            try assertSameAsWhole(random.text(of: pieces, maxPieces: 120))
        }
    }

    func testOffsetsCountFromAfterASkippedBOM() throws {
        let records = try records(streaming: [0xEF, 0xBB, 0xBF] + Array("h\nx,y\n".utf8), chunk: 4, skip: 3)
        XCTAssertEqual(records.map(\.fields), [["h"], ["x", "y"]])
        XCTAssertEqual(records.map(\.byteOffset), [0, 2])
    }
}
