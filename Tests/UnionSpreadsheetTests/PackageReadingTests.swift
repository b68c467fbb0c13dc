// Packages written by hand, part by part: what other writers put in them (prefixes, rich text, phonetic
// runs, the 1904 date system, hidden rows, booleans and errors), and .ods tables with repeats and spans.
import Foundation
@testable import UnionSpreadsheet
import XCTest
import ZIPFoundation

final class PackageReadingTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/ub-packages-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func package(_ name: String, _ parts: [(String, String)], method: CompressionMethod = .deflate) throws -> String {
        let path = folder + "/" + name
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (part, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func xlsx(sheet: String, strings: String, styles: String, date1904: Bool = false, method: CompressionMethod = .deflate) throws -> String {
        try package("book.xlsx", [
            ("[Content_Types].xml", "<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
            ("_rels/.rels", "<Relationships><Relationship Id=\"r1\" Type=\"\(Self.rel)/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<x:workbook xmlns:x=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\"><x:workbookPr date1904=\"\(date1904 ? 1 : 0)\"/>"
                + "<x:sheets><x:sheet name=\"名册\" sheetId=\"1\" r:id=\"rIdA\"/><x:sheet name=\"图\" sheetId=\"2\" r:id=\"rIdC\"/></x:sheets></x:workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships>"
                + "<Relationship Id=\"rIdA\" Type=\"\(Self.rel)/worksheet\" Target=\"worksheets/../worksheets/s1.xml\"/>"
                + "<Relationship Id=\"rIdC\" Type=\"\(Self.rel)/chartsheet\" Target=\"chartsheets/c1.xml\"/>"
                + "<Relationship Id=\"rIdS\" Type=\"\(Self.rel)/sharedStrings\" Target=\"strings.xml\"/>"
                + "<Relationship Id=\"rIdT\" Type=\"\(Self.rel)/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/worksheets/s1.xml", "<x:worksheet xmlns:x=\"\(Self.main)\"><x:sheetData>" + sheet + "</x:sheetData></x:worksheet>"),
            ("xl/strings.xml", "<sst xmlns=\"\(Self.main)\">" + strings + "</sst>"),
            ("xl/styles.xml", "<styleSheet xmlns=\"\(Self.main)\">" + styles + "</styleSheet>"),
        ], method: method)
    }

    func testWhatOtherWritersPutInAnXLSX() throws {
        let styles = "<numFmts><numFmt numFmtId=\"170\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/><numFmt numFmtId=\"171\" formatCode=\"0.00&quot;元&quot;\"/></numFmts>"
            + "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/><xf numFmtId=\"14\"/></cellXfs>"
        let strings = "<si><t>姓名</t></si><si><r><t>张</t></r><r><t xml:space=\"preserve\">伟 </t></r><rPh><t>ちょう</t></rPh></si>"
        let sheet = "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>日期</x:t></x:is></x:c></x:row>"
            + "<x:row r=\"2\" hidden=\"1\"><x:c r=\"A2\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"B2\" s=\"1\"><x:v>44196</x:v></x:c>"
            + "<x:c r=\"C2\" s=\"2\"><x:v>59.699999999999996</x:v></x:c><x:c r=\"D2\" t=\"b\"><x:v>1</x:v></x:c>"
            + "<x:c r=\"E2\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"F2\" t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>姓名x</x:v></x:c>"
            + "<x:c r=\"G2\" s=\"3\"/><x:c s=\"0\"><x:v>1.1010519900101101E+17</x:v></x:c></x:row>"
            + "<x:row r=\"5\"><x:c r=\"C5\"><x:v>3</x:v></x:c></x:row>"
        let path = try xlsx(sheet: sheet, strings: strings, styles: styles, date1904: true)
        XCTAssertEqual(FileKind.classify(path: path), .workbook(.xlsx))
        let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
        // The chart sheet is no input.
        XCTAssertEqual(sheets.map(\.name), ["名册"])
        XCTAssertEqual(sheets[0].hiddenRows, 1)
        XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8),
                       "姓名,日期\n张伟 ,2025-01-01,59.7,TRUE,#N/A,姓名x,,1.10105199001011E+17\n\n\n,,3,,,,,\n")
    }

    func testASharedStringPastTheTableIsDamage() throws {
        let path = try xlsx(sheet: "<x:row r=\"1\"><x:c r=\"B1\" t=\"s\"><x:v>7</x:v></x:c></x:row>", strings: "<si><t>a</t></si>", styles: "")
        XCTAssertThrowsError(try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .sharedStringOutOfRange(sheet: "名册", cell: "B1", index: 7))
        }
    }

    /// A sheet with a comment, CDATA and a carriage return reads as the same cells as a plain one.
    func testASheetOutsideThePlainSubsetReadsTheSameThroughExpat() throws {
        let plain = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a b</x:t></x:is></x:c><x:c r=\"B1\"><x:v>2</x:v></x:c></x:row>"
        let other = "<!-- written by hand --><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t><![CDATA[a]]> b</x:t></x:is></x:c>\r\n"
            + "<x:c r=\"B1\"><x:v>2</x:v></x:c></x:row>"
        for sheet in [plain, other] {
            let path = try xlsx(sheet: sheet, strings: "", styles: "")
            let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
            XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8), "a b,2\n")
            try FileManager.default.removeItem(atPath: path)
        }
    }

    /// Malformed XML is the parser's finding (libxml2's words), with its line.
    func testAMalformedSheetIsDamageWithTheParsersReason() throws {
        let path = try xlsx(sheet: "<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:c></x:row>", strings: "", styles: "")
        XCTAssertThrowsError(try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .badXML(part: "xl/worksheets/s1.xml", line: 1, reason: "Opening and ending tag mismatch: v line 1 and c"))
        }
    }

    /// Parts stored without compression read as deflated ones do; a stored byte changed is a CRC mismatch.
    func testStoredPartsReadAndAChangedByteIsACRCMismatch() throws {
        let sheet = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>stored-cell</x:t></x:is></x:c></x:row>"
        let path = try xlsx(sheet: sheet, strings: "", styles: "", method: .none)
        let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
        XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8), "stored-cell\n")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let at = try XCTUnwrap(bytes.range(of: Data("stored-cell".utf8))).lowerBound
        bytes[at] = UInt8(ascii: "S")
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .damagedPackage(reason: "xl/worksheets/s1.xml: CRC mismatch"))
        }
    }

    func testADoctypeIsRefusedBeforeAnyEntityIsRead() throws {
        let path = try package("book.xlsx", [
            ("[Content_Types].xml", "<Types>spreadsheetml.sheet.main</Types>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><workbook><sheets/>&e;</workbook>"),
        ])
        XCTAssertThrowsError(try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")) {
            XCTAssertEqual($0 as? SpreadsheetProblem, .doctypeIn(part: "xl/workbook.xml"))
        }
    }

    func testODSRepeatsSpansAndHiddenThings() throws {
        let t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
        let content = """
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="\(t)"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
            <office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>
            <office:body><office:spreadsheet>
            <table:table table:name="名册">
              <table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>金额</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>
              <table:table-row table:visibility="collapse"><table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>张<text:s text:c="2"/>伟</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.30000000000000004"><text:p>0.3</text:p></table:table-cell></table:table-row>
              <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="date" office:date-value="2025-03-05T00:00:00"/></table:table-row>
              <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>横</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
              <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table>
            <table:table table:name="藏" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p><text:p>b</text:p></table:table-cell></table:table-row></table:table>
            </office:spreadsheet></office:body></office:document-content>
            """
        let path = try package("book.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content)])
        XCTAssertEqual(FileKind.classify(path: path), .workbook(.ods))
        let sheets = try WorkbookTranscoder.transcode(path: path, format: .ods, into: folder + "/out")
        XCTAssertEqual(sheets.map(\.name), ["名册", "藏"])
        XCTAssertEqual(sheets.map(\.hidden), [false, true])
        XCTAssertEqual(sheets[0].hiddenRows, 1)
        XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8),
                       "姓名,金额\n张  伟,0.3\n张  伟,2025-03-05\nTRUE,横\nTRUE,横\n")
        XCTAssertEqual(try String(contentsOfFile: sheets[1].csvPath, encoding: .utf8), "\"a\nb\"\n")
    }
}
