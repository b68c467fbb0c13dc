// Federations at every level: any path to --from-summaries, nested roll-ups equal to a flat one, U01 from keyed digests.
import Foundation
import UnionCore
import UnionGenerator
import UnionPipeline
import UnionRules
import UnionWriters
import XCTest

final class FederationTests: XCTestCase {
    static let key = "青石镇联合工会-2025-测试密钥"

    /// A temp folder removed when the test ends.
    func tempFolder(_ label: String) throws -> String {
        let folder = try makeTempFolder(label)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return folder
    }

    func options(_ configure: (inout RollupOptions) -> Void) -> RollupOptions {
        var o = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
        o.year = 2025
        o.asOf = Day(year: 2025, month: 12, day: 31)
        configure(&o)
        return o
    }

    func copy(_ from: String, _ to: String) throws {
        try FileManager.default.createDirectory(atPath: FilePath.parent(to), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    /// Sets `unit` in a folder's unionbatch.toml (and the key, if given).
    func rename(_ folder: String, unit: String, key: String? = nil) throws {
        let path = folder + "/unionbatch.toml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("unit = ") ? "unit = \"\(unit)\"" : String($0) }.joined(separator: "\n")
        if let key { text += "\n[federation]\nkey = \"\(key)\"\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Adds the key to every unit of a federation folder.
    func addKey(_ federation: String) throws {
        for unit in RollupPipeline.unitFolders(in: federation) {
            let path = unit + "/unionbatch.toml"
            let text = try String(contentsOfFile: path, encoding: .utf8) + "\n[federation]\nkey = \"\(Self.key)\"\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// 白沙镇: two more unions, a copy of 青石镇's 东湖社区 (so its 20 members, 孟怡丽 among them, are in two townships)
    /// and of its 镇机关, named as 白沙镇's.
    func makeBaisha(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "unit = \"白沙镇联合工会\"\nunit_type = \"联合\"\nyear = 2025\n".write(toFile: folder + "/unionbatch.toml", atomically: true, encoding: .utf8)
        try copy(Repo.sample("township") + "/东湖社区", folder + "/白沙社区")
        try rename(folder + "/白沙社区", unit: "白沙镇白沙社区工会")
        try copy(Repo.sample("township") + "/镇机关", folder + "/镇机关")
        try rename(folder + "/镇机关", unit: "白沙镇人民政府机关工会")
    }

    /// 临川县: 青石镇 and 白沙镇, each a folder of unions.
    func makeCounty(_ root: String) throws -> String {
        let county = root + "/临川县"
        try copy(Repo.sample("township"), county + "/青石镇")
        try makeBaisha(county + "/白沙镇")
        try "unit = \"临川县总工会\"\nunit_type = \"联合\"\nyear = 2025\n".write(toFile: county + "/unionbatch.toml", atomically: true, encoding: .utf8)
        return county
    }

    /// The same eight unions in one federation folder.
    func makeFlat(_ root: String) throws -> String {
        let flat = root + "/flat"
        for unit in try FileManager.default.contentsOfDirectory(atPath: Repo.sample("township"))
        where !unit.contains(".") && unit != "unionbatch-out" {
            try copy(Repo.sample("township") + "/" + unit, flat + "/青石镇-" + unit)
        }
        try makeBaisha(root + "/baisha")
        for unit in ["白沙社区", "镇机关"] { try copy(root + "/baisha/" + unit, flat + "/白沙镇-" + unit) }
        try "unit = \"临川县总工会\"\nunit_type = \"联合\"\nyear = 2025\n".write(toFile: flat + "/unionbatch.toml", atomically: true, encoding: .utf8)
        return flat
    }

    // MARK: paths

    /// Runs the real binary in `folder`.
    func runBinary(in folder: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testRelativeBareAndParentPathsToSummariesRollUpIntoTheCurrentFolder() throws {
        let root = try tempFolder("relative")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        let built = RollupPipeline.execute(options { $0.folders = [township] })
        XCTAssertNil(built.fatal)
        let work = root + "/work"
        // Same file name in different folders, one folder deep, two deep, a bare name, and one reached through `..`.
        try copy(township + "/东湖社区/unionbatch-out/summary.json", work + "/s/summary.json")
        try copy(township + "/中心小学/unionbatch-out/summary.json", work + "/t/u/summary.json")
        try copy(township + "/宏达五金/unionbatch-out/summary.json", work + "/summary.json")
        try copy(township + "/镇机关/unionbatch-out/summary.json", root + "/other/summary.json")
        let result = try runBinary(in: work, ["rollup", "--from-summaries", "s/summary.json", "t/u/summary.json", "summary.json",
                                              "../other/summary.json", "./s/../t/u/../../s/summary.json"])
        XCTAssertEqual(result.status, 1, "宏达五金 has errors: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("Backtrac") || result.stderr.contains("crash"), result.stderr)
        let json = try readJSON(work + "/unionbatch-out/summary.json")
        let units = json["units"] as? [[String: Any]] ?? []
        XCTAssertEqual(units.map { $0["name"] as? String ?? "" },
                       ["青石镇东湖社区工会", "青石镇中心小学工会", "青石镇宏达五金制品有限公司工会", "青石镇人民政府机关工会", "青石镇东湖社区工会"])
        XCTAssertEqual(units.map { $0["folder"] as? String ?? "" }, ["s", "t/u", ".", "../other", "./s/../t/u/../../s"])
        XCTAssertEqual(dict(json["members"])["total"] as? Int, 20 + 42 + 32 + 46 + 20)
        // The same summary given twice is one person in two units: 20 of them, found without any ID number.
        XCTAssertEqual(dict(dict(json["findings"])["by_rule"])["U01"] as? Int, nil, "no key: no digests, no U01")
        // A bare file name alone, and a run in a folder with no summary at all, neither crash.
        let bare = try runBinary(in: work, ["rollup", "--from-summaries", "summary.json", "--out", "bare-out"])
        XCTAssertEqual(bare.status, 1, bare.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work + "/bare-out/summary.json"))
        let missing = try runBinary(in: work, ["rollup", "--from-summaries", "x"])
        XCTAssertEqual(missing.status, 2, missing.stderr)
        XCTAssertFalse(missing.stderr.contains("Backtrac"), missing.stderr)
        // A folder roll-up given relatively, and as `.`, writes into that folder's own unionbatch-out.
        let byFolder = try runBinary(in: root, ["rollup", "township", "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertEqual(byFolder.status, 1, byFolder.stderr)
        let dot = try runBinary(in: township, ["rollup", ".", "--year", "2025", "--as-of", "2025-12-31", "--quiet"])
        XCTAssertEqual(dot.status, 1, dot.stderr)
        XCTAssertEqual(try readJSON(township + "/unionbatch-out/summary.json")["unit"] as? String, "青石镇联合工会")
    }

    /// A federation whose folder names no unit: the text says 本级工会, never the folder's name, and the run says
    /// why; a federation unionbatch.toml that does not read stops the roll-up (exit 2) naming the file and line.
    func testAnUnnamedFederationIsSaidAsSuchAndABadConfigStopsTheRollUp() throws {
        let root = try tempFolder("unnamed")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township] }).fatal)
        let work = root + "/tmp"
        try copy(township + "/东湖社区/unionbatch-out/summary.json", work + "/a/summary.json")
        try copy(township + "/镇机关/unionbatch-out/summary.json", work + "/b/summary.json")
        let result = try runBinary(in: work, ["rollup", "--from-summaries", "a/summary.json", "b/summary.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("本级工会"), result.stderr)
        let text = try String(contentsOfFile: work + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("本级工会2025年度工会工作数据"), text)
        XCTAssertFalse(text.contains("tmp"), text)
        // summary.json still names it after its folder (SPEC §4: the unit, else the folder's name).
        XCTAssertEqual(try readJSON(work + "/unionbatch-out/summary.json")["unit"] as? String, "tmp")

        try "unit = \"某镇联合工会\"\nunitt = 1\n".write(toFile: work + "/unionbatch.toml", atomically: true, encoding: .utf8)
        let bad = try runBinary(in: work, ["rollup", "--from-summaries", "a/summary.json", "b/summary.json", "--out", "bad-out"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("unionbatch.toml:2"), bad.stderr)
        // In the clerk's language, as a unit's run says it (it was the TOML reader's English text).
        XCTAssertTrue(bad.stderr.contains("无法识别的设置项（请检查拼写）"), bad.stderr)
        XCTAssertFalse(bad.stderr.contains("unknown key"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work + "/bad-out"))
        let english = try runBinary(in: work, ["rollup", "--from-summaries", "a/summary.json", "b/summary.json", "--out", "bad-out", "--lang", "en"])
        XCTAssertEqual(english.status, 2, english.stderr)
        XCTAssertTrue(english.stderr.contains("unknown key"), english.stderr)
    }

    /// The federation's own `[plan]` makes its text's plan: the budget grown by its rate, then its items.
    func testTheFederationsPlanIsItsOwn() throws {
        let root = try tempFolder("plan")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        let toml = try String(contentsOfFile: township + "/unionbatch.toml", encoding: .utf8)
        try (toml + "\n[plan]\ngrowth = 0.1\nitems = [\"开展全镇职工技能竞赛。\"]\n")
            .write(toFile: township + "/unionbatch.toml", atomically: true, encoding: .utf8)
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township] }).fatal)
        let text = try String(contentsOfFile: township + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("2026年度经费预算按本年度实际支出增长10%测算，向上取整到百元"), text)
        XCTAssertTrue(text.contains("2026年度重点工作：\n1．开展全镇职工技能竞赛。\n"), text)
    }

    /// The federation's 数据核查情况 counts its units' warned rows (SPEC §4.2): a duplicate payment in each of two
    /// units, in files of the same name at the same row (two rows, not one), and the member in two unions (U01).
    func testTheFederationTextCountsItsUnitsWarnedRows() throws {
        let township = try tempFolder("warned") + "/township"
        try copy(Repo.sample("township"), township)
        // A payment of a category without a yearly limit made the first two records of each file: the second
        // is P04. 老街社区's file is GB18030 (送温暖 is CB CD CE C2 C5 AF there), so lines are moved as bytes.
        for (unit, category) in [("中心小学", Data("生病住院慰问".utf8)), ("老街社区", Data([0xCB, 0xCD, 0xCE, 0xC2, 0xC5, 0xAF]))] {
            let path = township + "/" + unit + "/帮扶慰问发放.csv"
            var lines = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let k = try XCTUnwrap(lines.indices.dropFirst().first { lines[$0].range(of: category) != nil })
            let row = lines.remove(at: k)
            lines.insert(contentsOf: [row, row], at: 1)
            try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: URL(fileURLWithPath: path))
        }
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township] }).fatal)
        let text = try String(contentsOfFile: township + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("以上数字包含有警告的3行（P04 重复发放：同一人、类别、日期和金额2行，U01 同一身份证号在多个基层工会都是会员1行），请核实后再上报。"), text)

        var en = options { $0.folders = [township] }
        en.language = .en
        XCTAssertNil(RollupPipeline.execute(en).fatal)
        let english = try String(contentsOfFile: township + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(english.contains("The figures above include 3 rows with warnings (P04 duplicate payment: same person, category, date and amount: 2; U01 the same ID number is a member in more than one grassroots union: 1): check them before reporting."), english)
    }

    func testFilePathPartsOfAnyPath() {
        XCTAssertEqual(FilePath.parent("s/a.json"), "s")
        XCTAssertEqual(FilePath.parent("a.json"), ".")
        XCTAssertEqual(FilePath.parent("s"), ".")
        XCTAssertEqual(FilePath.parent("/a.json"), "/")
        XCTAssertEqual(FilePath.parent("../x/a.json"), "../x")
        XCTAssertEqual(FilePath.parent("s/u//"), "s")
        XCTAssertEqual(FilePath.parent(""), ".")
        XCTAssertEqual(FilePath.lastComponent("s/a.json/"), "a.json")
        XCTAssertEqual(FilePath.lastComponent("a"), "a")
        XCTAssertEqual(FilePath.join("s/", "a"), "s/a")
        XCTAssertEqual(FilePath.join("", "a"), "a")
        XCTAssertEqual(FilePath.absolute("/a/./b/../c"), "/a/c")
        XCTAssertEqual(FilePath.absolute("/.."), "/")
        XCTAssertEqual(FilePath.name("/tmp/青石镇/东湖/.."), "青石镇")
        XCTAssertEqual(FilePath.name("/"), "/")
    }

    // MARK: nesting

    func figures(_ json: [String: Any]) -> [String: NSNumber] {
        var out: [String: NSNumber] = [:]
        for key in ["members", "payments", "claims", "enrollments", "findings"] {
            for (figure, value) in dict(json[key]) {
                if let n = value as? NSNumber { out[key + "." + figure] = n }
                for (sub, v) in dict(value) {
                    if let n = v as? NSNumber { out[key + "." + figure + "." + sub] = n }
                    for (f, x) in dict(v) { if let n = x as? NSNumber { out[key + "." + figure + "." + sub + "." + f] = n } }
                }
            }
        }
        return out
    }

    func testThreeLevelsGiveTheFiguresOfAFlatRollUpAndCountUnionsByKindAtEachLevel() throws {
        let root = try tempFolder("nested")
        let county = try makeCounty(root)
        let flat = try makeFlat(root)
        let nested = RollupPipeline.execute(options { $0.folders = [county] })
        let single = RollupPipeline.execute(options { $0.folders = [flat] })
        XCTAssertNil(nested.fatal)
        XCTAssertNil(single.fatal)
        XCTAssertEqual(nested.exitCode, 1)
        XCTAssertEqual(RollupPipeline.unitFolders(in: county).map { FilePath.lastComponent($0) }, ["白沙镇", "青石镇"])

        let countyJSON = try readJSON(county + "/unionbatch-out/summary.json")
        let flatJSON = try readJSON(flat + "/unionbatch-out/summary.json")
        let a = figures(countyJSON), b = figures(flatJSON)
        XCTAssertGreaterThan(a.count, 40)
        XCTAssertEqual(a, b)
        // 孟怡丽 is in three unions (two in 青石镇, one in 白沙镇), the other 19 of 东湖社区 and the 46 of 镇机关 in two:
        // 2 + 19 + 46 U01 either way.
        XCTAssertEqual(dict(dict(countyJSON["findings"])["by_rule"])["U01"] as? Int, 67)
        XCTAssertEqual(dict(countyJSON["members"])["total"] as? Int, 244 + 20 + 46)

        // The county: two sub-federations, eight grassroots unions by kind; the units are the townships, named by their summaries.
        XCTAssertEqual(countyJSON["unit"] as? String, "临川县总工会")
        XCTAssertEqual(countyJSON["federations"] as? Int, 2)
        XCTAssertEqual(dict(countyJSON["grassroots"]) as? [String: Int], ["社区": 3, "机关": 2, "事业": 1, "非公企业": 2])
        XCTAssertEqual((countyJSON["units"] as? [[String: Any]])?.map { $0["name"] as? String ?? "" }, ["白沙镇联合工会", "青石镇联合工会"])
        let keys = countyJSON.keys
        XCTAssertTrue(keys.contains("federations") && keys.contains("grassroots"))
        let township = try readJSON(county + "/青石镇/unionbatch-out/summary.json")
        XCTAssertEqual(township["federations"] as? Int, 0)
        XCTAssertEqual(dict(township["grassroots"]) as? [String: Int], ["社区": 2, "机关": 1, "事业": 1, "非公企业": 2])
        XCTAssertEqual(flatJSON["federations"] as? Int, 0)

        let text = try String(contentsOfFile: county + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("全县共有2个乡镇（街道）联合工会、8家基层工会（其中社区工会3家，机关工会2家，事业单位工会1家，非公企业工会2家），有工会会员310名。"), text)
        XCTAssertTrue(text.contains("白沙镇联合工会：基层工会2家，会员66人"), text)
        let townText = try String(contentsOfFile: county + "/白沙镇/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(townText.contains("白沙镇联合工会现有2家基层工会，其中社区工会1家，机关工会1家，有工会会员66名。"), townText)

        // One level further from the townships' summary.json files alone: the same figures and counts.
        let work = try tempFolder("county-from-summaries")
        try "unit = \"临川县总工会\"\n".write(toFile: work + "/unionbatch.toml", atomically: true, encoding: .utf8)
        let fromFiles = try runBinary(in: work, ["rollup", "--from-summaries", county + "/白沙镇/unionbatch-out/summary.json",
                                                 county + "/青石镇/unionbatch-out/summary.json"])
        XCTAssertEqual(fromFiles.status, 1, fromFiles.stderr)
        let light = try readJSON(work + "/unionbatch-out/summary.json")
        XCTAssertEqual(light["unit"] as? String, "临川县总工会")
        XCTAssertEqual(light["federations"] as? Int, 2)
        XCTAssertEqual(dict(light["grassroots"]) as? [String: Int], ["社区": 3, "机关": 2, "事业": 1, "非公企业": 2])
        var c = figures(light), d = a
        // Without keys, the county's own U01 (66 people across the townships) is not found from summaries.
        for key in ["findings.warnings", "findings.by_rule.U01"] { c[key] = nil; d[key] = nil }
        XCTAssertEqual(c, d)
    }

    func testTheCountySampleRollsUpTwoTownshipsAndFindsTheMemberOfBoth() throws {
        let root = try tempFolder("county")
        try copy(Repo.sample("county"), root + "/county")
        let report = RollupPipeline.execute(options { $0.folders = [root + "/county"] })
        XCTAssertNil(report.fatal)
        let json = try readJSON(root + "/county/unionbatch-out/summary.json")
        XCTAssertEqual(json["unit"] as? String, "青阳县总工会")
        XCTAssertEqual(json["federations"] as? Int, 2)
        XCTAssertEqual(dict(json["grassroots"]) as? [String: Int], ["社区": 3, "机关": 1, "事业": 2, "非公企业": 3])
        let text = try String(contentsOfFile: root + "/county/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("全县共有2个乡镇（街道）联合工会、9家基层工会（其中社区工会3家，机关工会1家，事业单位工会2家，非公企业工会3家），有工会会员359名。"), text)
        // 白宁 at the county; 孟怡丽 in 青石镇's roll-up only.
        let u01 = report.findings.filter { $0.finding.rule == .U01 }
        XCTAssertEqual(u01.map(\.unit), ["浙江青石纺织有限公司工会", "青石镇中心小学工会"])
        XCTAssertEqual(u01.last.flatMap { RollupFinding($0.finding) }, .alsoMemberOf(unit: "白沙镇振华电子有限公司工会"))
        XCTAssertEqual(u01.last?.finding.row, 12)
        XCTAssertEqual(dict(dict(json["findings"])["by_rule"])["U01"] as? Int, 2)
    }

    // MARK: digests

    func testU01FromDigestsEqualsU01FromRosters() throws {
        let root = try tempFolder("digests")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        try makeBaisha(root + "/baisha")
        try copy(root + "/baisha/白沙社区", township + "/白沙社区")
        try addKey(township)
        let full = RollupPipeline.execute(options { $0.folders = [township] })
        XCTAssertNil(full.fatal)
        let units = RollupPipeline.unitFolders(in: township)
        XCTAssertEqual(units.count, 7)
        let light = RollupPipeline.execute(options {
            $0.summaryFiles = units.map { $0 + "/unionbatch-out/summary.json" }
            $0.outputFolder = root + "/light"
        })
        XCTAssertNil(light.fatal)

        // From the rosters: a finding per person and later unit, naming the first unit.
        let rosterFindings = full.findings.filter { $0.finding.rule == .U01 }
        var byRoster: [String: Int] = [:]
        for f in rosterFindings {
            guard case .alsoMemberOf(let first)? = RollupFinding(f.finding) else { XCTFail("\(f.finding)"); continue }
            byRoster[f.unit + " ← " + first, default: 0] += 1
        }
        // From the digests: a finding per later unit and earlier unit, with the number of people.
        var byDigest: [String: Int] = [:]
        for f in light.findings where f.finding.rule == .U01 {
            guard case .sharedMembers(let first, let count)? = RollupFinding(f.finding) else { XCTFail("\(f.finding)"); continue }
            byDigest[f.unit + " ← " + first, default: 0] += count
            XCTAssertNil(f.finding.value)
        }
        XCTAssertEqual(byRoster, ["白沙镇白沙社区工会 ← 青石镇东湖社区工会": 20, "浙江青石纺织有限公司工会 ← 青石镇东湖社区工会": 1])
        XCTAssertEqual(byDigest, byRoster)
        let fullJSON = try readJSON(township + "/unionbatch-out/summary.json"), lightJSON = try readJSON(root + "/light/summary.json")
        XCTAssertEqual(dict(dict(lightJSON["findings"])["by_rule"])["U01"] as? Int, 21)
        XCTAssertEqual(dict(lightJSON["findings"])["warnings"] as? Int, dict(fullJSON["findings"])["warnings"] as? Int)

        // issues.csv of the light roll-up says which units and how many people, and holds no ID number.
        let issues = try String(contentsOfFile: root + "/light/issues.csv", encoding: .utf8)
        XCTAssertTrue(issues.contains("有20名会员也是“青石镇东湖社区工会”的会员"), issues)
        XCTAssertFalse(issues.contains("330783"), issues)
        XCTAssertEqual(light.findingLines.first, "白沙镇白沙社区工会: U01: 有20名会员也是“青石镇东湖社区工会”的会员（按身份证号的密钥摘要比对）")

        // Each unit's summary.json carries its members' digests: sorted, distinct, one a member, 32 hex digits.
        let unitJSON = try readJSON(township + "/东湖社区/unionbatch-out/summary.json")
        let digests = dict(unitJSON["members"])["id_digests"] as? [String] ?? []
        XCTAssertEqual(digests.count, 20)
        XCTAssertEqual(digests, digests.sorted())
        XCTAssertTrue(digests.allSatisfy { MemberDigest(hex: $0) != nil })
        // The federation passes its units' digests up (distinct), and its units' entries do not repeat them.
        XCTAssertEqual((dict(fullJSON["members"])["id_digests"] as? [String])?.count, 244 + 20 - 21)
        XCTAssertFalse((fullJSON["units"] as? [[String: Any]] ?? []).contains { dict($0["members"])["id_digests"] != nil })
        // Written a part at a time, it is the document rendered whole, byte for byte.
        let written = try String(contentsOfFile: township + "/unionbatch-out/summary.json", encoding: .utf8)
        XCTAssertEqual(written, RollupPipeline.federationJSON(full.federation!, units: full.units).rendered() + "\n")
    }

    /// Every file under `folder`, workbooks unzipped part by part, as text.
    func everyOutputText(_ folder: String) throws -> [(String, String)] {
        var out: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            let path = folder + "/" + name
            guard name.contains("unionbatch-out/") || name.hasPrefix("out/") else { continue }
            if name.hasSuffix(".xlsx") {
                for entry in try xlsxEntries(path) { out.append((path + ":" + entry, try xlsxPart(path, entry))) }
            } else if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
                out.append((path, String(decoding: data, as: UTF8.self)))
            }
        }
        return out
    }

    func testWithoutAKeyNoDigestAppearsInAnyOutput() throws {
        let root = try tempFolder("nokey")
        let county = try makeCounty(root)
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [county] }).fatal)
        let light = RollupPipeline.execute(options {
            $0.summaryFiles = RollupPipeline.unitFolders(in: county + "/青石镇").map { $0 + "/unionbatch-out/summary.json" }
            $0.outputFolder = root + "/out"
        })
        XCTAssertNil(light.fatal)
        // The digests the key would give, of every member of 东湖社区 (孟怡丽 among them).
        let roster = try String(contentsOfFile: county + "/青石镇/东湖社区/会员名册.csv", encoding: .utf8)
        let ids = roster.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[3]) }
        XCTAssertEqual(ids.count, 21, "20 members at the as-of date and one who left")
        let digests = ids.map { MemberDigest(key: Self.key, idNumber: $0).hex }
        let texts = try everyOutputText(root)
        XCTAssertGreaterThan(texts.count, 100, "every unit's and federation's outputs, workbooks part by part")
        for (path, text) in texts {
            XCTAssertFalse(text.contains("id_digests"), path)
            for d in digests { XCTAssertFalse(text.contains(d) || text.contains(d.uppercased()), path) }
        }
    }

    // MARK: bounds

    /// The sheet names of a workbook, in order.
    func sheetNames(_ path: String) throws -> [String] {
        let xml = try xlsxPart(path, "xl/workbook.xml")
        return xml.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    func testTheFederationWorkbookSumsTheTablesAndHasASheetPerUnion() throws {
        let root = try tempFolder("workbook")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township] }).fatal)
        let book = township + "/unionbatch-out/summary.xlsx"
        XCTAssertEqual(try sheetNames(book), ["汇总", "帮扶慰问", "医疗互助", "参保", "经费收支", "各单位经费", "问题清单", "各单位会员", "青石镇东湖社区工会",
                                              "青石镇中心小学工会", "青石镇宏达五金制品有限公司工会", "青石镇老街社区工会", "青石镇人民政府机关工会",
                                              "浙江青石纺织有限公司工会"])
        // 帮扶慰问: the categories summed over the units, with a SUM total of 318 payments, 120300 yuan.
        let payments = try xlsxPart(book, "xl/worksheets/sheet2.xml")
        XCTAssertTrue(payments.contains("<f>SUM(B2:B"), payments)
        XCTAssertTrue(payments.contains("<v>318</v>") && payments.contains("<v>120300</v>"), payments)
        // A union's sheet: its key figures (东湖社区: 20 members, 11600 yuan paid).
        let unit = try xlsxPart(book, "xl/worksheets/sheet9.xml")
        XCTAssertTrue(unit.contains("<v>20</v>") && unit.contains("<v>11600</v>"), unit)
        // Members per union on a sheet of its own, its chart below its table (not under the wide 汇总 table).
        let chartSheet = try xlsxPart(book, "xl/worksheets/sheet8.xml")
        XCTAssertTrue(chartSheet.contains("<v>20</v>") && chartSheet.contains("<drawing "), chartSheet)
        XCTAssertFalse(try xlsxPart(book, "xl/worksheets/sheet1.xml").contains("<drawing "))
        // 经费收支: the three ledgers summed, as a unit's sheet: income 170899.5, expense 121931.6, balance 48967.9.
        let funds = try xlsxPart(book, "xl/worksheets/sheet5.xml")
        XCTAssertTrue(funds.contains("<v>170899.5</v>") && funds.contains("<v>121931.6</v>") && funds.contains("<v>48967.9</v>"), funds)
        XCTAssertTrue(funds.contains("<v>45705.6</v>"), "维权支出 summed")
        // 各单位经费: a row per unit (未提供 for the three without a ledger), SUM totals over all six rows.
        let byUnit = try xlsxPart(book, "xl/worksheets/sheet6.xml")
        for total in ["<f>SUM(B2:B7)</f><v>170899.5</v>", "<f>SUM(C2:C7)</f><v>121931.6</v>", "<f>SUM(D2:D7)</f><v>48967.9</v>",
                      "<v>35986.4</v>", "<v>20910.5</v>", "<v>58436.7</v>", "<v>34920</v>", "<v>10375.3</v>"] {
            XCTAssertTrue(byUnit.contains(total), total)
        }
        XCTAssertEqual(byUnit.components(separatedBy: "t=\"s\"").count - 1, 4 + 6 + 9 + 1, "header, names, 3 × 未提供, 合计")
    }

    func testTheFederationsFundsNameTheUnitsWithoutALedger() throws {
        let root = try tempFolder("funds")
        let township = root + "/township"
        try copy(Repo.sample("township"), township)
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township] }).fatal)
        let without = ["青石镇东湖社区工会", "青石镇宏达五金制品有限公司工会", "青石镇老街社区工会"]
        let jsonText = try String(contentsOfFile: township + "/unionbatch-out/summary.json", encoding: .utf8)
        let funds = dict(try readJSON(township + "/unionbatch-out/summary.json")["funds"])
        XCTAssertEqual(funds["units_without"] as? [String], without)
        XCTAssertEqual(fen(funds["income"]), 17_089_950)
        // units_without is funds' last key: after by_line, before findings.
        let byLine = try XCTUnwrap(jsonText.range(of: "\"by_line\": {"))
        let unitsWithout = try XCTUnwrap(jsonText.range(of: "\"units_without\": ["))
        let findings = try XCTUnwrap(jsonText.range(of: "\"findings\": {"))
        XCTAssertTrue(byLine.lowerBound < unitsWithout.lowerBound && unitsWithout.lowerBound < findings.lowerBound)
        let text = try String(contentsOfFile: township + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("\n" + without.joined(separator: "、") + "未提供经费收支明细账，经费收支合计不含这些单位。\n"), text)
        // --from-summaries lists the same units.
        let files = RollupPipeline.unitFolders(in: township).map { $0 + "/unionbatch-out/summary.json" }
        XCTAssertNil(RollupPipeline.execute(options { $0.summaryFiles = files; $0.outputFolder = root + "/light" }).fatal)
        XCTAssertEqual(dict(try readJSON(root + "/light/summary.json")["funds"])["units_without"] as? [String], without)
        // In English too.
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [township]; $0.language = .en }).fatal)
        let english = try String(contentsOfFile: township + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(english.contains("No funds ledger from " + without.joined(separator: ", ") + "; the funds totals leave them out."), english)

        // No unit with a ledger: no funds, no sentence, no funds sheets.
        let bare = root + "/bare"
        try copy(Repo.sample("township"), bare)
        for unit in RollupPipeline.unitFolders(in: bare) { try? FileManager.default.removeItem(atPath: unit + "/经费收支明细账.csv") }
        XCTAssertNil(RollupPipeline.execute(options { $0.folders = [bare] }).fatal)
        XCTAssertNil(try readJSON(bare + "/unionbatch-out/summary.json")["funds"])
        XCTAssertFalse(try String(contentsOfFile: bare + "/unionbatch-out/annual-report.txt", encoding: .utf8).contains("经费收支明细账"))
        XCTAssertFalse(try sheetNames(bare + "/unionbatch-out/summary.xlsx").contains("各单位经费"))
    }

    func testPastTwoHundredUnitsNoSheetPerUnionAndPastThirtyTheTextGoesByKind() throws {
        let root = try tempFolder("many")
        try UnitSummaryGenerator.write(to: root + "/units", units: 201, seed: 5, year: 2025, key: nil)
        let files = (1...201).map { String(format: "\(root)/units/u%05d/summary.json", $0) }
        let report = RollupPipeline.execute(options {
            $0.summaryFiles = files
            $0.outputFolder = root + "/out"
        })
        XCTAssertNil(report.fatal)
        XCTAssertEqual(try sheetNames(root + "/out/summary.xlsx"), ["汇总", "帮扶慰问", "医疗互助", "问题清单"])
        let text = try String(contentsOfFile: root + "/out/annual-report.txt", encoding: .utf8)
        XCTAssertFalse(text.contains("第1基层工会："), text)
        // 201 units of five kinds in turn: 41 机关 (indexes 1, 6, …), 40 of each other kind.
        XCTAssertTrue(text.contains("机关工会41家：会员"), text)
        XCTAssertTrue(text.contains("社区工会40家：会员"), text)
        XCTAssertEqual(text.components(separatedBy: "家：会员").count - 1, 5, text)

        // Thirty units are listed one by one, and each sheet is there.
        let few = RollupPipeline.execute(options {
            $0.summaryFiles = Array(files.prefix(30))
            $0.outputFolder = root + "/few"
        })
        XCTAssertNil(few.fatal)
        let fewText = try String(contentsOfFile: root + "/few/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(fewText.contains("第1基层工会：会员") && fewText.contains("第30基层工会：会员"), fewText)
        // 汇总, 帮扶慰问, 医疗互助, 问题清单, 各单位会员 (its chart: thirty bars still read), and a sheet a union.
        XCTAssertEqual(try sheetNames(root + "/few/summary.xlsx").count, 5 + 30)
    }
}
