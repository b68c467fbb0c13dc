// Samples/company reproduces the sample report's figures, in summary.json, the text and the workbooks.
import Foundation
import UnionPipeline
import XCTest

final class CompanySampleTests: XCTestCase {
    static let sample = SampleRun("company")
    static var folder: String { sample.folder }
    static var out: String { sample.out }
    static var report: RunReport? { sample.report }

    func testExitsCleanWithEveryOutput() throws {
        let report = try XCTUnwrap(Self.report)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.exitCode, 0)
        XCTAssertEqual(report.findingLines, [])
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.out).sorted()
        XCTAssertEqual(files, ["annual-report.txt", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-ledger.xlsx",
                               "checked-members.xlsx", "checked-payments.xlsx", "issues.csv", "manifest.json", "summary.json",
                               "summary.xlsx"])
    }

    func testSummaryJSONFigures() throws {
        let json = try readJSON(Self.out + "/summary.json")
        XCTAssertEqual(json["schema"] as? String, "unionbatch.summary/1")
        XCTAssertEqual(json["year"] as? Int, 2025)
        XCTAssertEqual(json["as_of"] as? String, "2025-12-31")
        let members = dict(json["members"])
        XCTAssertEqual(members["total"] as? Int, 131)
        XCTAssertEqual(members["female"] as? Int, 52)
        XCTAssertEqual(members["male"] as? Int, 79)
        XCTAssertEqual(dict(members["by_status"]) as? [String: Int], ["在册": 125, "保留会籍": 6])
        XCTAssertEqual(members["joined_in_year"] as? Int, 12)
        XCTAssertEqual(members["left_in_year"] as? Int, 4)
        let payments = dict(json["payments"])
        let group = dict(dict(payments["by_group"])["生病及生育慰问"])
        XCTAssertEqual(group["people"] as? Int, 5)
        XCTAssertEqual(fen(group["amount"]), 162_450)
        let categories = dict(payments["by_category"])
        XCTAssertEqual(fen(dict(categories["抚恤金"])["amount"]), 120_350)
        XCTAssertEqual(dict(categories["困难帮扶"])["people"] as? Int, 14)
        XCTAssertEqual(fen(dict(categories["困难帮扶"])["amount"]), 1_050_000)
        XCTAssertEqual(dict(categories["金秋助学"])["count"] as? Int, 13)
        // union_spending leaves out 抚恤金.
        XCTAssertEqual(fen(payments["amount"])! - fen(payments["union_spending"])!, 120_350)
        let claims = dict(json["claims"])
        XCTAssertEqual(claims["count"] as? Int, 32)
        XCTAssertEqual(fen(claims["approved"]), 738_480)
        XCTAssertEqual(fen(dict(dict(claims["by_plan"])["门诊"])["approved"]), 540_050)
        XCTAssertEqual(fen(dict(dict(claims["by_plan"])["住院"])["approved"]), 198_430)
        let enrollments = dict(json["enrollments"])
        XCTAssertEqual(enrollments["people"] as? Int, 22)
        XCTAssertEqual(fen(enrollments["premium"]), 44_000)
        XCTAssertEqual(dict(json["findings"])["errors"] as? Int, 0)
        // Every input accounted for.
        for input in json["inputs"] as? [[String: Any]] ?? [] {
            XCTAssertEqual(input["excluded"] as? Int, 0)
            XCTAssertEqual(input["outside_year"] as? Int, 0)
        }
    }

    /// The ledger's funds (SPEC §4 `funds`): 劳保用品 40281.8元, 25 staff trained for 21410元, dues equal to the
    /// roster's, the payments' lines equal to the payments (no L03), every line exact to the fen.
    func testSummaryJSONFunds() throws {
        let json = try readJSON(Self.out + "/summary.json")
        let funds = dict(json["funds"])
        XCTAssertEqual(fen(funds["income"]), 29_414_395)
        XCTAssertEqual(fen(funds["expense"]), 28_252_340)
        XCTAssertEqual(fen(funds["balance"]), 1_162_055)
        let groups = dict(funds["by_group"]).mapValues { g in "\(dict(g)["count"] as? Int ?? -1) \(fen(dict(g)["amount"]) ?? -1)" }
        XCTAssertEqual(groups, ["收入": "10 29414395", "职工活动支出": "35 20056510", "维权支出": "9 7438180", "业务支出": "2 745000",
                                "其他支出": "1 12650"])
        let lines = dict(funds["by_line"]).mapValues { l -> String in
            let l = dict(l)
            return "\(l["group"] as? String ?? "") \(l["count"] as? Int ?? -1) \(l["people"] as? Int ?? -1) \(fen(l["amount"]) ?? -1)"
        }
        XCTAssertEqual(lines, [
            "会费收入": "收入 4 0 7196160", "拨缴经费收入": "收入 4 0 19200000", "行政补助收入": "收入 1 0 3000000",
            "其他收入": "收入 1 0 18235",
            "职工教育支出": "职工活动支出 3 25 2141000", "文体活动支出": "职工活动支出 4 0 1695060",
            "宣传活动支出": "职工活动支出 1 0 238000", "职工集体福利支出": "职工活动支出 27 0 15982450",
            "劳动保护费": "维权支出 5 0 4028180", "困难职工帮扶费": "维权支出 4 0 3410000",
            "培训费": "业务支出 1 3 480000", "会议费": "业务支出 1 0 265000", "其他支出": "其他支出 1 0 12650",
        ])
        // 会费收入 is the roster's dues; the payments' lines are the payments' categories (union money only).
        XCTAssertEqual(fen(dict(json["members"])["dues_paid"]), 7_196_160)
        let categories = dict(dict(json["payments"])["by_category"])
        let welfare = ["节日慰问", "生日慰问", "生病住院慰问", "生育慰问", "结婚慰问", "去世慰问", "亲属去世慰问", "退休慰问"]
        XCTAssertEqual(welfare.compactMap { fen(dict(categories[$0])["amount"]) }.reduce(0, +), 15_982_450)
        XCTAssertEqual(["困难帮扶", "金秋助学"].compactMap { fen(dict(categories[$0])["amount"]) }.reduce(0, +), 3_410_000)
    }

    func testSummaryJSONTextForm() throws {
        let text = try String(contentsOfFile: Self.out + "/summary.json", encoding: .utf8)
        // Keys in the order of SPEC §4, UTF-8 as is, money as the shortest decimal.
        let order = ["schema", "year", "as_of", "unit", "unit_type", "inputs", "members", "payments", "claims", "enrollments", "funds", "findings"]
        let positions = order.map { text.range(of: "\n  \"\($0)\": ")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertTrue(text.contains("\"生病及生育慰问\": {\n        \"count\": 5,\n        \"people\": 5,\n        \"amount\": 1624.5\n"))
        XCTAssertTrue(text.contains("\"approved\": 7384.8,"))
        XCTAssertTrue(text.contains("\"premium\": 440,"))
        XCTAssertFalse(text.contains("\\u"))
        XCTAssertFalse(text.contains("\\/"))
        // by_month keys in date order.
        let months = (try readJSON(Self.out + "/summary.json")["payments"] as? [String: Any]).map { dict($0["by_month"]).keys.sorted() } ?? []
        let monthPositions = months.map { text.range(of: "\"\($0)\": {")!.lowerBound }
        XCTAssertEqual(monthPositions, monthPositions.sorted())
    }

    func testAnnualReportStatesTheFigures() throws {
        let text = try String(contentsOfFile: Self.out + "/annual-report.txt", encoding: .utf8)
        for sentence in [
            "共有会员131人",
            "慰问探望生病及休产假员工5人，共使用工会费用1624.5元。",
            "发放员工家属抚恤金1203.5元。",
            "为14名困难职工发放帮扶资金10500元（共16人次）。",
            "目前在档困难职工18人，其中深度困难4人、相对困难12人、意外致困2人。",
            "给予13名考入各类大中专院校的困难职工子女金秋助学，分别领到了800到4000元不等的金秋助学金",
            "共计报销7384.8元，其中报销门诊费用5400.5元，住院费用1984.3元，报销32人次，涉及会员15人。",
            // With a ledger the budget is its expense lines (the payments are inside them), in chart order.
            "2026年度经费预算按本年度实际支出测算，向上取整到百元：\n职工教育支出：本年度实际支出21410元，2026年度预算21500元，增加90元。\n",
            "劳动保护费：本年度实际支出40281.8元，2026年度预算40300元，增加18.2元。\n困难职工帮扶费：本年度实际支出34100元，2026年度预算34100元，持平。\n",
            "其他支出：本年度实际支出126.5元，2026年度预算200元，增加73.5元。\n合计：本年度实际支出282523.4元，2026年度预算282900元，增加376.6元。\n",
            "收缴妇女“两癌”保险22人440元。",
            // 经费收支情况, from the ledger: the sample report's 劳保用品 and training figures.
            "全年经费收入294143.95元，其中会费收入71961.6元，拨缴经费收入192000元，行政补助收入30000元，其他收入182.35元；"
                + "经费支出282523.4元，其中职工活动支出200565.1元，维权支出74381.8元，业务支出7450元，其他支出126.5元；收支结余11620.55元。",
            "按季度购买劳保用品、发放防暑降温用品，费用共40281.8元。",
            "共有25名员工参加培训，报销培训费共21410元。",
            "工会干部参加业务培训3人次，支出培训费4800元。",
        ] {
            XCTAssertTrue(text.contains(sentence), "annual-report.txt lacks: \(sentence)")
        }
        XCTAssertTrue(text.contains("一、会员基本情况\n"))
        XCTAssertTrue(text.contains("、下一年度工作计划\n"))
        XCTAssertFalse(text.contains("节日慰问：本年度实际支出"), "with a ledger no payment category is a budget line")
        XCTAssertFalse(text.contains("医疗互助（住院）：本年度实际支出"), "nor a claim plan")
        XCTAssertFalse(text.contains(","), "Chinese text uses full-width punctuation")
        XCTAssertFalse(text.contains("申请帮扶资金"), "money paid is 发放")
        XCTAssertFalse(text.contains("报销费用共计报销"))
        XCTAssertFalse(text.contains("笔"), "payments are counted in 人次 throughout")
    }

    func testSummaryWorkbookHoldsTheFiguresAsCells() throws {
        let path = Self.out + "/summary.xlsx"
        let workbook = try xlsxPart(path, "xl/workbook.xml")
        for sheet in ["概览", "会员", "帮扶慰问", "医疗互助", "参保", "经费收支", "问题清单", "说明"] {
            XCTAssertTrue(workbook.contains("name=\"\(sheet)\""), "sheet \(sheet) missing")
        }
        // 帮扶慰问: header frozen, filtered, totals as formulas with stored values.
        let payments = try xlsxPart(path, "xl/worksheets/sheet3.xml")
        XCTAssertTrue(payments.contains("state=\"frozen\""))
        XCTAssertTrue(payments.contains("<autoFilter ref=\"A1:E"))
        XCTAssertTrue(payments.contains("<f>SUM(E2:E"))
        XCTAssertTrue(payments.contains("<v>195128</v>"))
        let styles = try xlsxPart(path, "xl/styles.xml")
        XCTAssertTrue(styles.contains("formatCode=\"#,##0.00\""))
        XCTAssertTrue(styles.contains("formatCode=\"yyyy-mm-dd\""))
        XCTAssertTrue(try xlsxEntries(path).contains { $0.hasPrefix("xl/charts/chart") })
    }

    func testCheckedWorkbookKeepsIDsAsText() throws {
        let path = Self.out + "/checked-members.xlsx"
        let sheet = try xlsxPart(path, "xl/worksheets/sheet1.xml")
        // constant_memory writes inline strings: the ID of the first member is a text cell.
        XCTAssertTrue(sheet.contains("<is><t>513030197212050660</t></is>"))
        XCTAssertFalse(sheet.contains("<v>513030197212050660</v>"))
        XCTAssertTrue(sheet.contains("<is><t>状态</t></is>"))
        XCTAssertTrue(sheet.contains("<is><t>正常</t></is>"))
    }

    /// Text a clerk could retype as a number (IDs, staff numbers, phones) carries the text format "@";
    /// Chinese text does not need it and goes without; an empty 问题 cell is not written.
    func testCheckedWorkbookGivesTheTextFormatWhereRetypingWouldChangeTheValue() throws {
        let path = Self.out + "/checked-members.xlsx"
        let sheet = try xlsxPart(path, "xl/worksheets/sheet1.xml")
        let styles = try xlsxPart(path, "xl/styles.xml")
        // The xf index of the text format: the numFmt with code "@", then the xf that uses it.
        let textFormatID = try XCTUnwrap(styles.firstMatch(of: #/<numFmt numFmtId="(\d+)" formatCode="@"/>/#)?.1)
        let xfs = try XCTUnwrap(styles.firstMatch(of: #/<cellXfs count="\d+">(.*?)</cellXfs>/#)?.1)
        let xfIDs = xfs.matches(of: #/<xf numFmtId="(\d+)"/#).map { String($0.1) }
        let textXF = try XCTUnwrap(xfIDs.firstIndex(of: String(textFormatID)))
        let row2 = try XCTUnwrap(sheet.firstMatch(of: #/<row r="2"[^>]*>(.*?)</row>/#)?.1)
        XCTAssertTrue(row2.hasPrefix(#"<c r="A2" t="inlineStr"><is><t>正常</t></is></c><c r="C2" s=""#), String(row2))
        XCTAssertFalse(row2.contains(#"r="B2""#), "an empty 问题 cell is not written")
        XCTAssertTrue(row2.contains(#"<c r="D2" t="inlineStr"><is><t>韩娟娜</t></is></c>"#), String(row2))
        XCTAssertTrue(row2.contains(#"<c r="F2" s="\#(textXF)" t="inlineStr"><is><t>513030197212050660</t></is></c>"#), String(row2))
        XCTAssertTrue(row2.contains(#"<c r="H2" s="\#(textXF)" t="inlineStr"><is><t>10075</t></is></c>"#), String(row2))
    }

    func testManifestRecordsInputsAndOutputs() throws {
        let manifest = try readJSON(Self.out + "/manifest.json")
        XCTAssertEqual(manifest["tool"] as? String, "unionbatch")
        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.count, 5)
        for input in inputs {
            XCTAssertEqual(input["encoding"] as? String, "UTF-8-BOM")
            XCTAssertEqual((input["sha256"] as? String)?.count, 64)
            XCTAssertEqual(input["rows"] as? Int, input["included"] as? Int)
        }
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(outputs.map { $0["file"] as? String ?? "" },
                       ["annual-report.txt", "checked-claims.xlsx", "checked-enrollments.xlsx", "checked-ledger.xlsx",
                        "checked-members.xlsx", "checked-payments.xlsx", "issues.csv", "summary.json", "summary.xlsx"])
    }

    func testCalcOpensEveryWorkbookAndShowsTheSameFigures() throws {
        let names = ["summary.xlsx", "checked-members.xlsx", "checked-payments.xlsx", "checked-claims.xlsx", "checked-enrollments.xlsx",
                     "checked-ledger.xlsx"]
        let folder = try Calc.exportSheets(names.map { Self.out + "/" + $0 }, recalculate: true)
        let overview = try Calc.sheet(folder, workbook: "summary.xlsx", sheet: "概览")
        // 概览's key figures: count (人次), people and amount each in a column of their own.
        func value(_ label: String, _ column: Int) -> String? { overview.first { $0.first == label }?[column] }
        XCTAssertEqual(overview.first?.first, "东方机械有限公司工会2025年度工会数据汇总")
        XCTAssertEqual(value("截至日期", 1), "2025-12-31")
        XCTAssertEqual(value("会员总数", 2), "131")
        XCTAssertEqual(value("其中女会员", 2), "52")
        XCTAssertEqual(value("全年会费", 3), "71961.6")
        XCTAssertEqual(value("困难帮扶", 1), "16")
        XCTAssertEqual(value("困难帮扶", 2), "14")
        XCTAssertEqual(value("困难帮扶", 3), "10500")
        XCTAssertEqual(value("金秋助学", 1), "13")
        XCTAssertEqual(value("金秋助学", 3), "23600")
        XCTAssertEqual(value("生病及生育慰问", 2), "5")
        XCTAssertEqual(value("生病及生育慰问", 3), "1624.5")
        XCTAssertEqual(value("医疗互助报销", 1), "32")
        XCTAssertEqual(value("医疗互助报销", 2), "15")
        XCTAssertEqual(value("医疗互助报销", 3), "7384.8")
        XCTAssertEqual(value("参保缴费", 3), "440")
        // The ledger's key figures, each in its own cell.
        XCTAssertEqual(value("经费收入", 3), "294143.95")
        XCTAssertEqual(value("经费支出", 3), "282523.4")
        XCTAssertEqual(value("收支结余", 3), "11620.55")
        XCTAssertEqual(value("其中劳动保护费", 3), "40281.8")
        XCTAssertEqual(value("其中职工教育支出", 2), "25")
        XCTAssertEqual(value("其中职工教育支出", 3), "21410")
        XCTAssertEqual(value("其中培训费", 3), "4800")
        // 会员: branches down, 男 / 女 and each status across, totals both ways.
        let members = try Calc.sheet(folder, workbook: "summary.xlsx", sheet: "会员")
        XCTAssertEqual(members.first.map { Array($0.prefix(6)) }, ["分会", "男", "女", "在册", "保留会籍", "合计"])
        XCTAssertEqual(members.first { $0.first == "技术分会" }.map { Array($0.prefix(6)) }, ["技术分会", "23", "16", "37", "2", "39"])
        XCTAssertEqual(members.first { $0.first == "合计" }.map { Array($0.prefix(6)) }, ["合计", "79", "52", "125", "6", "131"])
        let payments = try Calc.sheet(folder, workbook: "summary.xlsx", sheet: "帮扶慰问")
        // After a forced recalculation the formula total still equals summary.json's amount.
        let total = try XCTUnwrap(payments.first { $0.first == "合计" })
        XCTAssertEqual(total[2], "548")
        XCTAssertEqual(total[4], "195128")
        let roster = try Calc.sheet(folder, workbook: "checked-members.xlsx", sheet: "会员名册")
        XCTAssertEqual(roster.count, 137)  // header + 136 rows
        XCTAssertEqual(roster[1][0], "正常")
        XCTAssertTrue(roster.contains { $0.contains("513030197212050660") })
        // 经费收支: income by line, expense by group and line, the totals as formulas, the balance.
        let funds = try Calc.sheet(folder, workbook: "summary.xlsx", sheet: "经费收支")
        func row(_ label: String, _ column: Int = 0) -> [String]? { funds.first { $0.count > column && $0[column] == label } }
        XCTAssertEqual(row("收入合计")?[4], "294143.95")
        XCTAssertEqual(row("支出合计")?[4], "282523.4")
        XCTAssertEqual(row("收支结余")?[4], "11620.55")
        XCTAssertEqual(row("劳动保护费", 1).map { [$0[0], $0[2], $0[4]] }, ["维权支出", "5", "40281.8"])
        XCTAssertEqual(row("职工教育支出", 1).map { [$0[2], $0[3], $0[4]] }, ["3", "25", "21410"])
        // Expense by group, under its own caption and header: lines, entries, people, amount.
        let byGroup = funds.drop { $0.first != "支出按类别" }.dropFirst(2)
        XCTAssertEqual(byGroup.first { $0.first == "维权支出" }.map { Array($0.prefix(5)) }, ["维权支出", "2", "9", "0", "74381.8"])
        XCTAssertEqual(byGroup.first { $0.first == "职工活动支出" }.map { Array($0.prefix(5)) }, ["职工活动支出", "4", "35", "25", "200565.1"])
        // The ledger's checked workbook: a refund stays a negative number.
        let ledger = try Calc.sheet(folder, workbook: "checked-ledger.xlsx", sheet: "经费收支明细账")
        XCTAssertEqual(ledger.count, 58)  // header + 57 entries
        XCTAssertTrue(ledger.contains { $0.contains("篮球赛场地费退回多付部分") && $0.contains("-300") })
    }

    func testTwoRunsAreByteIdentical() throws {
        let second = try makeTempFolder("second")
        let report = runFolder(Self.folder, out: second)
        XCTAssertEqual(report.exitCode, 0)
        for name in ["summary.xlsx", "checked-members.xlsx", "checked-payments.xlsx", "summary.json", "issues.csv", "annual-report.txt"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: Self.out + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + name))
            XCTAssertEqual(a, b, "\(name) differs between two runs")
        }
    }
}
