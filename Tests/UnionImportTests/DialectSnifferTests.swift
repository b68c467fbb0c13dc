// Tests for delimiter and line-ending sniffing.

import XCTest

@testable import UnionImport

final class DialectSnifferTests: XCTestCase {
    private func sniff(_ text: String) -> Dialect {
        DialectSniffer.sniff(Array(text.utf8))
    }

    private let comma: UInt8 = 0x2C
    private let tab: UInt8 = 0x09
    private let semicolon: UInt8 = 0x3B
    private let pipe: UInt8 = 0x7C

    // MARK: Delimiters

    func testComma() {
        XCTAssertEqual(sniff("姓名,身份证号,金额\n张三,1101,100\n李四,1102,200\n"), Dialect(delimiter: comma, lineEnding: .lf))
    }

    func testTab() {
        XCTAssertEqual(sniff("姓名\t身份证号\t金额\n张三\t1101\t100\n"), Dialect(delimiter: tab, lineEnding: .lf))
    }

    func testSemicolon() {
        XCTAssertEqual(sniff("姓名;金额\n张三;1,5\n李四;2\n王五;3,25\n"), Dialect(delimiter: semicolon, lineEnding: .lf))
    }

    func testPipe() {
        XCTAssertEqual(sniff("姓名|部门|金额\n张三|工会|100\n"), Dialect(delimiter: pipe, lineEnding: .lf))
    }

    func testTabFileWithCommasInsideQuotedFields() {
        // Each row has a different number of commas, all inside quotes, and exactly two tabs.
        let text = "姓名\t备注\t金额\n张三\t\"a,b,c,d\"\t\"1,200.00\"\n李四\t\"x\"\t\"2,000.00\"\n王五\t\"p,q\"\t300\n"
        XCTAssertEqual(sniff(text), Dialect(delimiter: tab, lineEnding: .lf))
    }

    func testCommaFileWithTabsAndSemicolonsInsideQuotes() {
        let text = "a,b,c\n\"x\ty\",\"p;q;r\",1\n\"m;n\",\"\t\t\",2\n"
        XCTAssertEqual(sniff(text).delimiter, comma)
    }

    func testTitleRowAboveTheHeaderDoesNotHideTheDelimiter() {
        let text = "2025年工会会员名册\n\n姓名;身份证号;金额\n张三;1101;100\n李四;1102;200\n"
        XCTAssertEqual(sniff(text).delimiter, semicolon)
    }

    func testMostConsistentCandidateWinsOverMoreFrequentOne() {
        // Commas vary per row (3, 1, 5 fields) while pipes always make 2 fields.
        let text = "a,b,c|d\ne|f\ng,h,i,j,k|l\n"
        XCTAssertEqual(sniff(text).delimiter, pipe)
    }

    func testEqualConsistencyPrefersMoreFields() {
        // Both split every row consistently; pipe gives 3 fields, comma 2.
        XCTAssertEqual(sniff("a,b|c|d\ne,f|g|h\n").delimiter, pipe)
    }

    func testFullTieGoesToComma() {
        XCTAssertEqual(sniff("a,b;c\nd,e;f\n").delimiter, comma)
        XCTAssertEqual(sniff("a;b,c\nd;e,f\n").delimiter, comma)
    }

    func testCommaWhenNothingSplits() {
        XCTAssertEqual(sniff("姓名\n张三\n"), Dialect(delimiter: comma, lineEnding: .lf))
        XCTAssertEqual(sniff(""), Dialect(delimiter: comma, lineEnding: .lf))
    }

    func testLargeFileUsesOnlyTheSampleAndIgnoresTheCutRecord() {
        var text = "姓名;金额;备注\n"
        while text.utf8.count < 200_000 { text += "张三;100;\"x,y,z\"\n" }
        XCTAssertEqual(sniff(text), Dialect(delimiter: semicolon, lineEnding: .lf))
    }

    func testHugeFirstQuotedFieldStillSniffs() {
        // The first record is longer than the sample: nothing complete to count, so the defaults apply.
        let text = "\"" + String(repeating: "a\t", count: 40_000) + "\"\tb\nc\td\n"
        XCTAssertEqual(sniff(text), Dialect(delimiter: comma, lineEnding: .lf))
    }

    // MARK: Line endings

    func testCRLF() {
        XCTAssertEqual(sniff("a,b\r\nc,d\r\n"), Dialect(delimiter: comma, lineEnding: .crlf))
    }

    func testCROnly() {
        XCTAssertEqual(sniff("a\tb\rc\td\r"), Dialect(delimiter: tab, lineEnding: .cr))
    }

    func testLFDefaultWithoutAnyLineBreak() {
        XCTAssertEqual(sniff("a;b;c"), Dialect(delimiter: semicolon, lineEnding: .lf))
    }

    func testLineBreakInsideQuotesIsNotTheLineEnding() {
        XCTAssertEqual(sniff("\"a\r\nb\",c\nd,e\n"), Dialect(delimiter: comma, lineEnding: .lf))
        XCTAssertEqual(sniff("\"a\nb\",c\r\nd,e\r\n"), Dialect(delimiter: comma, lineEnding: .crlf))
    }

    func testBlankFirstLineGivesTheLineEnding() {
        XCTAssertEqual(sniff("\r\na,b\r\n").lineEnding, .crlf)
    }
}
