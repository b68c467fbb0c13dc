// File names are bytes (SPEC §2.1): a GBK name is read like any other, shown decoded as GB18030.
import Foundation
import UnionCore
import UnionImport
import UnionPipeline
import XCTest

final class FileNameBytesTests: XCTestCase {
    /// Renames `from` (a UTF-8 name) to the raw bytes `to`, as unzipping a Windows zip leaves it.
    func rename(_ folder: String, _ from: String, to bytes: [UInt8]) {
        let target = Array((folder + "/").utf8) + bytes + [0]
        let rc = target.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { Glibc.rename(folder + "/" + from, $0) }
        }
        XCTAssertEqual(rc, 0)
    }

    static let gbkRoster: [UInt8] = [187, 225, 212, 177, 195, 251, 178, 225, 46, 99, 115, 118]  // 会员名册.csv in GBK

    func testGBKNamesAreReadAndShownDecoded() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let expected = runFolder(folder)
        let expectedMembers = dict(try readJSON(folder + "/unionbatch-out/summary.json")["members"]) as NSDictionary
        rename(folder, "会员名册.csv", to: Self.gbkRoster)
        try FileManager.default.removeItem(atPath: folder + "/unionbatch-out")
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, expected.exitCode)
        let manifest = try readJSON(folder + "/unionbatch-out/manifest.json")
        let inputs = (manifest["inputs"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertEqual(inputs.sorted(), ["两癌参保.csv", "会员名册.csv", "医疗互助报销.csv", "帮扶慰问发放.csv", "经费收支明细账.csv"].sorted())
        // The roster read in full: the same members as under its UTF-8 name.
        XCTAssertEqual(dict(try readJSON(folder + "/unionbatch-out/summary.json")["members"]) as NSDictionary, expectedMembers)
        XCTAssertEqual(expectedMembers["total"] as? Int, 131)
    }

    /// A name neither UTF-8 nor GB18030 is read too, and shown with its bad bytes escaped.
    func testUndecodableNameIsEscapedAndRead() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        rename(folder, "两癌参保.csv", to: [0xFF] + Array("参保.csv".utf8))
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        let manifest = try readJSON(folder + "/unionbatch-out/manifest.json")
        let enrolment = (manifest["inputs"] as? [[String: Any]] ?? []).first { $0["file"] as? String == "\\xFF参保.csv" }
        XCTAssertEqual(enrolment?["rows"] as? Int, 22)
    }

    /// A folder holding nothing but a GBK-named CSV is not "no CSV files".
    func testAloneAGBKNameIsStillAnInput() throws {
        let root = try makeTempFolder("gbk-alone")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: Repo.sample("company") + "/会员名册.csv", toPath: root + "/会员名册.csv")
        rename(root, "会员名册.csv", to: Self.gbkRoster)
        let report = runFolder(root)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.summary?.inputs.map(\.file), ["会员名册.csv"])
    }

    func testDisplayOfNameBytes() {
        XCTAssertEqual(FileNameText.display(Array("名单.csv".utf8)), "名单.csv")
        XCTAssertEqual(FileNameText.display(Self.gbkRoster), "会员名册.csv")
        XCTAssertEqual(FileNameText.display([0xFF, 0x41] + Array("名.csv".utf8)), "\\xFFA名.csv")
        XCTAssertEqual(FileNameText.display([0x41, 0x81]), "A\\x81")
    }
}
