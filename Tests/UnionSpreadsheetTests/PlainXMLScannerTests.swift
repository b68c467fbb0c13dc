// The plain scanner against expat, its oracle: the same events for plain XML however it is cut into
// chunks, and a refusal (so expat reads the part) for everything outside the plain subset.
import Foundation
@testable import UnionSpreadsheet
import Xlsx
import XCTest

/// Every event as a line; consecutive text pieces joined (expat and the scanner cut text differently).
final class RecordingHandler: XMLEventHandler {
    var events: [String] = []
    private var pendingText: [UInt8] = []

    private func flushText() {
        if !pendingText.isEmpty { events.append("T " + String(decoding: pendingText, as: UTF8.self)) }
        pendingText.removeAll()
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        flushText()
        var line = "S " + String(cString: name)
        var i = 0
        while let key = attributes.pairs[i], let value = attributes.pairs[i + 1] {
            line += " \(String(cString: key))=[\(String(cString: value))]"
            i += 2
        }
        events.append(line)
    }

    override func end(_ name: UnsafePointer<CChar>) {
        flushText()
        events.append("E " + String(cString: name))
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) { pendingText += bytes }

    var all: [String] {
        flushText()
        return events
    }
}

final class PlainXMLScannerTests: XCTestCase {
    func expatEvents(_ xml: [UInt8]) throws -> [String] {
        let handler = RecordingHandler()
        let stream = XMLEventStream(part: "p", handler: handler)
        try xml.withUnsafeBytes { try stream.feed($0) }
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        return handler.all
    }

    /// The scanner's events with the part fed `piece` bytes at a time.
    func scannerEvents(_ xml: [UInt8], piece: Int) throws -> [String] {
        let handler = RecordingHandler()
        let scanner = PlainXMLScanner(part: "p", handler: handler, chunkSize: 64)
        var i = 0
        while i < xml.count {
            let n = min(piece, xml.count - i)
            try xml.withUnsafeBytes { try scanner.feed(UnsafeRawBufferPointer(rebasing: $0[i..<(i + n)])) }
            i += n
        }
        try scanner.finish()
        return handler.all
    }

    static let plain = [
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<worksheet xmlns="m" xmlns:r="r"><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c>"#
            + #"<c r="B1" s="2" t="inlineStr"><is><t xml:space="preserve"> 张伟 &amp; 李娜 &lt;&gt;&quot;&apos; </t></is></c>"#
            + #"<c r='C1'><v>1.5E+3</v></c><c r="D1"/></row><row r="3" hidden="1"><c r="A3" t="str"><f>A1*2</f><v>0</v></c></row>"#
            + "</sheetData>\n<mergeCells count=\"1\"><mergeCell ref=\"A1:A3\"/></mergeCells></worksheet>\n",
        "\u{FEFF}<x:sst xmlns:x=\"m\"><x:si><x:t>&#20013;&#x6587;&#9;tab&#10;line ] ]> a]b</x:t></x:si><x:si><x:r><x:t>富</x:t></x:r>"
            + "<x:rPh sb=\"0\" eb=\"1\"><x:t>フ</x:t></x:rPh></x:si><x:si><x:t>😀 é</x:t></x:si></x:sst>",
        "<a\n  b = \"1\"\tc='2'/>",
        "<root><empty></empty><e a=\"\"/>text at the end \u{00A0}</root>  \n",
    ]

    func testPlainXMLGivesExpatsEventsHoweverItIsCut() throws {
        for xml in Self.plain {
            let bytes = Array(xml.utf8)
            let expected = try expatEvents(bytes)
            XCTAssertGreaterThan(expected.count, 1)
            for piece in [1, 2, 3, 5, 8, 13, 64, bytes.count] {
                XCTAssertEqual(try scannerEvents(bytes, piece: piece), expected, "\(piece)-byte pieces of \(xml.prefix(40))")
            }
        }
    }

    func testTheFirstPlainDocumentReadsAsWritten() throws {
        let events = try scannerEvents(Array(Self.plain[0].utf8), piece: 7)
        XCTAssertTrue(events.contains("S c r=[B1] s=[2] t=[inlineStr]"))
        XCTAssertTrue(events.contains("T  张伟 & 李娜 <>\"' "))
        XCTAssertTrue(events.contains("S c r=[C1]"))
        XCTAssertTrue(events.contains("S mergeCell ref=[A1:A3]"))
        let strings = try scannerEvents(Array(Self.plain[1].utf8), piece: 5)
        XCTAssertTrue(strings.contains("T 中文\ttab\nline ] ]> a]b"), "\(strings)")
    }

    /// Outside the plain subset, or malformed: the scanner gives up (expat then reads it, or says why not).
    func testEverythingOutsideThePlainSubsetGivesUp() throws {
        let refused = [
            "<a><!-- note --></a>", "<a><![CDATA[x]]></a>", "<!DOCTYPE a><a/>", "<?xml version=\"1.0\"?><?pi x?><a/>",
            "<a>x\r\ny</a>", "<a b=\"1\" b=\"2\"/>", "<a></b>", "<a>&nbsp;</a>", "<a>\u{1}</a>", "<a>x]]>y</a>",
            "<a/><b/>", "<a/>text", "<a b=\"x&amp;y\"/>", "<a b=\"x\ny\"/>", "<a b=\"1\"c=\"2\"/>", "<名/>", "<a>", "<a",
            "<?xml version=\"1.0\" encoding=\"GB2312\"?><a/>", "<?xml version=\"1.1\"?><a/>", "<a>&#0;</a>", "<a>&#xD800;</a>",
            "<a>\u{85}</a>", "<a>&#x85;</a>", "<a b=1/>", "<a>x</a >y", "< a/>", "<a c='x>y'/>",
        ]
        for xml in refused {
            XCTAssertThrowsError(try scannerEvents(Array(xml.utf8), piece: 3), xml) { XCTAssertTrue($0 is PlainXMLUnsupported, "\(xml): \($0)") }
        }
        for bytes: [UInt8] in [[0x3C, 0x61, 0x3E, 0xC0, 0x80, 0x3C, 0x2F, 0x61, 0x3E], [0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E],
                               [0x3C, 0x61, 0x3E, 0xEF, 0xBF, 0xBF, 0x3C, 0x2F, 0x61, 0x3E], [0x3C, 0x61, 0x3E, 0xE4, 0xB8, 0x3C, 0x2F, 0x61, 0x3E]] {
            XCTAssertThrowsError(try scannerEvents(bytes, piece: 2)) { XCTAssertTrue($0 is PlainXMLUnsupported) }
        }
    }

    /// A token longer than the scanner holds across chunks gives up rather than growing.
    func testATextLongerThanTheCarryGivesUp() throws {
        let xml = Array(("<a>" + String(repeating: "x", count: PlainXMLScanner.maxCarry + 1000) + "</a>").utf8)
        XCTAssertThrowsError(try scannerEvents(xml, piece: 1000)) { XCTAssertTrue($0 is PlainXMLUnsupported) }
    }
}

/// Whole workbooks read through the scanner: parts of several megabytes, so cells and shared strings fall
/// across the 1 MiB chunks inflate hands on; and a part outside the subset read by expat instead.
final class PlainWorkbookTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/ub-plain-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    static let rows = 60_000

    /// Writes the roster (shared strings, or inline strings in constant-memory mode); returns the CSV expected.
    func writeRoster(_ path: String, constantMemory: Bool) throws -> String {
        let wb = try Workbook(path: path, constantMemory: constantMemory)
        let date = wb.format(CellFormat(numberFormat: "yyyy-mm-dd"))
        let sheet = try wb.addWorksheet("名册")
        var expected = "姓名,备注,月工资,入会日期\n"
        for (c, title) in ["姓名", "备注", "月工资", "入会日期"].enumerated() { try sheet.write(title, row: 0, column: c) }
        for r in 1...Self.rows {
            let note = r % 3 == 0 ? "甲,乙 & \"丙\" <\(r)>" : "第\(r)号"
            try sheet.write("会员\(r)", row: r, column: 0)
            try sheet.write(note, row: r, column: 1)
            try sheet.write(number: Double(r) + 0.5, row: r, column: 2)
            try sheet.write(date: (2000 + r % 25, 1 + r % 12, 1 + r % 28), row: r, column: 3, format: date)
            let quoted = note.contains(",") ? "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : note
            let day = String(format: "%04d-%02d-%02d", 2000 + r % 25, 1 + r % 12, 1 + r % 28)
            expected += "会员\(r),\(quoted),\(r).5,\(day)\n"
        }
        try wb.close()
        return expected
    }

    func testAHugeSharedStringTableAndItsSheetReadWhole() throws {
        let path = folder + "/shared.xlsx"
        let expected = try writeRoster(path, constantMemory: false)
        let package = try PackageParts(path: path)
        XCTAssertGreaterThan(try package.bytes("xl/sharedStrings.xml", limit: 1 << 30).count, 2 * PackageParts.chunkSize)
        let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
        XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8), expected)
        XCTAssertEqual(sheets[0].cells, 4 * (Self.rows + 1))
    }

    func testInlineStringsAcrossChunksReadWhole() throws {
        let path = folder + "/inline.xlsx"
        let expected = try writeRoster(path, constantMemory: true)
        let package = try PackageParts(path: path)
        XCTAssertGreaterThan(try package.bytes("xl/worksheets/sheet1.xml", limit: 1 << 30).count, 3 * PackageParts.chunkSize)
        let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
        XCTAssertEqual(try String(contentsOfFile: sheets[0].csvPath, encoding: .utf8), expected)
    }
}
