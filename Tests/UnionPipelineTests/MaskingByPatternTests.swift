// IDs and mobiles in any column are masked in every shared output and on standard error; --no-mask shows them.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class MaskingByPatternTests: XCTestCase {
    static let id = "110105194912310021", mobile = "13912345678", branchMobile = "13805332997", nameMobile = "13911112222"

    /// The company sample with an ID or a mobile in a branch, a category, a relation, a note and a name, and ESC in a cell.
    func folderWithNumbersInText() throws -> String {
        let folder = try copySample("company")
        let roster = folder + "/会员名册.csv"
        var text = try String(contentsOfFile: roster, encoding: .utf8)
        text = text.replacingOccurrences(of: "方刚勇,男,430624197105243152,1971/5/24,10097,机关分会,",
                                         with: "方刚勇,男,430624197105243152,1971/5/24,10097,机关分会\(Self.branchMobile),")
        try text.write(toFile: roster, atomically: true, encoding: .utf8)
        let payments = folder + "/帮扶慰问发放.csv"
        var rows = try String(contentsOfFile: payments, encoding: .utf8)
        rows += "戴娟丹,321281196901081461,困难帮扶\(Self.mobile),300,2025/3/8,,现金,,,,后勤分会,代领人\(Self.id)\n"
        rows += "戴娟丹,321281196901081461,亲属去世慰问,500,2025/4/8,2025/4/1,现金,表弟\(Self.id),,,后勤分会,\n"
        rows += "戴娟丹,321281196901081461,\u{1B}]0;pwned\u{07}\u{1B}[2J,100,2025/5/8,,现金,,,,后勤分会,\n"
        rows += "戴娟丹\(Self.nameMobile),321281196901081461,困难帮扶,200,2025/6/8,,现金,,,,后勤分会,\n"
        try rows.write(toFile: payments, atomically: true, encoding: .utf8)
        return folder
    }

    func outputsText(_ out: String) throws -> [String: String] {
        var texts: [String: String] = [:]
        for name in ["issues.csv", "summary.json", "manifest.json", "annual-report.txt"] {
            texts[name] = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
        }
        // The shared strings and sheets of summary.xlsx (问题清单, 会员).
        var xml = ""
        for part in try xlsxEntries(out + "/summary.xlsx") where part.hasSuffix(".xml") { xml += try xlsxPart(out + "/summary.xlsx", part) }
        texts["summary.xlsx"] = xml
        return texts
    }

    func testNumbersInAnyColumnAreMaskedEverywhere() throws {
        let folder = try folderWithNumbersInText()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 1)
        let out = folder + "/unionbatch-out"
        let texts = try outputsText(out)
        for (name, text) in texts {
            for full in [Self.id, Self.mobile, Self.branchMobile, Self.nameMobile] {
                XCTAssertFalse(text.contains(full), "\(name) holds \(full)")
            }
        }
        let lines = report.findingLines.joined(separator: "\n")
        for full in [Self.id, Self.mobile, Self.nameMobile] { XCTAssertFalse(lines.contains(full), "standard error holds \(full)\n\(lines)") }
        // The name that is not the roster's, masked where a finding quotes it.
        XCTAssertTrue(texts["issues.csv"]!.contains("戴娟丹139****2222"))
        XCTAssertTrue(lines.contains("139****5678"), lines)
        XCTAssertTrue(lines.contains("表弟110105********0021"), lines)
        // The findings that carry them are there, masked.
        XCTAssertTrue(texts["issues.csv"]!.contains("困难帮扶139****5678"))
        XCTAssertTrue(texts["issues.csv"]!.contains("表弟110105********0021"))
        // The branch, masked, is a key of summary.json, in order after masking.
        let summary = try readJSON(out + "/summary.json")
        let branches = dict(dict(summary["members"])["by_branch"])
        XCTAssertEqual(branches["机关分会138****2997"] as? Int, 1)
        let json = texts["summary.json"]!
        let keys = ["\"后勤分会\"", "\"机关分会\"", "\"机关分会138****2997\""].map { json.range(of: $0)?.lowerBound }
        XCTAssertFalse(keys.contains(nil))
        XCTAssertEqual(keys.compactMap { $0 }, keys.compactMap { $0 }.sorted())
        // Hashes are never masked.
        let manifest = try readJSON(out + "/manifest.json")
        for input in manifest["inputs"] as? [[String: Any]] ?? [] { XCTAssertEqual((input["sha256"] as? String)?.count, 64) }

        // ESC never reaches the terminal.
        XCTAssertFalse(lines.contains("\u{1B}"))
        XCTAssertTrue(lines.contains("\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J"), lines)
    }

    func testNoMaskShowsThemInFull() throws {
        let folder = try folderWithNumbersInText()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder) { $0.mask = .none }
        XCTAssertEqual(report.exitCode, 1)
        let texts = try outputsText(folder + "/unionbatch-out")
        XCTAssertTrue(texts["issues.csv"]!.contains("困难帮扶" + Self.mobile))
        XCTAssertTrue(texts["issues.csv"]!.contains("表弟" + Self.id))
        XCTAssertTrue(texts["issues.csv"]!.contains("戴娟丹" + Self.nameMobile))
        XCTAssertTrue(texts["summary.json"]!.contains("机关分会" + Self.branchMobile))
        XCTAssertTrue(report.findingLines.joined().contains(Self.mobile))
    }

    // MARK: --mask-all

    static let unitMobile = "13700002222", fileMobile = "13700001111"

    /// The folder above with a mobile in the unit's name (the printed pages' header) and in a file's name
    /// (its sheet's name).
    func folderWithNumbersInNames() throws -> String {
        let folder = try folderWithNumbersInText()
        let config = folder + "/unionbatch.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "unit = \"东方机械有限公司工会\"", with: "unit = \"东方机械有限公司工会\(Self.unitMobile)\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: folder + "/帮扶慰问发放.csv", toPath: folder + "/帮扶慰问发放\(Self.fileMobile).csv")
        return folder
    }

    /// Every XML part of every checked workbook in `out`, by workbook and part.
    func checkedWorkbookXML(_ out: String) throws -> [String: String] {
        var parts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name.hasPrefix("checked-") {
            for part in try xlsxEntries(out + "/" + name) where part.hasSuffix(".xml") || part.hasSuffix(".vml") {
                parts[name + "/" + part] = try xlsxPart(out + "/" + name, part)
            }
        }
        return parts
    }

    /// Runs of 11 or more digits (optionally ending in X) standing alone, as an unmasked ID or mobile would
    /// be; not the decimals of a number (column widths).
    func longDigitRuns(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![0-9A-Za-z.])[0-9]{11,17}[0-9Xx]?(?![0-9A-Za-z.])")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// --mask-all: every cell, note, header and sheet name of the checked workbooks masked, read back from their XML.
    func testMaskAllMasksTheCheckedWorkbooksEverywhere() throws {
        let folder = try folderWithNumbersInNames()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder) { $0.mask = .all }
        XCTAssertEqual(report.exitCode, 1)
        let parts = try checkedWorkbookXML(folder + "/unionbatch-out")
        XCTAssertEqual(Set(parts.keys.map { String($0.prefix { $0 != "/" }) }),
                       ["checked-members.xlsx", "checked-payments.xlsx", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-ledger.xlsx"])
        for (part, xml) in parts {
            XCTAssertEqual(longDigitRuns(xml), [], part)
        }
        let all = parts.values.joined()
        for full in [Self.id, Self.mobile, Self.branchMobile, Self.nameMobile, Self.unitMobile, Self.fileMobile] {
            XCTAssertFalse(all.contains(full), full)
        }
        let payments = parts.filter { $0.key.hasPrefix("checked-payments.xlsx/") }.values.joined()
        // A note (备注), a relation and a category as cells, each masked by pattern; ID columns by column.
        XCTAssertTrue(payments.contains("代领人110105********0021"))
        XCTAssertTrue(payments.contains("表弟110105********0021"))
        XCTAssertTrue(payments.contains("困难帮扶139****5678"))
        XCTAssertTrue(payments.contains("戴娟丹139****2222"))
        XCTAssertTrue(payments.contains("321281********1461"))
        XCTAssertFalse(payments.contains("321281196901081461"))
        // The cell notes say the same masked values.
        let notes = parts.filter { $0.key.hasPrefix("checked-payments.xlsx/xl/comments") }.values.joined()
        XCTAssertTrue(notes.contains("困难帮扶139****5678"), notes.prefix(2000).description)
        // A branch of the roster; the unit in the printed pages' header; the file's name as its sheet's.
        XCTAssertTrue(parts.filter { $0.key.hasPrefix("checked-members.xlsx/") }.values.joined().contains("机关分会138****2997"))
        XCTAssertTrue(parts["checked-members.xlsx/xl/worksheets/sheet1.xml"]!.contains("东方机械有限公司工会137****2222"))
        XCTAssertTrue(parts["checked-payments.xlsx/xl/workbook.xml"]!.contains("name=\"帮扶慰问发放137____1111\""))
        // summary.xlsx links to that sheet by its masked name.
        var summaryXML = ""
        for part in try xlsxEntries(folder + "/unionbatch-out/summary.xlsx") where part.hasSuffix(".xml") || part.hasSuffix(".rels") {
            summaryXML += try xlsxPart(folder + "/unionbatch-out/summary.xlsx", part)
        }
        XCTAssertTrue(summaryXML.contains("帮扶慰问发放137____1111"))
    }

    /// Without --mask-all the checked workbooks keep the clerk's full data: nothing in them is masked.
    func testCheckedWorkbooksKeepEverythingWithoutMaskAll() throws {
        let folder = try folderWithNumbersInNames()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        XCTAssertEqual(runFolder(folder).exitCode, 1)
        let parts = try checkedWorkbookXML(folder + "/unionbatch-out")
        let all = parts.values.joined()
        for full in [Self.id, Self.mobile, Self.branchMobile, Self.nameMobile, "321281196901081461"] {
            XCTAssertTrue(all.contains(full), full)
        }
        XCTAssertFalse(all.contains("********"))
        XCTAssertFalse(all.contains("****"))
        XCTAssertTrue(parts["checked-members.xlsx/xl/worksheets/sheet1.xml"]!.contains("东方机械有限公司工会" + Self.unitMobile))
        XCTAssertTrue(parts["checked-payments.xlsx/xl/workbook.xml"]!.contains("name=\"帮扶慰问发放\(Self.fileMobile)\""))
    }
}
