// Tests for links to other workbooks kept by this layer (write(link:)) against libxlsxwriter's own (write(url:)).
import CXlsxWriter
import Foundation
import XCTest
import ZIPFoundation
@testable import Xlsx

final class WorkbookLinksTests: XCTestCase {
    /// Sheets with links in any order, a repeated cell, characters to escape, print options, a chart on
    /// another sheet (so drawing relationships follow), and a sheet without links between linked ones.
    private func build(_ workbook: Workbook, kept: Bool) throws {
        func link(_ sheet: Worksheet, _ file: String, _ location: String, _ text: String, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
            if kept {
                try sheet.write(link: WorkbookLink(file: file, location: location), text: text, row: row, column: column, format: format)
            } else {
                try sheet.write(url: "external:\(file)#\(location)", text: text, row: row, column: column, format: format)
            }
        }
        let overview = try workbook.addWorksheet("概览")
        try overview.write("类别", row: 0, column: 0)
        try overview.write(number: 3, row: 1, column: 0)
        let chart = workbook.addChart(.column)
        chart.addSeries(categories: Chart.range(sheet: overview.name, firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0),
                        values: Chart.range(sheet: overview.name, firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 0), name: nil)
        try overview.insertChart(chart, row: 3, column: 2)

        let findings = try workbook.addWorksheet("问题清单")
        let blue = workbook.format(CellFormat(fontColor: 0x0563C1, underline: true))
        try findings.write("文件", row: 0, column: 0)
        try link(findings, "checked-payments.xlsx", "'缴费 明细'!E12", "打开", 3, 9, blue)
        try link(findings, "checked-members.xlsx", "'会员'!A1", "打开/看", 1, 9, blue)
        try link(findings, "checked-members.xlsx", "'A&B \"<x>\"'!C3", "打开", 2, 9)
        try link(findings, "checked-members.xlsx", "'会员'!B2", "打开", 2, 4, blue)
        try findings.autofilter(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 9)
        worksheet_center_horizontally(findings.pointer)

        let plain = try workbook.addWorksheet("说明")
        try plain.write("没有链接", row: 0, column: 0)

        let more = try workbook.addWorksheet("更多")
        try link(more, "checked-claims.xlsx", "'帮扶'!D7", "打开", 0, 0)
    }

    private func parts(_ url: URL) throws -> [(String, Data)] {
        let archive = try Archive(url: url, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return (entry.path, data)
        }
    }

    func testKeptLinksGiveLibxlsxwritersPartsByteForByte() throws {
        let own = try writeWorkbook(self, name: "own.xlsx") { try build($0, kept: false) }
        let kept = try writeWorkbook(self, name: "kept.xlsx") { try build($0, kept: true) }
        let ownParts = try parts(own), keptParts = try parts(kept)
        XCTAssertEqual(keptParts.map(\.0), ownParts.map(\.0))
        for ((name, ownData), (_, keptData)) in zip(ownParts, keptParts) {
            XCTAssertEqual(keptData, ownData, name)
        }
        // What the comparison covers: the links are there, in row then column order, escaped.
        let sheet = try zipEntryText(kept, "xl/worksheets/sheet2.xml")
        assertContains(sheet, #"<printOptions horizontalCentered="1"/>"#)
        assertContains(sheet, #"<hyperlinks><hyperlink ref="J2" r:id="rId1" location="'会员'!A1"/><hyperlink ref="E3" r:id="rId2" location="'会员'!B2"/><hyperlink ref="J3" r:id="rId3" location="'A&amp;B &quot;&lt;x&gt;&quot;'!C3"/><hyperlink ref="J4" r:id="rId4" location="'缴费 明细'!E12"/></hyperlinks><printOptions"#)
        let rels = try zipEntryText(kept, "xl/worksheets/_rels/sheet2.xml.rels")
        assertContains(rels, #"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="checked-payments.xlsx" TargetMode="External"/></Relationships>"#)
        XCTAssertTrue(try sharedStrings(kept).contains(#"打开\看"#))
        try PackageReadBack.verify(path: kept.path)
    }

    func testOfTwoLinksInOneCellTheLaterStaysAsInLibxlsxwriter() throws {
        func build(_ workbook: Workbook, kept: Bool) throws {
            let sheet = try workbook.addWorksheet("Data")
            for file in ["a.xlsx", "b.xlsx"] {
                if kept {
                    try sheet.write(link: WorkbookLink(file: file, location: "Data!A1"), text: file, row: 0, column: 0)
                } else {
                    try sheet.write(url: "external:\(file)#Data!A1", text: file, row: 0, column: 0)
                }
            }
        }
        let own = try writeWorkbook(self, name: "own.xlsx") { try build($0, kept: false) }
        let kept = try writeWorkbook(self, name: "kept.xlsx") { try build($0, kept: true) }
        for name in ["xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/sharedStrings.xml"] {
            XCTAssertEqual(try zipEntryText(kept, name), try zipEntryText(own, name), name)
        }
        assertContains(try zipEntryText(kept, "xl/worksheets/_rels/sheet1.xml.rels"), #"Target="b.xlsx""#)
    }

    func testAFileNameLibxlsxwriterWouldChangeGoesThroughItsOwnLinks() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            try sheet.write(link: WorkbookLink(file: "sub/a b.xlsx", location: "Data!A1"), text: "x", row: 0, column: 0)
            XCTAssertNil(workbook.core.sheetLinks[1])
        }
        assertContains(try zipEntryText(url, "xl/worksheets/_rels/sheet1.xml.rels"), #"Target="sub\a%20b.xlsx""#)
    }

    func testMixingLinkKindsOnASheetIsRefused() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("mixed.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        try sheet.write(link: WorkbookLink(file: "a.xlsx", location: "Data!A1"), text: "a", row: 0, column: 0)
        let mixed = expectXlsxError { try sheet.write(url: "internal:Data!A1", text: "b", row: 1, column: 0) }
        XCTAssertEqual(mixed?.context, "writing a link to Data!A2: the sheet's other links were written with write(link:)")
        try workbook.close()
        XCTAssertEqual(try zipEntryNames(url).filter { $0.contains("_rels/sheet") }, ["xl/worksheets/_rels/sheet1.xml.rels"])
    }

    func testALinkedSheetWithANoteFailsToCloseAndLeavesNoFile() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("noted.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        try sheet.write(link: WorkbookLink(file: "a.xlsx", location: "Data!A1"), text: "a", row: 0, column: 0)
        try sheet.writeComment("note", row: 1, column: 1)
        let failed = expectXlsxError { try workbook.close() }
        XCTAssertEqual(failed?.context, "closing \(url.path): sheet 1 has links and other relationships; its links must go through write(url:)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + ".links"))
    }

    func testTheCellsEndFoundAcrossPiecesAtEveryCut() throws {
        let part = Array(#"<worksheet><sheetData><row r="1"/></sheetData><autoFilter ref="A1:B2"/><pageMargins left="0.7"/></worksheet>"#.utf8)
        let links = SheetLinks()
        links.add(row: 1, column: 9, link: WorkbookLink(file: "a.xlsx", location: "'S'!A1"))
        let expected = #"<worksheet><sheetData><row r="1"/></sheetData><autoFilter ref="A1:B2"/><hyperlinks><hyperlink ref="J2" r:id="rId1" location="'S'!A1"/></hyperlinks><pageMargins left="0.7"/></worksheet>"#
        for cut in 1..<part.count {
            var out: [UInt8] = []
            var splice = HyperlinksSplice(links: links.ordered())
            try splice.take(part[..<cut], { out += $0 })
            try splice.take(part[cut...], { out += $0 })
            try splice.finish({ out += $0 }, path: "t.xlsx", part: "sheet1.xml")
            XCTAssertEqual(String(decoding: out, as: UTF8.self), expected, "cut at \(cut)")
        }
        var none = HyperlinksSplice(links: links.ordered())
        try none.take(Array("<worksheet><sheetData/></worksheet>".utf8)[...], { _ in })
        XCTAssertNotNil(expectXlsxError { try none.finish({ _ in }, path: "t.xlsx", part: "sheet1.xml") })
    }
}
