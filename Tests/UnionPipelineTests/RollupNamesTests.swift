// Unit folders and names in a roll-up: GBK folder names rolled up decoded, numbers in names masked (SPEC §2.1, §4).
import Foundation
import UnionCore
import UnionPipeline
import UnionWriters
import XCTest

final class RollupNamesTests: XCTestCase {
    static let mobile = "13812345678", id = "110105194912310021"

    func rollup(_ folder: String, mask: MaskMode = .standard) -> RollupReport {
        var o = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
        o.folders = [folder]
        o.year = 2025
        o.asOf = Day(year: 2025, month: 12, day: 31)
        o.mask = mask
        return RollupPipeline.execute(o)
    }

    /// Drops `unit = "…"` from a unit's unionbatch.toml, so that its folder names it; or sets it to `name`.
    func setUnitName(_ unitFolder: String, to name: String?) throws {
        let path = unitFolder + "/unionbatch.toml"
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let kept = lines.compactMap { line -> String? in
            guard line.hasPrefix("unit =") else { return line }
            return name.map { "unit = \"\($0)\"" }
        }
        try kept.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Renames `from` in `folder` to the raw bytes `to`, as unzipping a Windows zip leaves a folder.
    func rename(_ folder: String, _ from: String, to bytes: [UInt8]) {
        let target = Array((folder + "/").utf8) + bytes + [0]
        let rc = target.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { Glibc.rename(folder + "/" + from, $0) }
        }
        XCTAssertEqual(rc, 0)
    }

    /// Every text output of the federation: issues.csv, summary.json, the text, the manifest and summary.xlsx's XML.
    func outputs(_ out: String) throws -> [String: String] {
        var texts: [String: String] = [:]
        for name in ["issues.csv", "summary.json", "manifest.json", "annual-report.txt"] {
            texts[name] = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
        }
        for part in try xlsxEntries(out + "/summary.xlsx") where part.hasSuffix(".xml") {
            texts["summary.xlsx/" + part] = try xlsxPart(out + "/summary.xlsx", part)
        }
        return texts
    }

    func testGBKUnitFolderIsRolledUpUnderItsDecodedName() throws {
        let folder = try copySample("township")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        try setUnitName(folder + "/镇机关", to: nil)
        let expected = rollup(folder)
        XCTAssertNil(expected.fatal)
        try FileManager.default.removeItem(atPath: folder + "/unionbatch-out")
        try FileManager.default.removeItem(atPath: folder + "/镇机关/unionbatch-out")
        rename(folder, "镇机关", to: [213, 242, 187, 250, 185, 216])  // 镇机关 in GBK
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/镇机关"))

        let report = rollup(folder)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.exitCode, expected.exitCode)
        // Units go by their names' bytes: GBK's 0xD5 before UTF-8's 0xE4 and up.
        XCTAssertEqual(report.units.map(\.name), ["镇机关"] + expected.units.map(\.name).filter { $0 != "镇机关" })
        XCTAssertEqual(report.units.count, 6)
        let unit = try XCTUnwrap(report.units.first { $0.name == "镇机关" })
        XCTAssertEqual(unit.folder, folder + "/镇机关")
        XCTAssertEqual(unit.summary?.members?.total, expected.units.first { $0.name == "镇机关" }?.summary?.members?.total)
        XCTAssertEqual(report.federation?.members?.total, expected.federation?.members?.total)
        XCTAssertEqual(report.unitLines.sorted(), expected.unitLines.sorted())
        XCTAssertEqual(report.unitLines.first, "镇机关（机关）：会员 46 人，错误 0 处、警告 0 处")
        // The unit's own outputs are in its folder, under its GBK name.
        let json = try readJSON(folder + "/unionbatch-out/summary.json")
        let units = json["units"] as? [[String: Any]] ?? []
        XCTAssertEqual(units.compactMap { $0["folder"] as? String }.filter { $0.hasSuffix("/镇机关") }, [folder + "/镇机关"])
        XCTAssertEqual(dict(json["members"])["total"] as? Int, expected.federation?.members?.total)
        let gbkOut = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(gbkOut.count, 9, "\(gbkOut)")  // README, toml, unionbatch-out, six units (one of them under its GBK name)
    }

    func testNumbersInUnitNamesAndFoldersAreMaskedInTheFederationOutputs() throws {
        let folder = try copySample("township")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        // A folder named with a mobile and no name of its own; a unit named with an ID in its unionbatch.toml.
        try setUnitName(folder + "/宏达五金", to: nil)
        try FileManager.default.moveItem(atPath: folder + "/宏达五金", toPath: folder + "/宏达五金" + Self.mobile)
        try setUnitName(folder + "/东湖社区", to: "东湖社区" + Self.id + "工会")
        let report = rollup(folder)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.exitCode, 1)
        let texts = try outputs(folder + "/unionbatch-out")
        for (name, text) in texts {
            XCTAssertFalse(text.contains(Self.mobile), name)
            XCTAssertFalse(text.contains(Self.id), name)
        }
        let terminal = (report.unitLines + report.findingLines + report.summaryLines).joined(separator: "\n")
        XCTAssertFalse(terminal.contains(Self.mobile), terminal)
        XCTAssertFalse(terminal.contains(Self.id), terminal)
        XCTAssertTrue(report.unitLines.contains("宏达五金138****5678（非公企业）：会员 32 人，错误 4 处、警告 1 处"), "\(report.unitLines)")
        XCTAssertTrue(report.unitLines.contains("东湖社区110105********0021工会（社区）：会员 20 人，错误 0 处、警告 0 处"), "\(report.unitLines)")
        // The U01 line names the other unit, masked.
        XCTAssertTrue(report.findingLines.contains { $0.contains("东湖社区110105********0021工会") }, "\(report.findingLines)")
        // issues.csv's unit column; summary.json's unit entries, names and folders.
        let issues = texts["issues.csv"]!.components(separatedBy: "\r\n")
        XCTAssertEqual(issues.filter { $0.hasPrefix("宏达五金138****5678,") }.count, 5)
        let units = try readJSON(folder + "/unionbatch-out/summary.json")["units"] as? [[String: Any]] ?? []
        XCTAssertEqual(units.compactMap { $0["name"] as? String }.sorted(),
                       ["东湖社区110105********0021工会", "宏达五金138****5678", "浙江青石纺织有限公司工会",
                        "青石镇中心小学工会", "青石镇人民政府机关工会", "青石镇老街社区工会"].sorted())
        XCTAssertEqual(units.compactMap { $0["folder"] as? String }.filter { $0.contains("宏达五金") }, [folder + "/宏达五金138****5678"])
        let inputs = try readJSON(folder + "/unionbatch-out/summary.json")["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.compactMap { $0["file"] as? String }.filter { $0.hasPrefix("宏达五金") }.sorted(),
                       ["宏达五金138****5678/两癌参保.csv", "宏达五金138****5678/会员名册.csv", "宏达五金138****5678/帮扶慰问发放.csv"])
        // summary.xlsx: the unit's row on 汇总 and its own sheet.
        let workbook = texts.filter { $0.key.hasPrefix("summary.xlsx/") }.values.joined()
        XCTAssertTrue(workbook.contains("宏达五金138****5678"))
        XCTAssertTrue(workbook.contains("东湖社区110105********0021工会"))

        // --no-mask shows them.
        try FileManager.default.removeItem(atPath: folder + "/unionbatch-out")
        let plain = rollup(folder, mask: .none)
        XCTAssertNil(plain.fatal)
        let plainTexts = try outputs(folder + "/unionbatch-out")
        XCTAssertTrue(plainTexts["summary.json"]!.contains("宏达五金" + Self.mobile))
        XCTAssertTrue(plainTexts["issues.csv"]!.contains("东湖社区" + Self.id + "工会"))
        XCTAssertTrue(plain.unitLines.joined().contains("宏达五金" + Self.mobile))
    }
}
