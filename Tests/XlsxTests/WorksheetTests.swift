// Tests for cells, layout, panes, filters, printing, links, notes, merges and list checks.
import CXlsxWriter
import XCTest
@testable import Xlsx

final class WorksheetTests: XCTestCase {
    private let sheetPath = "xl/worksheets/sheet1.xml"

    func testStringsGoToSharedStringsAndFormulaLookingTextStaysText() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            try sheet.write("姓名", row: 0, column: 0)
            try sheet.write("=SUM(A1:A2)", row: 1, column: 0)
            try sheet.write("+86 138", row: 1, column: 1)
            try sheet.write("姓名", row: 2, column: 0)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c></row>"#)
        assertContains(xml, #"<row r="2" spans="1:2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>"#)
        assertContains(xml, #"<row r="3" spans="1:2"><c r="A3" t="s"><v>0</v></c></row>"#)
        assertNotContains(xml, "<f>")
        XCTAssertEqual(try sharedStrings(url), ["姓名", "=SUM(A1:A2)", "+86 138"])
    }

    func testEmptyStringWritesBlankWithFormatAndNothingWithout() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let fill = workbook.format(CellFormat(fillColor: 0xFFC7CE))
            try sheet.write("", row: 0, column: 0)
            try sheet.write("", row: 0, column: 1, format: fill)
            try sheet.write("x", row: 0, column: 2)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<row r="1" spans="2:3"><c r="B1" s="1"/><c r="C1" t="s"><v>0</v></c></row>"#)
        XCTAssertEqual(try sharedStrings(url), ["x"])
    }

    func testNumbersFormulasWithCachedValuesAndDates() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let money = workbook.format(CellFormat(numberFormat: "#,##0.00"))
            let date = workbook.format(CellFormat(numberFormat: "yyyy-mm-dd"))
            try sheet.write(number: 440, row: 0, column: 0, format: money)
            try sheet.write(number: 1624.5, row: 1, column: 0, format: money)
            try sheet.write(formula: "=SUM(A1:A2)", cachedValue: 2064.5, row: 2, column: 0, format: money)
            try sheet.write(formula: "COUNT(A1:A2)", cachedValue: 2, row: 3, column: 0)
            try sheet.write(date: (2025, 12, 31), row: 4, column: 0, format: date)
            try sheet.write(date: (1900, 3, 1), row: 5, column: 0, format: date)
            try sheet.write(date: (2024, 2, 29), row: 6, column: 0, format: date)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<c r="A1" s="1"><v>440</v></c>"#)
        assertContains(xml, #"<c r="A2" s="1"><v>1624.5</v></c>"#)
        assertContains(xml, #"<c r="A3" s="1"><f>SUM(A1:A2)</f><v>2064.5</v></c>"#)
        assertContains(xml, #"<c r="A4"><f>COUNT(A1:A2)</f><v>2</v></c>"#)
        assertContains(xml, #"<c r="A5" s="2"><v>46022</v></c>"#)
        assertContains(xml, #"<c r="A6" s="2"><v>61</v></c>"#)
        assertContains(xml, #"<c r="A7" s="2"><v>45351</v></c>"#)
    }

    func testBadValuesAreRefusedWithContext() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("bad.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        let format = workbook.format(CellFormat(numberFormat: "yyyy-mm-dd"))
        let nan = expectXlsxError { try sheet.write(number: .nan, row: 0, column: 0) }
        XCTAssertEqual(nan?.code, Int32(LXW_ERROR_PARAMETER_VALIDATION.rawValue))
        XCTAssertEqual(nan?.context, "writing a number to Data!A1: nan is not a finite number")
        XCTAssertEqual(nan?.message, "Function parameter validation error.")
        let date = expectXlsxError { try sheet.write(date: (2025, 2, 29), row: 0, column: 0, format: format) }
        XCTAssertEqual(date?.context, "writing a date to Data!A1: 2025-2-29 is not a date Excel can hold")
        let row = expectXlsxError { try sheet.write("x", row: Worksheet.maxRows, column: 0) }
        XCTAssertEqual(row?.code, Int32(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE.rawValue))
        XCTAssertEqual(row?.message, "Worksheet row or column index out of range.")
        let negative = expectXlsxError { try sheet.write(number: 1, row: -1, column: 0) }
        XCTAssertEqual(negative?.context, "writing a number to Data row -1, column 0")
        let empty = expectXlsxError { try sheet.write(formula: "=", cachedValue: 0, row: 0, column: 0) }
        XCTAssertEqual(empty?.context, "writing a formula to Data!A1: the formula is empty")
        try workbook.close()
    }

    func testTextLongerThanACellIsRefusedAndCanBeTruncated() throws {
        let long = String(repeating: "工", count: Worksheet.maxStringLength + 1)
        XCTAssertFalse(Worksheet.fitsInCell(long))
        let cut = Worksheet.truncatedToCellLimit(long)
        XCTAssertEqual(cut.count, Worksheet.maxStringLength)
        XCTAssertTrue(Worksheet.fitsInCell(cut))
        let emoji = String(repeating: "😀", count: 20_000)  // 40,000 UTF-16 units
        XCTAssertEqual(Worksheet.truncatedToCellLimit(emoji).count, 16_383)
        XCTAssertEqual(Worksheet.truncatedToCellLimit("short"), "short")

        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let error = expectXlsxError { try sheet.write(long, row: 0, column: 0) }
            XCTAssertEqual(error?.code, Int32(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED.rawValue))
            try sheet.write(cut, row: 0, column: 0)
        }
        XCTAssertEqual(try sharedStrings(url).first?.count, Worksheet.maxStringLength)
    }

    func testFrozenHeaderRowAutofilterAndColumns() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let header = workbook.format(CellFormat(bold: true))
            try sheet.write("a", row: 0, column: 0, format: header)
            try sheet.write("b", row: 0, column: 1, format: header)
            try sheet.write(number: 1, row: 5, column: 1)
            sheet.freezePanes(row: 1, column: 0)
            try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: 5, lastColumn: 1)
            try sheet.setColumn(0, 1, width: 20)
            try sheet.setColumn(2, 2, width: 8, hidden: true)
            try sheet.setRow(0, height: 30, format: nil)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#)
        assertContains(xml, #"<autoFilter ref="A1:B6"/>"#)
        assertContains(xml, #"<cols><col min="1" max="2" width="20.7109375" customWidth="1"/><col min="3" max="3" width="8.7109375" hidden="1" customWidth="1"/></cols>"#)
        assertContains(xml, #"<row r="1" spans="1:2" ht="30" customHeight="1">"#)
        let book = try zipEntryText(url, "xl/workbook.xml")
        assertContains(book, #"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Data!$A$1:$B$6</definedName>"#)
    }

    func testPageSetupLandscapeA4PrintTitlesFitToWidth() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("会员")
            try sheet.write("x", row: 0, column: 0)
            sheet.pageSetup(landscape: true, paperA4: true, repeatRows: 0...1, fitToWidth: true)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#)
        assertContains(xml, #"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#)
        let book = try zipEntryText(url, "xl/workbook.xml")
        assertContains(book, #"<definedName name="_xlnm.Print_Titles" localSheetId="0">'会员'!$1:$2</definedName>"#)
    }

    func testPortraitWithoutExtrasWritesNoPageSetup() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            sheet.pageSetup(landscape: false, paperA4: false, repeatRows: nil, fitToWidth: false)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertNotContains(xml, "<pageSetup")
        assertNotContains(try zipEntryText(url, "xl/workbook.xml"), "Print_Titles")
    }

    func testFreezingAtTheCornerFreezesNothing() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            sheet.freezePanes(row: 0, column: 0)
        }
        assertNotContains(try zipEntryText(url, sheetPath), "<pane")
    }

    func testFreezingOffTheGridIsReportedByClose() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("panes.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        sheet.freezePanes(row: 1, column: Worksheet.maxColumns)
        let error = expectXlsxError { try workbook.close() }
        XCTAssertEqual(error?.context, "freezing panes of Data at row 1, column 16384")
    }

    func testBadPrintTitlesAreReportedByClose() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("titles.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        sheet.pageSetup(landscape: true, paperA4: true, repeatRows: -1...0, fitToWidth: true)
        let error = expectXlsxError { try workbook.close() }
        XCTAssertEqual(error?.code, Int32(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE.rawValue))
        XCTAssertEqual(error?.context, "repeating rows 0…1 on the pages of Data")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testCommentsPartHoldsTheNote() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            try sheet.write("110105********002X", row: 0, column: 0)
            try sheet.writeComment("V01 身份证号校验位错误\n请核对", row: 0, column: 0, author: "unionbatch")
            try sheet.writeComment("no author", row: 1, column: 1)
        }
        let names = try zipEntryNames(url)
        XCTAssertTrue(names.contains("xl/comments1.xml"))
        XCTAssertTrue(names.contains("xl/drawings/vmlDrawing1.vml"))
        let comments = try zipEntryText(url, "xl/comments1.xml")
        assertContains(comments, "<authors><author></author><author>unionbatch</author></authors>")
        assertContains(comments, #"<comment ref="A1" authorId="1">"#)
        assertContains(comments, "<t>V01 身份证号校验位错误\n请核对</t>")
        assertContains(comments, #"<comment ref="B2" authorId="0">"#)
        assertContains(try zipEntryText(url, sheetPath), #"<legacyDrawing r:id="rId1"/>"#)
    }

    func testHyperlinksWebInternalAndExternalFile() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("问题清单")
            try sheet.write(url: "https://example.com/a b", text: "site", row: 0, column: 0)
            try sheet.write(url: "internal:\(quotedSheetName("概览"))!B3", text: "看概览", row: 1, column: 0)
            try sheet.write(url: "external:checked-members.xlsx#'会员 名单'!C5", text: "C5", row: 2, column: 0)
            try sheet.write(url: "internal:'问题清单'!A1", text: nil, row: 3, column: 0)
            try sheet.write(url: "internal:'问题清单'!A1", text: "", row: 4, column: 0)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="A2" location="'概览'!B3" display="看概览"/><hyperlink ref="A3" r:id="rId2" location="'会员 名单'!C5"/><hyperlink ref="A4" location="'问题清单'!A1" display="'问题清单'!A1"/><hyperlink ref="A5" location="'问题清单'!A1" display=""/></hyperlinks>"#)
        assertContains(xml, #"<c r="A1" s="1" t="s"><v>0</v></c>"#)
        assertContains(xml, #"<c r="A5" s="1"/>"#)
        XCTAssertEqual(try sharedStrings(url), ["site", "看概览", "C5", "'问题清单'!A1"])
        try assertEveryPartIsWellFormedXML(url)
        let rels = try zipEntryText(url, "xl/worksheets/_rels/sheet1.xml.rels")
        assertContains(rels, #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/a%20b" TargetMode="External"/>"#)
        assertContains(rels, #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="checked-members.xlsx" TargetMode="External"/>"#)
    }

    func testLinksThatLibxlsxwriterWouldMisreadAreRefused() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("links.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        let inside = expectXlsxError {
            try sheet.write(url: "https://example.com/?q=internal:x", text: nil, row: 0, column: 0)
        }
        XCTAssertEqual(inside?.context, #"writing a link to Data!A1: "internal:" may appear only at the start of a link"#)
        XCTAssertNotNil(expectXlsxError { try sheet.write(url: "", text: "x", row: 0, column: 0) })
        XCTAssertNotNil(expectXlsxError { try sheet.write(url: "external:", text: "x", row: 0, column: 0) })
        let tooLong = expectXlsxError {
            try sheet.write(url: "https://example.com/" + String(repeating: "a", count: 2100), text: nil, row: 0, column: 0)
        }
        XCTAssertEqual(tooLong?.code, Int32(LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED.rawValue))
        try workbook.close()
    }

    func testMergedRangeAndOverlapRefusal() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let title = workbook.format(CellFormat(bold: true, horizontalAlign: .center))
            try sheet.mergeRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 3, text: "2025 年度汇总", format: title)
            let overlap = expectXlsxError {
                try sheet.mergeRange(firstRow: 0, firstColumn: 3, lastRow: 1, lastColumn: 4, text: "x")
            }
            XCTAssertEqual(overlap?.context, "merging Data!D1:E2: it overlaps the merged block Data!A1:D1")
            XCTAssertNotNil(expectXlsxError {
                try sheet.mergeRange(firstRow: 2, firstColumn: 2, lastRow: 2, lastColumn: 2, text: "x")
            })
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>"#)
        assertContains(xml, #"<c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1" s="1"/>"#)
    }

    func testListValidationFromARange() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            let lists = try workbook.addWorksheet("Lists")
            // Far more than 255 bytes of choices: the literal-list form would overflow.
            for index in 0..<40 {
                try lists.write("选项 \(index) 的一段比较长的说明文字", row: index, column: 0)
            }
            lists.hide()
            let range = Chart.range(sheet: lists.name, firstRow: 0, firstColumn: 0, lastRow: 39, lastColumn: 0)
            try sheet.dataValidationList(firstRow: 1, firstColumn: 2, lastRow: 100, lastColumn: 2, listFormula: range)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="C2:C101"><formula1>'Lists'!$A$1:$A$40</formula1></dataValidation></dataValidations>"#)
        assertContains(try zipEntryText(url, "xl/workbook.xml"), #"<sheet name="Lists" sheetId="2" state="hidden" r:id="rId2"/>"#)
    }

    func testActivateHideAndFirstSheet() throws {
        let url = try writeWorkbook(self) { workbook in
            let first = try workbook.addWorksheet("One")
            let second = try workbook.addWorksheet("Two")
            _ = try workbook.addWorksheet("Three")
            second.activate()
            second.setFirstSheet()
            first.hide()
        }
        let book = try zipEntryText(url, "xl/workbook.xml")
        assertContains(book, #"<workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660" firstSheet="1" activeTab="1"/>"#)
        assertContains(book, #"<sheet name="One" sheetId="1" state="hidden" r:id="rId1"/>"#)
        assertContains(try zipEntryText(url, "xl/worksheets/sheet2.xml"), #"<sheetView tabSelected="1" workbookViewId="0"/>"#)
    }

    func testConstantMemoryWritesInlineStringsAndRefusesEarlierRows() throws {
        let url = try writeWorkbook(self, constantMemory: true) { workbook in
            let sheet = try workbook.addWorksheet("Rows")
            let money = workbook.format(CellFormat(numberFormat: "#,##0.00"))
            try sheet.write("=1+1", row: 0, column: 0)
            try sheet.write(number: 12.5, row: 0, column: 1, format: money)
            try sheet.write("", row: 1, column: 0)
            try sheet.writeComment("note", row: 1, column: 1)
            try sheet.write(formula: "B1*2", cachedValue: 25, row: 2, column: 1, format: money)
            try sheet.write(url: "internal:'Rows'!A1", text: "top", row: 3, column: 0)
            let earlier = expectXlsxError { try sheet.write("late", row: 1, column: 0) }
            XCTAssertEqual(earlier?.code, Int32(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE.rawValue))
            XCTAssertEqual(earlier?.context,
                           "writing text to Rows!A2: in constant-memory mode each row must be written before any later row")
            sheet.freezePanes(row: 1, column: 0)
        }
        let xml = try zipEntryText(url, sheetPath)
        assertContains(xml, #"<c r="A1" t="inlineStr"><is><t>=1+1</t></is></c><c r="B1" s="1"><v>12.5</v></c>"#)
        assertContains(xml, #"<c r="B3" s="1"><f>B1*2</f><v>25</v></c>"#)
        assertContains(xml, #"<c r="A4" s="2" t="inlineStr"><is><t>top</t></is></c>"#)
        assertContains(xml, #"<hyperlink ref="A4" location="'Rows'!A1" display="top"/>"#)
        assertContains(xml, #"state="frozen""#)
        XCTAssertFalse(try zipEntryNames(url).contains("xl/sharedStrings.xml"))
        assertContains(try zipEntryText(url, "xl/comments1.xml"), "<t>note</t>")
    }

    func testFormatsOfAnotherWorkbookAreRefused() throws {
        let folder = try makeTemporaryFolder(self)
        let first = try Workbook(path: folder.appendingPathComponent("a.xlsx").path)
        let second = try Workbook(path: folder.appendingPathComponent("b.xlsx").path)
        let foreign = second.format(CellFormat(bold: true))
        let sheet = try first.addWorksheet("Data")
        let error = expectXlsxError { try sheet.write("x", row: 0, column: 0, format: foreign) }
        XCTAssertEqual(error?.context, "writing text to Data!A1: the format belongs to another workbook")
        try first.close()
        try second.close()
    }

    func testCallsAfterCloseThrowInsteadOfTouchingFreedMemory() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("closed.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        try workbook.close()
        let error = expectXlsxError { try sheet.write("x", row: 0, column: 0) }
        XCTAssertEqual(error?.context, "writing text to Data!A1: the workbook is closed")
        sheet.freezePanes(row: 1, column: 0)
        sheet.hide()
        XCTAssertNotNil(expectXlsxError { _ = try workbook.addWorksheet("More") })
    }
}
