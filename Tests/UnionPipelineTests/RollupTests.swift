// unionbatch rollup on Samples/township: federation totals are the units' sums; --from-summaries agrees.
import Foundation
import UnionCore
import UnionPipeline
import UnionWriters
import XCTest

final class RollupTests: XCTestCase {
    struct Township: Sendable {
        let folder: String
        let report: RollupReport
        init() {
            folder = (try? copySample("township")) ?? ""
            var o = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
            o.folders = [folder]
            o.year = 2025
            o.asOf = Day(year: 2025, month: 12, day: 31)
            report = RollupPipeline.execute(o)
        }
        var out: String { folder + "/unionbatch-out" }
    }

    static let township = Township()

    func expected() throws -> [String: Any] {
        try readJSON(Repo.fixtures.appendingPathComponent("township-expected.json").path)
    }

    func testFederationTotalsMatchTheExpectedFiguresAndTheUnitSums() throws {
        let t = Self.township
        XCTAssertNil(t.report.fatal)
        XCTAssertEqual(t.report.exitCode, 1, "one unit has errors")
        let e = try expected()
        let json = try readJSON(t.out + "/summary.json")
        XCTAssertEqual(json["unit"] as? String, "青石镇联合工会")
        XCTAssertEqual(json["unit_type"] as? String, "联合")
        let members = dict(json["members"]), payments = dict(json["payments"]), claims = dict(json["claims"]), enroll = dict(json["enrollments"])
        XCTAssertEqual(members["total"] as? Int, e["members_total"] as? Int)
        XCTAssertEqual(members["female"] as? Int, e["members_female"] as? Int)
        XCTAssertEqual(members["male"] as? Int, e["members_male"] as? Int)
        XCTAssertEqual(fen(members["dues_paid"]), (e["dues_paid_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(payments["count"] as? Int, e["payments_count"] as? Int)
        XCTAssertEqual(payments["people"] as? Int, e["payments_people"] as? Int)
        XCTAssertEqual(fen(payments["amount"]), (e["payments_amount_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(fen(payments["union_spending"]), (e["union_spending_fen"] as? NSNumber)?.int64Value)
        let hardship = dict(dict(payments["by_category"])["困难帮扶"])
        XCTAssertEqual(hardship["people"] as? Int, e["hardship_people"] as? Int)
        XCTAssertEqual(fen(hardship["amount"]), (e["hardship_amount_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(claims["count"] as? Int, e["claims_count"] as? Int)
        XCTAssertEqual(fen(claims["approved"]), (e["claims_approved_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(enroll["people"] as? Int, e["enrollments_people"] as? Int)
        XCTAssertEqual(fen(enroll["premium"]), (e["enrollments_premium_fen"] as? NSNumber)?.int64Value)
        let findings = dict(json["findings"])
        XCTAssertEqual(findings["errors"] as? Int, e["errors"] as? Int)
        XCTAssertEqual(findings["warnings"] as? Int, (e["warnings_without_u01"] as? Int ?? -1) + 1)
        XCTAssertEqual(dict(findings["by_rule"])["U01"] as? Int, 1)

        // Every total is the sum of the units' figures, people included.
        let units = json["units"] as? [[String: Any]] ?? []
        XCTAssertEqual(units.count, 6)
        func sum(_ path: [String], money: Bool = false) -> Int64 {
            units.map { u -> Int64 in
                var v: Any? = u
                for k in path { v = dict(v)[k] }
                return money ? (fen(v) ?? 0) : Int64(v as? Int ?? 0)
            }.reduce(0, +)
        }
        XCTAssertEqual(Int64(members["total"] as? Int ?? -1), sum(["members", "total"]))
        XCTAssertEqual(Int64(payments["people"] as? Int ?? -1), sum(["payments", "people"]))
        XCTAssertEqual(fen(payments["amount"]), sum(["payments", "amount"], money: true))
        XCTAssertEqual(fen(claims["approved"]), sum(["claims", "approved"], money: true))
        XCTAssertEqual(Int64(enroll["people"] as? Int ?? -1), sum(["enrollments", "people"]))
        // Funds: the sums of the three units that keep a ledger, line by line.
        let funds = dict(json["funds"])
        XCTAssertEqual(fen(funds["income"]), (e["funds_income_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(fen(funds["expense"]), (e["funds_expense_fen"] as? NSNumber)?.int64Value)
        XCTAssertEqual(dict(funds["by_line"]).mapValues { fen(dict($0)["amount"]) ?? -1 },
                       (e["funds_by_line_fen"] as? [String: NSNumber])?.mapValues(\.int64Value))
        XCTAssertEqual(units.filter { $0["funds"] != nil }.count, e["funds_units"] as? Int)
        XCTAssertEqual(fen(funds["income"]), sum(["funds", "income"], money: true))
        XCTAssertEqual(fen(funds["expense"]), sum(["funds", "expense"], money: true))
        let byUnit = e["members_by_unit"] as? [String: Int] ?? [:]
        for u in units { XCTAssertEqual(dict(u["members"])["total"] as? Int, byUnit[u["name"] as? String ?? ""]) }
    }

    func testEachUnitHasItsOwnOutputs() throws {
        for unit in RollupPipeline.unitFolders(in: Self.township.folder) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: unit + "/unionbatch-out/summary.xlsx"), unit)
        }
        XCTAssertEqual(RollupPipeline.unitFolders(in: Self.township.folder).count, 6, "the federation's own output folder is no unit")
    }

    func testU01NamesThePersonInTwoUnits() throws {
        let e = try expected()
        let issues = parseCSV(try String(contentsOfFile: Self.township.out + "/issues.csv", encoding: .utf8))
        XCTAssertEqual(issues.first?.first, "unit")
        let u01 = issues.filter { $0.count > 6 && $0[6] == "U01" }
        XCTAssertEqual(u01.count, 1)
        XCTAssertEqual(u01.first?[0], e["u01_unit"] as? String)
        XCTAssertEqual(u01.first?[5], e["u01_id_masked"] as? String)
        XCTAssertEqual(u01.first?[7], "warning")
        // Every unit's own findings are there too, with their unit.
        XCTAssertEqual(issues.count - 1, (e["errors"] as? Int ?? 0) + (e["warnings_without_u01"] as? Int ?? 0) + 1)
    }

    func testAnnualTextStatesTheFederation() throws {
        let text = try String(contentsOfFile: Self.township.out + "/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("青石镇联合工会现有6家基层工会，其中社区工会2家，机关工会1家，事业单位工会1家，非公企业工会2家，有工会会员244名。"), text)
        XCTAssertTrue(text.contains("为17名困难职工发放帮扶资金24000元（共20人次）。"))
        XCTAssertTrue(text.contains("分别领到了800到3000元不等的金秋助学金"))
        XCTAssertTrue(text.contains("收缴妇女“两癌”保险78人1560元。"))
        // The member in two unions is counted twice in the total: the data check says so.
        XCTAssertTrue(text.contains("以上数字包含有警告的1行（U01 同一身份证号在多个基层工会都是会员1行），请核实后再上报。"), text)
    }

    func testFederationWorkbookTotalsAreFormulas() throws {
        let sheet = try xlsxPart(Self.township.out + "/summary.xlsx", "xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheet.contains("<f>SUM(D2:D7)</f><v>244</v>"), "members total")
    }

    func testFromSummariesGivesTheSameFigures() throws {
        let units = RollupPipeline.unitFolders(in: Self.township.folder)
        var o = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
        o.summaryFiles = units.map { $0 + "/unionbatch-out/summary.json" }
        o.outputFolder = try makeTempFolder("from-summaries") + "/out"
        let report = RollupPipeline.execute(o)
        XCTAssertNil(report.fatal)
        let full = try readJSON(Self.township.out + "/summary.json")
        let light = try readJSON(o.outputFolder! + "/summary.json")
        for key in ["members", "payments", "claims", "enrollments"] {
            let a = dict(full[key]), b = dict(light[key])
            for figure in ["total", "female", "male", "count", "people", "amount", "union_spending", "approved", "premium", "dues_paid"] {
                XCTAssertEqual(a[figure] as? NSNumber, b[figure] as? NSNumber, "\(key).\(figure)")
            }
        }
        XCTAssertEqual(dict(full["funds"]) as NSDictionary, dict(light["funds"]) as NSDictionary)
        // Without the rosters there is no U01.
        XCTAssertEqual(dict(dict(light["findings"])["by_rule"])["U01"] as? Int, nil)
        XCTAssertEqual(dict(light["findings"])["errors"] as? Int, dict(full["findings"])["errors"] as? Int)
    }

    func testSummaryFiguresPastAnyTotalAreRefusedNotAdded() throws {
        func read(_ figures: String) -> String? {
            let json = "{\"schema\": \"unionbatch.summary/1\", \"year\": 2025, \"as_of\": \"2025-12-31\", " + figures + "}"
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            do {
                _ = try SummaryJSONReader.parse(object ?? [:], file: "a/summary.json")
                return nil
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertNil(read("\"payments\": {\"count\": 3, \"people\": 2, \"amount\": 1000000000000}"))
        XCTAssertEqual(read("\"payments\": {\"count\": 3, \"amount\": 1e20}"), "a/summary.json: 1e+20 is not an amount in yuan")
        XCTAssertEqual(read("\"payments\": {\"count\": 3, \"amount\": -5}"), "a/summary.json: -5 is not an amount in yuan")
        XCTAssertEqual(read("\"claims\": {\"count\": 9223372036854775807, \"approved\": 1}"),
                       "a/summary.json: 9223372036854775807 is not a count")
        XCTAssertEqual(read("\"members\": {\"total\": 1.5}"), "a/summary.json: 1.5 is not a count")
    }
}
