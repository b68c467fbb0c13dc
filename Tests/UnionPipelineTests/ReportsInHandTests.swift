// The outputs a clerk hands in as they are (SPEC §4.1, §4.2): the budget's arithmetic, [plan], the annual text's
// phrasing with one person and with many, 本单位工会, the warned rows, 未提供, and the print setup written.
import Foundation
import UnionCore
import UnionPipeline
import UnionSummary
import UnionWriters
import XCTest

final class ReportsInHandTests: XCTestCase {
    private var folders: [String] = []

    override func tearDown() {
        for f in folders { try? FileManager.default.removeItem(atPath: f) }
        folders = []
        super.tearDown()
    }

    private func folder(_ files: [String: String]) throws -> String {
        let path = try makeTempFolder("reports")
        folders.append(path)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    // MARK: Budget arithmetic

    private func plan(growth: String = "0", fixed: [String: Money] = [:]) -> BudgetPlan {
        var p = BudgetPlan()
        p.growthTenThousandths = BudgetPlan.growth(growth)!
        p.fixed = fixed
        return p
    }

    func testBudgetIsRoundedUpToAHundredYuan() {
        let flat = plan()
        XCTAssertEqual(flat.budget("住院", actual: Money(fen: 198_430)), Money(yuan: 2_000))
        XCTAssertEqual(flat.budget("节日慰问", actual: Money(yuan: 47_900)), Money(yuan: 47_900), "a multiple of 100 stays")
        XCTAssertEqual(flat.budget("生日慰问", actual: Money(fen: 1)), Money(yuan: 100))
        XCTAssertEqual(flat.budget("生日慰问", actual: .zero), .zero)
    }

    func testBudgetGrowsExactlyInFen() {
        let five = plan(growth: "0.05")
        XCTAssertEqual(five.budget("节日慰问", actual: Money(yuan: 125_700)), Money(yuan: 132_000))  // 131,985
        // 9523.81 × 1.05 = 10000.0005: a twentieth of a fen past 10,000 yuan is the next hundred.
        XCTAssertEqual(five.budget("困难帮扶", actual: Money(fen: 952_381)), Money(yuan: 10_100))
        XCTAssertEqual(five.budget("困难帮扶", actual: Money(fen: 952_380)), Money(yuan: 10_000))  // 9999.99
        XCTAssertEqual(plan(growth: "0.0001").budget("门诊", actual: Money(yuan: 10_000)), Money(yuan: 10_100))
        XCTAssertEqual(plan(growth: "-0.1").budget("门诊", actual: Money(yuan: 1_000)), Money(yuan: 900))
        XCTAssertEqual(plan(growth: "-1").budget("门诊", actual: Money(yuan: 1_000)), .zero)
        XCTAssertEqual(plan(growth: "1").budget("门诊", actual: Money(fen: 5_001)), Money(yuan: 200))  // 100.02
    }

    func testFixedBudgetsWin() {
        let p = plan(growth: "0.05", fixed: ["节日慰问": Money(yuan: 120_000)])
        XCTAssertEqual(p.budget("节日慰问", actual: Money(yuan: 125_700)), Money(yuan: 120_000))
        XCTAssertEqual(p.budget("生日慰问", actual: Money(yuan: 25_200)), Money(yuan: 26_500))  // 26,460
    }

    func testGrowthHasAtMostFourDecimals() {
        XCTAssertEqual(BudgetPlan.growth("0.05"), 500)
        XCTAssertEqual(BudgetPlan.growth("0.1234"), 1_234)
        XCTAssertEqual(BudgetPlan.growth("1"), 10_000)
        XCTAssertEqual(BudgetPlan.growth("-0.5"), -5_000)
        XCTAssertNil(BudgetPlan.growth("0.12345"))
        XCTAssertNil(BudgetPlan.growth("-1.5"))
        XCTAssertNil(BudgetPlan.growth(".5"))
        XCTAssertNil(BudgetPlan.growth("5%"))
        XCTAssertEqual(plan(growth: "0.025").growthPercentText, "2.5")
        XCTAssertEqual(plan(growth: "0.05").growthPercentText, "5")
        XCTAssertEqual(plan(growth: "0.0001").growthPercentText, "0.01")
    }

    // MARK: [plan]

    private func configError(_ toml: String) -> String {
        do {
            _ = try ConfigurationLoader.parse(toml, file: "unionbatch.toml")
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    func testPlanIsRead() throws {
        let config = try ConfigurationLoader.parse("""
            [plan]
            growth = 0.05
            items = ["开展职工技能竞赛", "  ", "走访慰问困难职工家庭"]

            [plan.budget]
            "节日慰问" = 130000
            "门诊" = 6000.5
            """, file: "unionbatch.toml")
        XCTAssertEqual(config.plan.growthTenThousandths, 500)
        XCTAssertEqual(config.plan.items, ["开展职工技能竞赛", "走访慰问困难职工家庭"])
        XCTAssertEqual(config.plan.fixed, ["节日慰问": Money(yuan: 130_000), "门诊": Money(fen: 600_050)])
    }

    func testPlanErrorsNameFileLineAndKey() {
        XCTAssertEqual(configError("[plan]\ngrowth = 0.12345\n"),
                       "unionbatch.toml:2: plan.growth: expected a rate of at least -1 with at most 4 decimals, such as 0.05")
        XCTAssertEqual(configError("[plan]\ngrowth = \"5%\"\n"), "unionbatch.toml:2: plan.growth: expected a rate such as 0.05, found a string")
        XCTAssertEqual(configError("[plan]\n\nrate = 1\n"), "unionbatch.toml:3: plan.rate: unknown key")
        XCTAssertEqual(configError("[plan]\nitems = [1]\n"), "unionbatch.toml:2: plan.items: expected a list of sentences, found an integer")
        XCTAssertEqual(configError("[plan.budget]\n\"旅游\" = 100\n"),
                       "unionbatch.toml:2: plan.budget.旅游: unknown category (canonical names such as 节日慰问, 困难帮扶, 门诊)")
        XCTAssertEqual(configError("[plan.budget]\n\"门诊\" = \"很多\"\n"), "unionbatch.toml:2: plan.budget.门诊: expected an amount in yuan such as 12000")
        XCTAssertEqual(configError("plan = 1\n"), "unionbatch.toml:1: plan: expected a table")
    }

    // MARK: Phrasing, with one person and with many

    private func summary(education: [Money] = [], hardship: (people: Int, amounts: [Money])? = nil,
                         claims: (people: Int, amounts: [String: [Money]])? = nil) -> Summary {
        var s = Summary(year: 2025, asOf: Day(year: 2025, month: 12, day: 31)!, unit: "测试工会", unitType: "企业")
        var p = PaymentFigures()
        func tally(_ amounts: [Money], people: Int) -> Tally {
            var t = Tally()
            t.count = amounts.count
            t.people = people
            for a in amounts {
                t.amount += a
                t.minimum = min(t.minimum ?? a, a)
                t.maximum = max(t.maximum ?? a, a)
            }
            return t
        }
        if !education.isEmpty { p.byCategory[.education] = tally(education, people: education.count) }
        if let hardship { p.byCategory[.hardship] = tally(hardship.amounts, people: hardship.people) }
        for t in p.byCategory.values {
            p.all.count += t.count
            p.all.people += t.people
            p.all.amount += t.amount
        }
        p.unionSpending = p.all.amount
        if !p.byCategory.isEmpty { s.payments = p }
        if let claims {
            var c = ClaimFigures()
            for (plan, amounts) in claims.amounts {
                c.byPlan[plan] = tally(amounts, people: min(claims.people, amounts.count))
                c.all.count += amounts.count
                c.all.amount += amounts.reduce(.zero, +)
            }
            c.all.people = claims.people
            s.claims = c
        }
        return s
    }

    private func text(_ s: Summary, english: Bool = false, configure: (inout ReportCounts) -> Void = { _ in }) throws -> String {
        var counts = ReportCounts(files: 1, rows: 10, excluded: 0, outside: 0)
        configure(&counts)
        return try AnnualReportRenderer(language: english ? .en : .zh, overrides: nil).render(s, counts: counts)
    }

    func testOneStudentHasNeither分别NorARange() throws {
        let one = try text(summary(education: [Money(yuan: 2_000)]))
        XCTAssertTrue(one.contains("给予1名考入大中专院校的困难职工子女金秋助学，发放金秋助学金2000元。"), one)
        XCTAssertFalse(one.contains("分别"))
        XCTAssertFalse(one.contains("不等"))
        let same = try text(summary(education: [Money(yuan: 1_000), Money(yuan: 1_000)]))
        XCTAssertTrue(same.contains("给予2名考入各类大中专院校的困难职工子女金秋助学，每人领到1000元的金秋助学金，共计2000元。"), same)
        let many = try text(summary(education: [Money(yuan: 800), Money(yuan: 4_000), Money(yuan: 1_500)]))
        XCTAssertTrue(many.contains("给予3名考入各类大中专院校的困难职工子女金秋助学，分别领到了800到4000元不等的金秋助学金，共计6300元。"), many)
        let english = try text(summary(education: [Money(yuan: 2_000)]), english: true)
        XCTAssertTrue(english.contains("1 child of a member in difficulty who entered college received a grant of 2000 yuan."), english)
    }

    func testHardshipAidIsPaidAndCountsPaymentsOnlyWhenTheyDiffer() throws {
        let once = try text(summary(hardship: (1, [Money(yuan: 500)])))
        XCTAssertTrue(once.contains("为1名困难职工发放帮扶资金500元。"), once)
        XCTAssertFalse(once.contains("申请"))
        XCTAssertFalse(once.contains("人次"))
        let twice = try text(summary(hardship: (1, [Money(yuan: 500), Money(yuan: 300)])))
        XCTAssertTrue(twice.contains("为1名困难职工发放帮扶资金800元（共2人次）。"), twice)
    }

    func testClaimsGivePeopleBeside人次AndNoRepeatedWord() throws {
        let one = try text(summary(claims: (1, ["住院": [Money(fen: 61_240)]])))
        XCTAssertTrue(one.contains("医疗互助保障全年共计报销612.4元，报销1人次，涉及会员1人。"), one)
        XCTAssertFalse(one.contains("报销费用共计报销"))
        let many = try text(summary(claims: (3, ["住院": [Money(yuan: 600)], "门诊": [Money(yuan: 100), Money(yuan: 200), Money(yuan: 50)]])))
        XCTAssertTrue(many.contains("医疗互助保障全年共计报销950元，其中报销门诊费用350元，住院费用600元，报销4人次，涉及会员3人。"), many)
        let english = try text(summary(claims: (1, ["住院": [Money(yuan: 600)]])), english: true)
        XCTAssertTrue(english.contains("Medical mutual aid reimbursed 600 yuan: 1 claim of 1 member."), english)
        let englishMany = try text(summary(claims: (3, ["住院": [Money(yuan: 600)], "门诊": [Money(yuan: 100), Money(yuan: 200), Money(yuan: 50)]])),
                                   english: true)
        XCTAssertTrue(englishMany.contains("Medical mutual aid reimbursed 950 yuan (门诊 350 yuan in 3 claims, 住院 600 yuan in 1 claim): 4 claims of 3 members."),
                      englishMany)
    }

    func testAnUnnamedUnitIsThisUnion() throws {
        let s = summary(hardship: (2, [Money(yuan: 500), Money(yuan: 500)]))
        let named = try text(s)
        XCTAssertTrue(named.hasPrefix("测试工会2025年度工会工作数据\n"), named)
        let unnamed = try text(s) { $0.unitNamed = false }
        XCTAssertTrue(unnamed.hasPrefix("本单位工会2025年度工会工作数据\n"), unnamed)
        XCTAssertFalse(unnamed.contains("测试工会"))
    }

    func testWarnedRowsAreSaidWithTheirCount() throws {
        let s = summary(hardship: (1, [Money(yuan: 500)]))
        let quiet = try text(s)
        XCTAssertFalse(quiet.contains("有警告"))
        let warned = try text(s) { $0.warnedRows = [("E01", "保费与该险种标准保费不符", 2), ("E03", "同一人重复参保同一险种", 1)] }
        XCTAssertTrue(warned.contains("以上数字包含有警告的3行（E01 保费与该险种标准保费不符2行，E03 同一人重复参保同一险种1行），请核实后再上报。"), warned)
    }

    /// The English data check takes its singular and plural from the figures, never "1 rows".
    func testTheEnglishDataCheckCountsInTheRightNumber() throws {
        let s = summary(hardship: (1, [Money(yuan: 500)]))
        let one = try text(s, english: true) { c in
            c = ReportCounts(files: 1, rows: 1, excluded: 1, outside: 1)
            c.warnedRows = [("E01", "premium differs from the plan's standard premium", 1)]
        }
        XCTAssertTrue(one.contains("1 file and 1 row were checked"), one)
        XCTAssertTrue(one.contains("; 1 row with errors is left out of the figures above; 1 row outside 2025 is left out."), one)
        XCTAssertTrue(one.contains("The figures above include 1 row with a warning (E01 premium differs from the plan's standard premium: 1): check it before reporting."), one)
        let many = try text(s, english: true) { c in
            c = ReportCounts(files: 3, rows: 40, excluded: 2, outside: 3)
            c.warnedRows = [("E01", "premium differs from the plan's standard premium", 2)]
        }
        XCTAssertTrue(many.contains("3 files and 40 rows were checked"), many)
        XCTAssertTrue(many.contains("; 2 rows with errors are left out of the figures above; 3 rows outside 2025 are left out."), many)
        XCTAssertTrue(many.contains("The figures above include 2 rows with warnings (E01 premium differs from the plan's standard premium: 2): check them before reporting."), many)
    }

    func testPlanSectionIsABudgetThenTheItems() throws {
        let s = summary(hardship: (2, [Money(yuan: 9_523), Money(fen: 81)]), claims: (1, ["门诊": [Money(fen: 50_050)]]))
        let out = try text(s) { counts in
            counts.plan.growthTenThousandths = 500
            counts.plan.items = ["开展职工技能竞赛", "走访慰问困难职工家庭"]
            counts.plan.fixed = ["节日慰问": Money(yuan: 3_000)]
        }
        XCTAssertTrue(out.contains("""
            下一年度工作计划
            2026年度经费预算按本年度实际支出增长5%测算，向上取整到百元（标注“已定”的为单位确定的金额）：
            困难帮扶：本年度实际支出9523.81元，2026年度预算10100元，增加576.19元。
            医疗互助（门诊）：本年度实际支出500.5元，2026年度预算600元，增加99.5元。
            节日慰问：本年度实际支出0元，2026年度预算3000元（已定），增加3000元。
            合计：本年度实际支出10024.31元，2026年度预算13700元，增加3675.69元。
            2026年度重点工作：
            1．开展职工技能竞赛
            2．走访慰问困难职工家庭
            """), out)
        let english = try text(s, english: true) { $0.plan.growthTenThousandths = 500 }
        XCTAssertTrue(english.contains("Budget for 2026: this year's spending grown by 5%, rounded up to 100 yuan:"), english)
        XCTAssertTrue(english.contains("Mutual aid (门诊): 500.5 yuan this year, 600 yuan for 2026, +99.5 yuan."), english)
        let cut = try text(s) { $0.plan.fixed = ["困难帮扶": Money(yuan: 5_000)] }
        XCTAssertTrue(cut.contains("困难帮扶：本年度实际支出9523.81元，2026年度预算5000元（已定），减少4523.81元。"), cut)
        XCTAssertTrue(cut.contains("按本年度实际支出测算"), cut)
    }

    /// A ledger's funds: income on 会费收入, expense on three lines of two groups.
    private func withLedger(_ s: Summary) -> Summary {
        var s = s
        var f = FundsFigures()
        func book(_ name: String, _ group: String, _ amounts: [Money]) {
            var l = FundsFigures.Line(group: group)
            l.count = amounts.count
            l.amount = amounts.reduce(.zero, +)
            f.byLine[name] = l
            f.lineOrder.append(name)
            if group == "收入" { f.income += l.amount } else { f.expense += l.amount }
        }
        book("会费收入", "收入", [Money(yuan: 50_000)])
        book("职工教育支出", "职工活动支出", [Money(fen: 1_200_000), Money(fen: 941_000)])  // 21410
        book("职工集体福利支出", "职工活动支出", [Money(yuan: 125_700)])
        book("劳动保护费", "维权支出", [Money(fen: 4_028_180)])  // 40281.8
        s.funds = f
        return s
    }

    func testWithALedgerTheBudgetIsTheLedgersExpenseLines() throws {
        // Payments and claims are there too, but with a ledger they are inside its lines.
        let s = withLedger(summary(hardship: (2, [Money(yuan: 9_523), Money(fen: 81)]), claims: (1, ["门诊": [Money(fen: 50_050)]])))
        let out = try text(s) { counts in
            counts.plan.growthTenThousandths = 500
            counts.plan.ledgerLines = ["职工教育支出", "文体活动支出", "职工集体福利支出", "劳动保护费", "会议费"]
            counts.plan.fixed = ["职工集体福利支出": Money(yuan: 120_000), "会议费": Money(yuan: 2_000), "节日慰问": Money(yuan: 3_000)]
        }
        XCTAssertTrue(out.contains("""
            2026年度经费预算按本年度实际支出增长5%测算，向上取整到百元（标注“已定”的为单位确定的金额）：
            职工教育支出：本年度实际支出21410元，2026年度预算22500元，增加1090元。
            职工集体福利支出：本年度实际支出125700元，2026年度预算120000元（已定），减少5700元。
            劳动保护费：本年度实际支出40281.8元，2026年度预算42300元，增加2018.2元。
            会议费：本年度实际支出0元，2026年度预算2000元（已定），增加2000元。
            合计：本年度实际支出187391.8元，2026年度预算186800元，减少591.8元。
            """), out)
        XCTAssertFalse(out.contains("困难帮扶："), out)
        XCTAssertFalse(out.contains("医疗互助（门诊）："), out)
        XCTAssertFalse(out.contains("节日慰问："), "a fixed category waits for a run without a ledger")
        XCTAssertFalse(out.contains("会费收入："), "income is no budget line")
        // Without the chart's order (no unionbatch.toml), the lines with entries in the ledger's order.
        let bare = try text(s)
        XCTAssertTrue(bare.contains("""
            职工教育支出：本年度实际支出21410元，2026年度预算21500元，增加90元。
            职工集体福利支出：本年度实际支出125700元，2026年度预算125700元，持平。
            劳动保护费：本年度实际支出40281.8元，2026年度预算40300元，增加18.2元。
            合计：本年度实际支出187391.8元，2026年度预算187500元，增加108.2元。
            """), bare)
    }

    func testWithoutALedgerAFixedLedgerLineIsNoCategory() throws {
        let s = summary(hardship: (1, [Money(yuan: 500)]))
        let out = try text(s) { counts in
            counts.plan.ledgerLines = ["劳动保护费", "会议费"]
            counts.plan.fixed = ["会议费": Money(yuan: 2_000)]
        }
        XCTAssertTrue(out.contains("困难帮扶：本年度实际支出500元，2026年度预算500元，持平。\n合计：本年度实际支出500元，2026年度预算500元，持平。"), out)
        XCTAssertFalse(out.contains("会议费"), out)
        XCTAssertFalse(out.contains("医疗互助（会议费）"), out)
    }

    func testPlanBudgetTakesLedgerLines() throws {
        let config = try ConfigurationLoader.parse("[plan.budget]\n\"劳动保护费\" = 42000\n\"节日慰问\" = 1000\n", file: "unionbatch.toml")
        XCTAssertEqual(config.plan.fixed, ["劳动保护费": Money(yuan: 42_000), "节日慰问": Money(yuan: 1_000)])
        XCTAssertEqual(config.plan.ledgerLines.first, "职工教育支出")
        XCTAssertTrue(config.plan.ledgerLines.contains("劳动保护费"))
        XCTAssertFalse(config.plan.ledgerLines.contains("会费收入"), "income is no budget line")
        XCTAssertEqual(configError("[plan.budget]\n\"会费收入\" = 100\n"),
                       "unionbatch.toml:2: plan.budget.会费收入: unknown category (canonical names such as 节日慰问, 困难帮扶, 门诊)")
    }

    // MARK: Whole runs

    func testMessyRunSaysThisUnionAndWhichFiguresHoldWarnedRows() throws {
        let sample = try copySample("messy")
        folders.append((sample as NSString).deletingLastPathComponent)
        let report = runFolder(sample)
        XCTAssertEqual(report.summaryLines.first, "提示：unionbatch.toml 未设置单位名称（unit），汇总表和年度报告中写作“本单位工会”")
        let text = try String(contentsOfFile: sample + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("本单位工会2025年度工会工作数据\n"), text)
        XCTAssertTrue(text.contains("截至12月31日，本单位工会共有会员46人"), text)
        XCTAssertFalse(text.contains("messy"))
        XCTAssertTrue(text.contains("E01 保费与该险种标准保费不符1行"), text)
        XCTAssertTrue(text.contains("E03 同一人重复参保同一险种1行"), text)
        XCTAssertTrue(text.contains("给予1名考入大中专院校（本科）的困难职工子女金秋助学，发放金秋助学金2000元。"), text)
        // summary.json keeps the folder's name (SPEC §4); the workbook's title says 本单位工会 like the text.
        XCTAssertEqual(try readJSON(sample + "/unionbatch-out/summary.json")["unit"] as? String, "messy")
        XCTAssertTrue(try xlsxPart(sample + "/unionbatch-out/summary.xlsx", "xl/sharedStrings.xml").contains("本单位工会2025年度工会数据汇总"))
    }

    func testARosterWithoutDuesShows未提供AndNull() throws {
        let path = try folder([
            "members.csv": "姓名,性别,身份证号,入会日期,会员状态\n张三,男,110105198506120018,2010-01-01,在册\n",
            "unionbatch.toml": "unit = \"测试工会\"\n",
        ])
        XCTAssertEqual(runFolder(path).exitCode, 0)
        let json = try String(contentsOfFile: path + "/unionbatch-out/summary.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"dues_paid\": null"), json)
        let overview = try xlsxPart(path + "/unionbatch-out/summary.xlsx", "xl/sharedStrings.xml")
        XCTAssertTrue(overview.contains("<t>未提供</t>"), overview)
        let text = try String(contentsOfFile: path + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertFalse(text.contains("会费"), text)
    }

    func testEverySheetHasItsPrintSetup() throws {
        let sample = try copySample("company")
        folders.append((sample as NSString).deletingLastPathComponent)
        XCTAssertEqual(runFolder(sample).exitCode, 0)
        let out = sample + "/unionbatch-out/"
        let header = "<headerFooter><oddHeader>&amp;L东方机械有限公司工会&amp;C2025年度&amp;R截至2025-12-31</oddHeader>"
            + "<oddFooter>&amp;L&amp;F&amp;R第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        for workbook in ["summary.xlsx", "checked-members.xlsx", "checked-payments.xlsx", "checked-claims.xlsx", "checked-enrollments.xlsx"] {
            let sheets = try xlsxEntries(out + workbook).filter { $0.hasPrefix("xl/worksheets/sheet") }
            XCTAssertFalse(sheets.isEmpty)
            for sheet in sheets {
                let xml = try xlsxPart(out + workbook, sheet)
                XCTAssertTrue(xml.contains(header), "\(workbook) \(sheet)")
                let setup = try XCTUnwrap(xml.firstMatch(of: #/<pageSetup paperSize="9"(?: scale="(\d+)")? orientation="landscape"/>/#),
                                          "\(workbook) \(sheet)")
                XCTAssertGreaterThanOrEqual(setup.1.flatMap { Int($0) } ?? 100, 75, "\(workbook) \(sheet)")
                XCTAssertFalse(xml.contains("fitToPage"), "fitting to a page would shrink a wide sheet below 75%")
                // Columns capped at 40 characters (plus the padding and CJK allowance).
                for width in xml.matches(of: #/ width="([\d.]+)"/#).compactMap({ Double($0.1) }) {
                    XCTAssertLessThanOrEqual(width, 49, "\(workbook) \(sheet)")
                }
            }
        }
        // The checked roster is wider than a page: 状态, 问题, 行号 repeat, and the print area ends at its last column.
        let names = try xlsxPart(out + "checked-members.xlsx", "xl/workbook.xml")
        XCTAssertTrue(names.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'会员名册'!$A$1:$R$137</definedName>"), names)
        XCTAssertTrue(names.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'会员名册'!$A:$C,'会员名册'!$1:$1</definedName>"), names)
        // 分类汇总: short tables each from a new page, no print titles; its charts have units and data labels.
        let book = try xlsxPart(out + "summary.xlsx", "xl/workbook.xml")
        XCTAssertTrue(book.contains("<sheet name=\"分类汇总\" sheetId=\"5\""), book)
        XCTAssertFalse(book.contains("_xlnm.Print_Titles\" localSheetId=\"4\""), "分类汇总 has no print titles")
        let breakdowns = try xlsxPart(out + "summary.xlsx", "xl/worksheets/sheet5.xml")
        XCTAssertEqual(breakdowns.firstMatch(of: #/<rowBreaks count="(\d+)"/#).map { String($0.1) }, "3")
        let chart = try xlsxPart(out + "summary.xlsx", "xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains("<c:dLbls><c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/>"), chart)
        XCTAssertTrue(chart.contains("<a:t>元</a:t>"), chart)
        // The category chart reads its own data beside the table, beyond the printed columns A:E: the seven
        // categories under 2% of 195,128 yuan are one 其他 bar of 10,128 yuan there, the table keeps them all.
        XCTAssertTrue(chart.contains("<c:f>'分类汇总'!$H$3:$H$7</c:f>"), chart)
        XCTAssertTrue(breakdowns.contains(#"<c r="I7" s="5"><v>10128</v></c>"#), breakdowns)
        XCTAssertTrue(book.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"4\">'分类汇总'!$A$1:$E$"), book)
    }

    // MARK: summary.json additions (SPEC §7.1)

    func testHardshipStagesAndFestivalsAreCounted() throws {
        let zhang = "110105198506120018", li = "110105199003070025", wang = "110105197806150038"
        let path = try folder([
            "members.csv": """
                姓名,性别,身份证号,入会日期,会员状态,困难职工
                张三,男,\(zhang),2010-01-01,在册,深度困难
                李四,女,\(li),2010-01-01,在册,相对困难
                王五,男,\(wang),2010-01-01,在册,否

                """,
            "payments.csv": """
                姓名,身份证号,类别,金额,发放日期,形式,学生姓名,录取层次,备注
                张三,\(zhang),春节慰问,300,2025-01-20,实物,,,
                李四,\(li),节日慰问,200,2025-03-08,实物,,,三八妇女节
                李四,\(li),端午慰问,100,2025-05-30,实物,,,
                王五,\(wang),节日慰问,100,2025-10-01,实物,,,
                张三,\(zhang),金秋助学,2000,2025-08-20,转账,张小三,本科,
                李四,\(li),金秋助学,1500,2025-08-20,转账,李小四,专科,
                王五,\(wang),金秋助学,1000,2025-08-20,转账,王小五,专科,

                """,
            "unionbatch.toml": "unit = \"测试工会\"\n",
        ])
        _ = runFolder(path)
        let json = try readJSON(path + "/unionbatch-out/summary.json")
        XCTAssertEqual(dict(json["members"])["by_hardship"] as? [String: Int], ["深度困难": 1, "相对困难": 1])
        let payments = dict(json["payments"])
        let stages = dict(payments["by_stage"]).mapValues { dict($0)["count"] as? Int }
        XCTAssertEqual(stages, ["本科": 1, "专科": 2])
        XCTAssertEqual(fen(dict(dict(payments["by_stage"])["专科"])["amount"]), 250_000)
        let festivals = dict(payments["by_festival"]).mapValues { dict($0)["amount"].flatMap(fen) }
        XCTAssertEqual(festivals, ["春节": 30_000, "三八": 20_000, "端午": 10_000, "其他": 10_000])
        // The keys follow the objects' existing keys, in code-point order.
        let text = try String(contentsOfFile: path + "/unionbatch-out/summary.json", encoding: .utf8)
        let order = ["\"by_month\"", "\"by_stage\"", "\"by_festival\"", "\"三八\"", "\"其他\"", "\"春节\"", "\"端午\""]
        let positions = try order.map { try XCTUnwrap(text.range(of: $0), $0).lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        let report = try String(contentsOfFile: path + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(report.contains("目前在档困难职工2人，其中深度困难1人、相对困难1人。"), report)
        XCTAssertTrue(report.contains("按录取层次分：本科1人、专科2人。"), report)
        XCTAssertTrue(report.contains("节日慰问4人次700元（春节1人次、端午1人次、三八1人次、其他1人次）"), report)
    }
}
