// Templates, languages and masks: what the clerk can change about the outputs.
import Foundation
import UnionCore
import UnionPipeline
import UnionWriters
import XCTest

final class ReportOptionsTests: XCTestCase {
    func testTemplateOverrideChangesTheText() throws {
        let folder = try copySample("company")
        try FileManager.default.createDirectory(atPath: folder + "/templates", withIntermediateDirectories: true)
        try "{{#hardship}}\n困难帮扶\n全年为{{people}}名困难职工争取帮扶资金{{amount}}元。\n{{/hardship}}\n"
            .write(toFile: folder + "/templates/hardship.mustache", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder).exitCode, 0)
        let text = try String(contentsOfFile: folder + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("二、困难帮扶\n全年为14名困难职工争取帮扶资金10500元。\n"), text)
        XCTAssertFalse(text.contains("申请帮扶资金"))
    }

    func testTemplateSyntaxErrorNamesFileAndLine() throws {
        let folder = try copySample("company")
        try FileManager.default.createDirectory(atPath: folder + "/templates", withIntermediateDirectories: true)
        try "{{#members}}\n会员\n{{#total}\n{{/members}}\n".write(toFile: folder + "/templates/members.mustache", atomically: true, encoding: .utf8)
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertTrue(report.fatal?.contains("templates/members.mustache:3: Mustache syntax error") ?? false, report.fatal ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/unionbatch-out"))
    }

    func testBuiltInTemplatesAreWhatTheTemplatesCommandWrites() throws {
        for section in BuiltInTemplates.sections {
            XCTAssertNotNil(BuiltInTemplates.text(section, english: false), section)
            XCTAssertNotNil(BuiltInTemplates.text(section, english: true), section)
        }
        XCTAssertEqual(BuiltInTemplates.fileName("members", english: true), "members.en.mustache")
    }

    func testEnglishSheetsAndText() throws {
        let folder = try copySample("company")
        XCTAssertEqual(runFolder(folder) { $0.language = .en }.exitCode, 0)
        let workbook = try xlsxPart(folder + "/unionbatch-out/summary.xlsx", "xl/workbook.xml")
        for sheet in ["Overview", "Members", "Payments", "Claims", "Enrolments", "Findings", "About"] {
            XCTAssertTrue(workbook.contains("name=\"\(sheet)\""), sheet)
        }
        let text = try String(contentsOfFile: folder + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("1. Membership\n"), text)
        XCTAssertTrue(text.contains("Visits to 5 members who were ill or on maternity leave cost 1624.5 yuan of union funds."))
        // The JSON keys and canonical names stay as they are.
        XCTAssertTrue(try String(contentsOfFile: folder + "/unionbatch-out/summary.json", encoding: .utf8).contains("\"生病及生育慰问\""))
    }

    func testMasks() throws {
        let id = "513030197212050660"
        let masked = "513030********0660"
        let folder = try copySample("company")
        XCTAssertEqual(runFolder(folder, out: folder + "/standard").exitCode, 0)
        XCTAssertEqual(runFolder(folder, out: folder + "/all") { $0.mask = .all }.exitCode, 0)
        let standard = try xlsxPart(folder + "/standard/checked-members.xlsx", "xl/worksheets/sheet1.xml")
        let all = try xlsxPart(folder + "/all/checked-members.xlsx", "xl/worksheets/sheet1.xml")
        XCTAssertTrue(standard.contains(id))
        XCTAssertFalse(all.contains(id))
        XCTAssertTrue(all.contains(masked))
        XCTAssertTrue(all.contains("155****5412"), "phones masked too")

        // issues.csv masks by default and not with --no-mask.
        let messy = try copySample("messy")
        XCTAssertEqual(runFolder(messy, out: messy + "/masked").exitCode, 1)
        XCTAssertEqual(runFolder(messy, out: messy + "/plain") { $0.mask = .none }.exitCode, 1)
        func x01Value(_ path: String) throws -> String {
            let rows = parseCSV(try String(contentsOfFile: path, encoding: .utf8))
            return try XCTUnwrap(rows.first { $0.count > 5 && $0[5] == "X01" })[4]
        }
        let maskedValue = try x01Value(messy + "/masked/issues.csv")
        let plainValue = try x01Value(messy + "/plain/issues.csv")
        XCTAssertEqual(plainValue.count, 18)
        XCTAssertFalse(plainValue.contains("*"))
        XCTAssertEqual(maskedValue, String(plainValue.prefix(6)) + "********" + String(plainValue.suffix(4)))
    }

    func testAboutSheetListsTheLimitsInEffect() throws {
        let folder = try copySample("company")
        try "[limits.per_payment]\n\"生日慰问\" = 250\n[rules]\nM06 = \"off\"\n".write(toFile: folder + "/unionbatch.toml", atomically: true, encoding: .utf8)
        _ = runFolder(folder)
        let exported = try Calc.exportSheets([folder + "/unionbatch-out/summary.xlsx"])
        let about = try Calc.sheet(exported, workbook: "summary.xlsx", sheet: "说明")
        let p02 = try XCTUnwrap(about.first { $0.first == "P02" })
        XCTAssertTrue(p02[3].contains("生日慰问 250元"), p02.joined(separator: "|"))
        XCTAssertEqual(about.first { $0.first == "M06" }?[2], "关闭")
    }

    func testNoRosterIsSaidOnce() throws {
        let folder = try copySample("company")
        try FileManager.default.removeItem(atPath: folder + "/会员名册.csv")
        let report = runFolder(folder)
        let x01 = report.findings.filter { $0.rule == .X01 }
        XCTAssertEqual(x01.count, 1)
        XCTAssertEqual(x01.first?.severity, .warning)
        XCTAssertNil(x01.first?.row)
        XCTAssertEqual(report.exitCode, 0, "a note, not an error")
        XCTAssertTrue(report.findingLines.contains { $0.contains("没有会员名册：未核对 X01、X02、X03、P07") })
    }
}
