// Tests for column letters, A1 names, sheet quoting and range formulas.
import XCTest
@testable import Xlsx

final class CellReferenceTests: XCTestCase {
    func testColumnLetters() {
        XCTAssertEqual(columnLetters(0), "A")
        XCTAssertEqual(columnLetters(25), "Z")
        XCTAssertEqual(columnLetters(26), "AA")
        XCTAssertEqual(columnLetters(51), "AZ")
        XCTAssertEqual(columnLetters(52), "BA")
        XCTAssertEqual(columnLetters(701), "ZZ")
        XCTAssertEqual(columnLetters(702), "AAA")
        XCTAssertEqual(columnLetters(16_383), "XFD")
    }

    func testCellReference() {
        XCTAssertEqual(cellReference(row: 0, column: 0), "A1")
        XCTAssertEqual(cellReference(row: 9, column: 27), "AB10")
        XCTAssertEqual(cellReference(row: 1_048_575, column: 16_383, absolute: true), "$XFD$1048576")
    }

    func testSheetNamesAreAlwaysQuotedWithInnerQuotesDoubled() {
        XCTAssertEqual(quotedSheetName("Sheet1"), "'Sheet1'")
        XCTAssertEqual(quotedSheetName("概览"), "'概览'")
        XCTAssertEqual(quotedSheetName("O'Brien's"), "'O''Brien''s'")
    }

    func testChartRangeFormula() {
        XCTAssertEqual(Chart.range(sheet: "概览", firstRow: 1, firstColumn: 0, lastRow: 7, lastColumn: 0),
                       "='概览'!$A$2:$A$8")
        XCTAssertEqual(Chart.range(sheet: "Data", firstRow: 4, firstColumn: 2, lastRow: 4, lastColumn: 2),
                       "='Data'!$C$5")
    }

    func testRangeFormulaParsing() {
        XCTAssertEqual(SheetRange(formula: "='O''Brien'!$B$2:$C$10"),
                       SheetRange(sheet: "O'Brien", firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 2))
        XCTAssertEqual(SheetRange(formula: "Data!a1:b2"),
                       SheetRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1))
        XCTAssertEqual(SheetRange(formula: "'会员 名单'!$XFD$1048576"),
                       SheetRange(sheet: "会员 名单", firstRow: 1_048_575, firstColumn: 16_383,
                                  lastRow: 1_048_575, lastColumn: 16_383))
        XCTAssertEqual(SheetRange(formula: "='A!B'!C3")?.sheet, "A!B")
        XCTAssertNil(SheetRange(formula: "=SUM(A1:A2)"))
        XCTAssertNil(SheetRange(formula: "Data!A:A"))
        XCTAssertNil(SheetRange(formula: "Data!XFE1"))
        XCTAssertNil(SheetRange(formula: "Data!A0"))
        XCTAssertNil(SheetRange(formula: "'Bad'name'!A1"))
        XCTAssertNil(SheetRange(formula: "(Data!A1,Data!A3)"))
    }

    func testParsedRangeRoundTrips() {
        let range = SheetRange(sheet: "O'Brien 概览", firstRow: 2, firstColumn: 3, lastRow: 8, lastColumn: 4)
        XCTAssertEqual(range.formula, "'O''Brien 概览'!$D$3:$E$9")
        XCTAssertEqual(SheetRange(formula: range.formula), range)
    }
}
