// Tests that CellFormat values come out as the expected styles.xml entries.
import XCTest
@testable import Xlsx

final class CellFormatTests: XCTestCase {
    private func styles(_ specs: [CellFormat]) throws -> String {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            for (index, spec) in specs.enumerated() {
                try sheet.write("x", row: index, column: 0, format: workbook.format(spec))
            }
        }
        return try zipEntryText(url, "xl/styles.xml")
    }

    func testNumberFormats() throws {
        let xml = try styles([
            CellFormat(numberFormat: "#,##0.00"), CellFormat(numberFormat: "yyyy-mm-dd"), CellFormat(numberFormat: "@"),
        ])
        // 1.1.4 registers every format string, "@" (text) included, as a custom format.
        assertContains(xml, ##"<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="@"/></numFmts>"##)
        assertContains(xml, #"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#)
    }

    func testFillFontBorderAlignment() throws {
        let xml = try styles([
            CellFormat(fillColor: 0xFFC7CE),
            CellFormat(bold: true, italic: true, fontColor: 0x9C0006, fontSize: 14, underline: true),
            CellFormat(wrap: true, horizontalAlign: .center, verticalAlign: .top, border: true),
        ])
        assertContains(xml, #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>"#)
        assertContains(xml, #"<font><b/><i/><u/><sz val="14"/><color rgb="FF9C0006"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#)
        assertContains(xml, #"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>"#)
        assertContains(xml, #"<alignment horizontal="center" vertical="top" wrapText="1"/>"#)
    }

    func testBlackIsWrittenAsBlackNotUnset() throws {
        let xml = try styles([CellFormat(fontColor: 0x000000)])
        assertContains(xml, #"<color rgb="FF000000"/>"#)
    }

    func testOverlongNumberFormatIsCutAtACharacter() {
        let long = String(repeating: "元", count: 60)  // 180 bytes
        let cut = CellFormat.prefix(long, maxUTF8: CellFormat.maxNumberFormatBytes)
        XCTAssertEqual(cut, String(repeating: "元", count: 42))
    }
}
