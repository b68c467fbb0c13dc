// summary.json's funds: read back as written (rollup --from-summaries), and the amount layouts added up in fen.
import Foundation
import UnionCore
import UnionPipeline
import UnionSummary
import UnionWriters
import XCTest

final class FundsSummaryTests: XCTestCase {
    /// A folder with only a ledger in the amount-with-direction layout: refunds, another year, an error row.
    func testFundsOfALedgerWithAmountAndDirection() throws {
        let folder = try makeTempFolder("funds")
        let text = """
        记账日期,摘要,会计科目,金额,收支,人数
        2025-01-05,会费,会费收入,1000.01,收入,
        2025-02-01,劳保用品,维权支出-劳动保护费,300.5,支出,
        2025-02-02,劳保退货,劳动保护费,-0.5,支出,
        2025-03-01,技能培训,职工教育支出,2000,支,12
        2025-03-02,奖金,奖金,50,支出,
        2024-12-30,上年会议,会议费,70,支出,

        """
        try text.write(toFile: folder + "/经费收支明细账.csv", atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let report = runFolder(folder, out: out)
        XCTAssertEqual(report.exitCode, 1)   // L01 on the 奖金 row
        let json = try readJSON(out + "/summary.json")
        let funds = dict(json["funds"])
        XCTAssertEqual(fen(funds["income"]), 100_001)
        XCTAssertEqual(fen(funds["expense"]), 230_000)
        XCTAssertEqual(fen(funds["balance"]), -129_999)
        let lines = dict(funds["by_line"])
        XCTAssertEqual(fen(dict(lines["劳动保护费"])["amount"]), 30_000)
        XCTAssertEqual(dict(lines["劳动保护费"])["count"] as? Int, 2)
        XCTAssertEqual(dict(lines["职工教育支出"])["people"] as? Int, 12)
        XCTAssertEqual(Set(lines.keys), ["会费收入", "劳动保护费", "职工教育支出"])
        let input = try XCTUnwrap((json["inputs"] as? [[String: Any]])?.first)
        XCTAssertEqual(["rows", "excluded", "outside_year"].map { input[$0] as? Int }, [6, 1, 1])
        // No people column: by_line has no people.
        let text2 = "日期,摘要,科目,支出\n2025-03-01,会议,会议费,10\n"
        let folder2 = try makeTempFolder("funds2")
        try text2.write(toFile: folder2 + "/ledger.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder2, out: folder2 + "/out").exitCode, 0)
        let line = dict(dict(dict(try readJSON(folder2 + "/out/summary.json")["funds"])["by_line"])["会议费"])
        XCTAssertEqual(Array(line.keys).sorted(), ["amount", "count", "group"])
    }

    /// A ledger without a people column: the training sentence still has a subject, and English starts with a capital.
    func testTrainingSentenceWithoutPeople() throws {
        let folder = try makeTempFolder("funds-training")
        let text = "日期,摘要,科目,支出\n2025-03-01,电工培训,职工教育支出,4800\n2025-05-09,工会干部业务培训,业务支出-培训费,960\n"
        try text.write(toFile: folder + "/经费收支明细账.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(runFolder(folder, out: folder + "/zh").exitCode, 0)
        let zh = try String(contentsOfFile: folder + "/zh/annual-report.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(zh.contains("组织员工参加培训，报销培训费共4800元。"), zh.joined(separator: "\n"))
        XCTAssertTrue(zh.contains("工会干部参加业务培训，支出培训费960元。"), zh.joined(separator: "\n"))
        XCTAssertFalse(zh.contains { $0.hasPrefix("报销培训费") })
        XCTAssertEqual(runFolder(folder, out: folder + "/en") { $0.language = .en }.exitCode, 0)
        let en = try String(contentsOfFile: folder + "/en/annual-report.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(en.contains("Training costs of 4800 yuan were reimbursed."), en.joined(separator: "\n"))
    }

    /// A federation's funds are the sums of its units' that have a ledger, line by line, in chart order.
    func testAFederationSumsTheUnitsFunds() throws {
        func unit(_ name: String, funds lines: [(String, String, Int, Int64)]) -> Summary {
            var s = Summary(year: 2025, asOf: Day(year: 2025, month: 12, day: 31)!, unit: name, unitType: "企业")
            guard !lines.isEmpty else { return s }
            var f = FundsFigures()
            for (line, group, count, amount) in lines {
                var l = FundsFigures.Line(group: group)
                l.count = count
                l.amount = Money(fen: amount)
                f.byLine[line] = l
                var g = f.byGroup[group] ?? Tally()
                g.count += count
                g.amount += Money(fen: amount)
                f.byGroup[group] = g
                if group == "收入" { f.income += Money(fen: amount) } else { f.expense += Money(fen: amount) }
                f.lineOrder.append(line)
                if !f.groupOrder.contains(group) { f.groupOrder.append(group) }
            }
            s.funds = f
            return s
        }
        let a = unit("甲", funds: [("会费收入", "收入", 2, 100_001), ("劳动保护费", "维权支出", 1, 50_000)])
        let b = unit("乙", funds: [("会议费", "业务支出", 1, 10_000), ("劳动保护费", "维权支出", 2, -1)])
        let c = unit("丙", funds: [])
        XCTAssertTrue(SummaryMerger.totalsAddUp([a, b, c]))
        let fed = try XCTUnwrap(SummaryMerger.merge([a, b, c], unit: "镇", unitType: "联合", year: 2025,
                                                    asOf: Day(year: 2025, month: 12, day: 31)!).funds)
        XCTAssertEqual([fed.income.fen, fed.expense.fen, fed.balance.fen], [100_001, 59_999, 40_002])
        XCTAssertEqual(fed.byLine["劳动保护费"]?.count, 3)
        XCTAssertEqual(fed.byLine["劳动保护费"]?.amount, Money(fen: 49_999))
        XCTAssertEqual(fed.byGroup["维权支出"]?.amount, Money(fen: 49_999))
        XCTAssertEqual(fed.lineOrder, ["会费收入", "劳动保护费", "会议费"])
        XCTAssertEqual(fed.groupOrder, ["收入", "维权支出", "业务支出"])
        XCTAssertNil(SummaryMerger.merge([c], unit: "镇", unitType: "联合", year: 2025, asOf: Day(year: 2025, month: 12, day: 31)!).funds)
    }

    /// What a unit writes, a federation reads back: the funds keep every figure, a negative balance included.
    func testFundsReadBackFromSummaryJSON() throws {
        var s = Summary(year: 2025, asOf: Day(year: 2025, month: 12, day: 31)!, unit: "u", unitType: "企业")
        var f = FundsFigures()
        f.income = Money(fen: 100_001)
        f.expense = Money(fen: 230_000)
        f.hasPeople = true
        var line = FundsFigures.Line(group: "维权支出")
        line.count = 2
        line.people = 3
        line.amount = Money(fen: 230_000)
        f.byLine["劳动保护费"] = line
        var tally = Tally()
        tally.count = 2
        tally.amount = Money(fen: 230_000)
        f.byGroup["维权支出"] = tally
        s.funds = f
        let text = SummaryJSON.text(s)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let back = try SummaryJSONReader.parse(object, file: "summary.json")
        XCTAssertEqual(back.funds?.income, f.income)
        XCTAssertEqual(back.funds?.expense, f.expense)
        XCTAssertEqual(back.funds?.balance, Money(fen: -129_999))
        XCTAssertEqual(back.funds?.byLine, f.byLine)
        XCTAssertEqual(back.funds?.byGroup, f.byGroup)
        XCTAssertEqual(SummaryJSON.text(back), text)
    }
}
