// Tests that any requested sheet name becomes a valid, unique one.
import XCTest
@testable import Xlsx

final class SheetNameTests: XCTestCase {
    func testForbiddenCharactersAreReplaced() {
        XCTAssertEqual(SheetName.unique("a[b]c:d*e?f/g\\h", taken: [], ordinal: 1), "a_b_c_d_e_f_g_h")
        XCTAssertEqual(SheetName.unique("tab\there", taken: [], ordinal: 1), "tab_here")
    }

    func testBlanksAndEdgeApostrophesAreTrimmed() {
        XCTAssertEqual(SheetName.unique("  'quoted'  ", taken: [], ordinal: 1), "quoted")
        XCTAssertEqual(SheetName.unique("O'Brien", taken: [], ordinal: 1), "O'Brien")
    }

    func testEmptyNamesBecomeSheetN() {
        XCTAssertEqual(SheetName.unique("", taken: [], ordinal: 3), "Sheet3")
        XCTAssertEqual(SheetName.unique(" '' ", taken: [], ordinal: 1), "Sheet1")
        XCTAssertEqual(SheetName.unique("", taken: ["sheet2"], ordinal: 2), "Sheet2 (2)")
    }

    func testLongNamesAreCutTo31Characters() {
        let chinese = String(repeating: "工会会员", count: 10)
        let cut = SheetName.unique(chinese, taken: [], ordinal: 1)
        XCTAssertEqual(cut.count, 31)
        XCTAssertEqual(cut, String(chinese.prefix(31)))
        let latin = String(repeating: "x", count: 40)
        XCTAssertEqual(SheetName.unique(latin, taken: [], ordinal: 1), String(repeating: "x", count: 31))
        // Emoji take two UTF-16 units each, which Excel counts.
        let emoji = String(repeating: "😀", count: 20)
        XCTAssertEqual(SheetName.unique(emoji, taken: [], ordinal: 1), String(repeating: "😀", count: 15))
    }

    func testDuplicatesIgnoringCaseGetNumberedSuffixes() {
        XCTAssertEqual(SheetName.unique("Data", taken: ["data"], ordinal: 2), "Data (2)")
        XCTAssertEqual(SheetName.unique("DATA", taken: ["data", "data (2)"], ordinal: 3), "DATA (3)")
        let long = String(repeating: "y", count: 31)
        XCTAssertEqual(SheetName.unique(long, taken: [long], ordinal: 2), String(repeating: "y", count: 27) + " (2)")
    }

    func testReservedHistoryIsAvoided() {
        XCTAssertEqual(SheetName.unique("History", taken: [], ordinal: 1), "History (2)")
    }

    func testWorkbookUsesTheSanitisedNames() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("names.xlsx")
        let workbook = try Workbook(path: url.path)
        let names = try ["概览", "概览", "", "a/b", "'x'", "Sheet3"].map { try workbook.addWorksheet($0).name }
        XCTAssertEqual(names, ["概览", "概览 (2)", "Sheet3", "a_b", "x", "Sheet3 (2)"])
        try workbook.close()
        let xml = try zipEntryText(url, "xl/workbook.xml")
        assertContains(xml, #"<sheets><sheet name="概览" sheetId="1" r:id="rId1"/><sheet name="概览 (2)" sheetId="2" r:id="rId2"/><sheet name="Sheet3" sheetId="3" r:id="rId3"/><sheet name="a_b" sheetId="4" r:id="rId4"/><sheet name="x" sheetId="5" r:id="rId5"/><sheet name="Sheet3 (2)" sheetId="6" r:id="rId6"/></sheets>"#)
    }
}
