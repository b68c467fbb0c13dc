// summary.xlsx speaks the run's language: 问题清单 names a finding's field by its column title, 说明 its
// options by label and value; issues.csv keeps the field's key (SPEC §4).
import Foundation
import UnionCore
import UnionPipeline
import UnionRules
import XCTest

final class SummaryWorkbookLanguageTests: XCTestCase {
    /// The cells of one sheet of a workbook, by reference ("D2"), shared and inline strings as text.
    static func cells(_ workbook: String, sheet: String) throws -> [String: String] {
        let names = try xlsxPart(workbook, "xl/workbook.xml").matches(#"<sheet name="([^"]*)""#)
        let index = try XCTUnwrap(names.firstIndex(of: sheet), "no sheet \(sheet) in \(names)")
        let shared = (try? xlsxPart(workbook, "xl/sharedStrings.xml"))?.matches(#"<si><t[^>]*>([^<]*)</t></si>"#) ?? []
        let xml = try xlsxPart(workbook, "xl/worksheets/sheet\(index + 1).xml")
        var cells: [String: String] = [:]
        let regex = try NSRegularExpression(pattern: #"<c r="([A-Z]+[0-9]+)"([^>]*)>(.*?)</c>"#)
        for m in regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            let ref = String(xml[Range(m.range(at: 1), in: xml)!])
            let attributes = String(xml[Range(m.range(at: 2), in: xml)!])
            let body = String(xml[Range(m.range(at: 3), in: xml)!])
            if attributes.contains(#"t="s""#), let v = body.matches(#"<v>([0-9]+)</v>"#).first, let i = Int(v) {
                cells[ref] = unescape(shared[i])
            } else if let t = body.matches(#"<t[^>]*>([^<]*)</t>"#).first {
                cells[ref] = unescape(t)
            } else if let v = body.matches(#"<v>([^<]*)</v>"#).first {
                cells[ref] = v
            }
        }
        return cells
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    func testFindingsNameTheFieldByItsColumnTitleAndIssuesCSVKeepsTheKey() throws {
        for language in Language.allCases {
            let folder = try copySample("messy")
            defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
            let report = runFolder(folder) { $0.language = language }
            XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
            let out = folder + "/unionbatch-out"
            let issues = parseCSV(try String(contentsOfFile: out + "/issues.csv", encoding: .utf8))
            let fieldColumn = try XCTUnwrap(issues.first?.firstIndex(of: "field"))
            let rows = issues.dropFirst().filter { $0.count > fieldColumn }
            XCTAssertGreaterThan(rows.count, 5)
            let cells = try Self.cells(out + "/summary.xlsx", sheet: language == .zh ? "问题清单" : "Findings")
            var titled = 0
            for (i, row) in rows.enumerated() {
                let key = row[fieldColumn]
                let shown = cells["D\(i + 2)"] ?? ""
                guard !key.isEmpty else { XCTAssertEqual(shown, "", "row \(i + 2)"); continue }
                // issues.csv holds the key; the sheet the title of a field with that key (zh) or the key itself (en).
                let fields = Field.allCases.filter { $0.key == key }
                XCTAssertFalse(fields.isEmpty, key)
                if language == .zh {
                    XCTAssertTrue(fields.map(\.chineseTitle).contains(shown), "row \(i + 2): \(key) shown as \(shown)")
                    XCTAssertFalse(shown.unicodeScalars.allSatisfy(\.isASCII), shown)
                } else {
                    XCTAssertEqual(shown, key, "row \(i + 2)")
                }
                titled += 1
            }
            XCTAssertGreaterThan(titled, 5)
            if language == .zh { XCTAssertTrue(rows.contains { $0[fieldColumn] == "id_number" }) }
        }
    }

    func testNotesShowTheOptionsByLabelAndValue() throws {
        let folder = try copySample("messy")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        func options(_ language: Language) throws -> [String: String] {
            let report = runFolder(folder) { $0.language = language; $0.summaryOnly = language == .en }
            XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
            let cells = try Self.cells(folder + "/unionbatch-out/summary.xlsx", sheet: language == .zh ? "说明" : "About")
            var pairs: [String: String] = [:]
            for (ref, text) in cells where ref.hasPrefix("A") {
                let row = ref.dropFirst()
                if let value = cells["B" + row] { pairs[text] = value }
            }
            return pairs
        }
        let zh = try options(.zh)
        XCTAssertEqual(zh["统计年度"], "2025")
        XCTAssertEqual(zh["截止日期"], "2025-12-31")
        XCTAssertEqual(zh["语言"], "中文")
        XCTAssertEqual(zh["遮挡方式"], "标准")
        XCTAssertEqual(zh["只写汇总"], "否")
        for key in ["year", "as_of", "lang", "mask", "summary_only"] { XCTAssertNil(zh[key], key) }
        let en = try options(.en)
        XCTAssertEqual(en["year"], "2025")
        XCTAssertEqual(en["lang"], "en")
        XCTAssertEqual(en["mask"], "standard")
        XCTAssertEqual(en["summary_only"], "true")
    }
}

fileprivate extension String {
    /// The first capture group of each match of `pattern`.
    func matches(_ pattern: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: self, range: NSRange(startIndex..., in: self)).map { String(self[Range($0.range(at: 1), in: self)!]) }
    }
}
