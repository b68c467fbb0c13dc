// 问题清单's links in summary.xlsx (kept by the Xlsx layer, spliced in at close): one a finding of a checked file, to its cell.
import Foundation
import UnionPipeline
import XCTest

final class FindingLinksTests: XCTestCase {
    private func matches(_ text: String, _ pattern: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }

    func testMessyFindingsLinkToTheirCellsNumberedInRowOrder() throws {
        let folder = try copySample("messy")
        let report = runFolder(folder)
        XCTAssertEqual(report.findings.count, 63)
        let summary = folder + "/unionbatch-out/summary.xlsx"
        XCTAssertTrue(try xlsxPart(summary, "xl/workbook.xml").contains(#"<sheet name="问题清单" sheetId="8" r:id="rId8"/>"#))
        let sheet = try xlsxPart(summary, "xl/worksheets/sheet8.xml")
        let links = try matches(sheet, #"<hyperlink ref="J(\d+)" r:id="rId(\d+)" location="([^"]*)"/>"#)
        XCTAssertEqual(links.count, 60)
        XCTAssertEqual(links.prefix(5).map { $0[2] }, ["'两癌参保'!G4", "'两癌参保'!G7", "'两癌参保'!F10", "'两癌参保'!F11", "'两癌参保'!A1"])
        // rId1… in row order, one a link; the rows without one are the findings of files not read.
        XCTAssertEqual(links.map { Int($0[1])! }, Array(1...60))
        let unlinked = Set(2...64).subtracting(links.map { Int($0[0])! }).sorted()
        XCTAssertEqual(unlinked, [30, 56, 57])
        XCTAssertEqual(unlinked.map { report.findings[$0 - 2].file }, ["参保名单.csv", "新建文本文档.txt", "旧会员名册.xls"])
        XCTAssertTrue(sheet.contains(#"<autoFilter ref="A1:J64"/><hyperlinks><hyperlink ref="J2" r:id="rId1""#))
        XCTAssertTrue(sheet.contains(#"</hyperlinks><pageMargins "#))

        let rels = try xlsxPart(summary, "xl/worksheets/_rels/sheet8.xml.rels")
        let targets = try matches(rels, #"<Relationship Id="rId(\d+)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="([^"]*)" TargetMode="External"/>"#)
        XCTAssertEqual(targets.map { Int($0[0])! }, Array(1...60))
        XCTAssertEqual(Dictionary(targets.map { ($0[1], 1) }, uniquingKeysWith: +),
                       ["checked-claims.xlsx": 8, "checked-enrollments.xlsx": 5, "checked-ledger.xlsx": 6, "checked-members.xlsx": 16,
                        "checked-payments.xlsx": 25])
        // The parts' order in the package is libxlsxwriter's: the sheets' relationships after styles, before the drawings'.
        let entries = try xlsxEntries(summary)
        let at = { (name: String) in entries.firstIndex(of: name) ?? -1 }
        XCTAssertLessThan(at("xl/styles.xml"), at("xl/worksheets/_rels/sheet7.xml.rels"))
        XCTAssertEqual(at("xl/worksheets/_rels/sheet8.xml.rels"), at("xl/worksheets/_rels/sheet7.xml.rels") + 1)
        XCTAssertEqual(at("xl/drawings/_rels/drawing1.xml.rels"), at("xl/worksheets/_rels/sheet8.xml.rels") + 1)
    }
}
