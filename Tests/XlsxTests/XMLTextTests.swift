// Tests that text with characters XML cannot hold still gives files every reader opens.
import XCTest
@testable import Xlsx

final class XMLTextTests: XCTestCase {
    func testReplacements() {
        XCTAssertEqual(XMLText.cell("a\u{1}b\u{0}c\u{FFFF}"), "a\u{1}b\u{FFFD}c\u{FFFD}")
        XCTAssertEqual(XMLText.markup("a\u{1}b\tc\nd\re\u{FFFE}"), "a\u{FFFD}b\tc\nd\re\u{FFFD}")
        XCTAssertEqual(XMLText.markup("普通文字"), "普通文字")
        XCTAssertTrue(XMLText.hasForbidden("x\u{1B}"))
        XCTAssertFalse(XMLText.hasForbidden("x\ty\n"))
    }

    func testControlCharactersInCellsNotesCaptionsAndPropertiesGiveValidXML() throws {
        let url = try writeWorkbook(self) { workbook in
            workbook.setProperties(created: (2025, 12, 31), title: "t\u{2}", author: "a\u{3}")
            let sheet = try workbook.addWorksheet("Data\u{1}")
            try sheet.write("a\u{1}b", row: 0, column: 0)
            try sheet.write("x\u{0}y", row: 0, column: 1)
            try sheet.write(number: 1, row: 0, column: 2)
            try sheet.writeComment("bell\u{7}", row: 0, column: 0, author: "me\u{8}")
            let chart = workbook.addChart(.column)
            chart.addSeries(categories: "", values: "=Data_!$C$1:$C$1", name: "s\u{1}")
            chart.setTitle("title\u{1F}")
            try sheet.insertChart(chart, row: 2, column: 0)
            let error = expectXlsxError {
                try sheet.write(url: "https://example.com/\u{1}", text: nil, row: 1, column: 0)
            }
            XCTAssertEqual(error?.context, "writing a link to Data_!A2: the link holds control characters")
        }
        try assertEveryPartIsWellFormedXML(url)
        XCTAssertEqual(try sharedStrings(url), ["a_x0001_b", "x\u{FFFD}y"])
        assertContains(try zipEntryText(url, "xl/comments1.xml"), "<t>bell\u{FFFD}</t>")
        assertContains(try zipEntryText(url, "xl/charts/chart1.xml"), "<a:t>title\u{FFFD}</a:t>")
        assertContains(try zipEntryText(url, "docProps/core.xml"), "<dc:title>t\u{FFFD}</dc:title>")
    }
}
