// L01-L05 and the ledger's amounts: accounts, directions, refunds, reconciliation with payments and dues, festival forms.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class LedgerRulesTests: XCTestCase {
    let header = "日期,摘要,科目,收入,支出,人数,支付方式"

    /// Runs `body` with rows read as typed rows, then read clean from their bytes as a run reads them.
    private func bothReadings(_ setup: RuleSetup = RuleSetup(), _ body: (RuleSetup) throws -> Void) rethrows {
        var setup = setup
        for typed in [true, false] {
            setup.typedRows = typed
            try body(setup)
        }
    }

    /// The ledger findings of a file by kind, with their named parts (file-level first, then by row).
    private func kinds(_ result: RuleResult, _ name: String = "ledger.csv") -> [LedgerFinding] {
        (result.checked[name]?.findings ?? []).compactMap(LedgerFinding.init)
    }

    private func ledgerFacts(_ result: RuleResult, _ name: String = "ledger.csv") -> [String] {
        let chart = RuleProfile.standard.chart
        return (result.checked[name]?.ledger ?? []).map {
            "\($0.row) \(chart.lines[Int($0.line)].name) \($0.isIncome ? "收入" : "支出") \($0.amount) \($0.people)"
        }
    }

    // MARK: L01 and how an account is read

    func testL01UnknownAccountAndTheSpellingsThatRead() throws {
        let text = csv(header, [
            "2025-03-01,劳保,维权支出-劳动保护费,,100,,",
            "2025-03-02,劳保,劳动保护费,,100,,",
            "2025-03-03,劳保,维权支出/劳动保护费,,100,,",
            "2025-03-04,劳保,维权支出：劳动保护费,,100,,",
            "2025-03-05,防暑降温,劳保用品,,100,,",
            "2025-03-06,奖金,奖金,,100,,",
            "2025-03-07,劳保,维权支出-劳保费,,100,,",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("ledger.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv"), ["L01 error C7 account", "L01 error C8 account"])
            XCTAssertEqual(result.file("ledger.csv")?.excluded.sorted(), [5, 6])
            XCTAssertEqual(ledgerFacts(result), (2...6).map { "\($0) 劳动保护费 支出 10000 0" })
        }
    }

    func testAUnitsOwnAccountNameFromAccounts() throws {
        var setup = RuleSetup()
        try setup.profile.apply(TOMLParser.parse("[accounts]\n\"劳保费\" = \"劳动保护费\"\n"), prefix: "")
        let text = csv(header, ["2025-03-07,劳保,维权支出-劳保费,,100,,", "2025-03-08,劳保,劳保费,,0.5,,"])
        try bothReadings(setup) { setup in
            let result = try checkFiles([("ledger.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv"), [])
            XCTAssertEqual(ledgerFacts(result), ["2 劳动保护费 支出 10000 0", "3 劳动保护费 支出 50 0"])
        }
        // A name mapped to no line of the chart is a configuration error naming the key.
        XCTAssertThrowsError(try setup.profile.apply(TOMLParser.parse("[accounts]\n\"劳保费\" = \"劳保\"\n"), prefix: "")) { error in
            XCTAssertEqual((error as? ProfileError)?.key, "accounts.劳保费")
        }
    }

    // MARK: L02 and the two amount layouts

    func testL02BothNeitherAndADirectionAgainstTheAccount() throws {
        let text = csv(header, [
            "2025-03-01,两个都有,会议费,10,100,,",
            "2025-03-02,都没有,会议费,,,,",
            "2025-03-03,零,会议费,0,0.00,,",
            "2025-03-04,支出记在会费上,会费收入,,100,,",
            "2025-03-05,收入记在会议费上,会议费,100,,,",
            "2025-03-06,会费,会费收入,100,,,",
            "2025-03-07,会议,会议费,,100,,",
            "2025-03-08,会议退款,会议费,,-30.5,,",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("ledger.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv"), [
                "L02 error E2 expense both", "L02 error D3 income none", "L02 error D4 income none",
                "L02 error E5 expense direction|会费收入|支出|收入", "L02 error D6 income direction|会议费|收入|业务支出",
            ])
            XCTAssertEqual(kinds(result), [
                .bothIncomeAndExpense, .noAmount, .noAmount,
                .wrongDirection(line: "会费收入", bookedAsIncome: false, group: "收入"),
                .wrongDirection(line: "会议费", bookedAsIncome: true, group: "业务支出"),
            ])
            XCTAssertEqual(ledgerFacts(result), ["7 会费收入 收入 10000 0", "8 会议费 支出 10000 0", "9 会议费 支出 -3050 0"])
        }
    }

    func testTheAmountWithDirectionLayout() throws {
        let text = csv("记账日期,凭证号,摘要,会计科目,金额,收支,受益人数", [
            "2025-01-05,1,会费,会费收入,71961.6,收入,",
            "2025-04-01,2,技能培训,职工教育支出,21410,支,25",
            "2025-04-02,3,培训退费,职工教育支出,-10,支出,",
            "2025-04-03,4,没写方向,职工教育支出,10,,",
            "2025-04-04,5,方向写反,职工教育支出,10,收,",
            "2025-04-05,6,没有金额,职工教育支出,,支出,",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("经费收支明细账.csv", text)], setup: setup)
            XCTAssertEqual(result.file("经费收支明细账.csv")?.dataset, .ledger)
            XCTAssertEqual(result.lines("经费收支明细账.csv"), [
                "L02 error F5 direction none", "L02 error F6 direction direction|职工教育支出|收入|职工活动支出", "L02 error E7 amount none",
            ])
            XCTAssertEqual(ledgerFacts(result, "经费收支明细账.csv"),
                           ["2 会费收入 收入 7196160 0", "3 职工教育支出 支出 2141000 25", "4 职工教育支出 支出 -1000 0"])
        }
    }

    /// Negative amounts are refunds on the ledger only: a payment's stays V03; a ledger's unreadable cell is V03, not L02.
    func testRefundsAreAllowedOnTheLedgerOnly() throws {
        let ledger = csv(header, ["2025-03-01,退款,会议费,,-100,,", "2025-03-02,坏金额,会议费,,12.345,,"])
        let payments = csv("姓名,身份证号,类别,金额,发放日期", ["甲,\(People.zhangSan),生日慰问,-100,2025-03-01"])
        try bothReadings { setup in
            let result = try checkFiles([("ledger.csv", ledger), ("payments.csv", payments)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv", only: [.V03, .L02]), ["V03 error E3 expense decimals"])
            XCTAssertEqual(result.lines("payments.csv", only: [.V03]), ["V03 error D2 amount negative"])
        }
    }

    /// The ledger's date is checked by V04 as a payment's is: other years' rows are left out, not excluded.
    func testV04OnTheLedgerDate() throws {
        let text = csv(header, ["2024-12-31,上年,会议费,,100,,", "2025-01-01,本年,会议费,,100,,"])
        try bothReadings { setup in
            let result = try checkFiles([("ledger.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv"), ["V04 warning A2 date 2024-12-31|2025"])
            let file = try XCTUnwrap(result.file("ledger.csv"))
            XCTAssertEqual([file.rowCount, file.includedCount, file.excluded.count, file.outsideYear.count], [2, 1, 0, 1])
        }
    }

    // MARK: L03

    private let payments = csv("姓名,身份证号,类别,金额,发放日期", [
        "甲,\(People.zhangSan),困难帮扶,1000,2025-03-01",
        "乙,\(People.liSi),金秋助学,2000.5,2025-08-01",
        "丙,\(People.wangWu),生日慰问,200,2025-05-01",
        "丁,\(People.zhaoLiu),困难帮扶,9999,2024-12-01",
    ])

    func testL03AgreeingLinesGiveNothing() throws {
        let ledger = csv(header, [
            "2025-03-01,困难帮扶,维权支出-困难职工帮扶费,,1000,,",
            "2025-08-01,助学,送温暖费,,2000.5,,",
            "2025-05-01,生日,职工集体福利支出,,200,,",
            "2024-12-01,上年帮扶,困难职工帮扶费,,9999,,",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("payments.csv", payments), ("ledger.csv", ledger)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv", only: [.L03]), [])
        }
    }

    func testL03OffByOneFenStatesBothFigures() throws {
        let ledger = csv(header, [
            "2025-03-01,困难帮扶,困难职工帮扶费,,1000,,",
            "2025-08-01,助学,送温暖费,,2000.49,,",
            "2025-05-01,生日,职工集体福利支出,,200.01,,",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("payments.csv", payments), ("ledger.csv", ledger)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv", only: [.L03]), [
                "L03 warning 困难职工帮扶费+送温暖费|3000.49|困难帮扶、金秋助学|3000.5|0.01",
                "L03 warning 职工集体福利支出|200.01|节日慰问、生日慰问、生病住院慰问、生育慰问、结婚慰问、去世慰问、亲属去世慰问、退休慰问|200|0.01",
            ])
            XCTAssertEqual(kinds(result).first, .reconciliation(lines: "困难职工帮扶费+送温暖费", ledger: "3000.49", categories: "困难帮扶、金秋助学",
                                                                paid: "3000.5", difference: "0.01"))
        }
    }

    /// Without a payments dataset there is nothing to reconcile.
    func testL03NeedsThePayments() throws {
        let ledger = csv(header, ["2025-03-01,困难帮扶,困难职工帮扶费,,1000,,"])
        try bothReadings { setup in
            XCTAssertEqual(try checkFiles([("ledger.csv", ledger)], setup: setup).lines("ledger.csv"), [])
        }
    }

    func testL03ReconcileFromAConfigReplacesTheProfiles() throws {
        var setup = RuleSetup()
        try setup.profile.apply(TOMLParser.parse("[reconcile]\n\"困难职工帮扶费\" = [\"困难帮扶\"]\n"), prefix: "")
        let ledger = csv(header, ["2025-03-01,困难帮扶,困难职工帮扶费,,1000,,"])
        try bothReadings(setup) { setup in
            let result = try checkFiles([("payments.csv", payments), ("ledger.csv", ledger)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv", only: [.L03]), [])
        }
        XCTAssertThrowsError(try setup.profile.apply(TOMLParser.parse("[reconcile]\n\"帮扶费\" = [\"困难帮扶\"]\n"), prefix: "")) { error in
            XCTAssertEqual((error as? ProfileError)?.key, "reconcile.帮扶费")
        }
    }

    // MARK: L04

    private func roster(dues: [String]) -> String {
        csv("姓名,身份证号,已缴会费", dues.enumerated().map { i, d in "甲\(i),\(idNumber(born: "19800101", male: true, sequence: i + 1)),\(d)" })
    }

    func testL04DuesAgreeingAndOffByOneFen() throws {
        let agreeing = csv(header, ["2025-01-05,会费,会费收入,600.5,,,", "2025-06-05,会费退还,会费,-0.5,,,"])
        let off = csv(header, ["2025-01-05,会费,会费收入,600.01,,,"])
        try bothReadings { setup in
            let members = roster(dues: ["300", "300"])
            XCTAssertEqual(try checkFiles([("members.csv", members), ("ledger.csv", agreeing)], setup: setup).lines("ledger.csv"), [])
            XCTAssertEqual(try checkFiles([("members.csv", members), ("ledger.csv", off)], setup: setup).lines("ledger.csv"),
                           ["L04 warning 600.01|600|0.01"])
            XCTAssertEqual(kinds(try checkFiles([("members.csv", members), ("ledger.csv", off)], setup: setup)),
                           [.dues(ledger: "600.01", roster: "600", difference: "0.01")])
        }
    }

    func testL04NeedsARosterWithDues() throws {
        let ledger = csv(header, ["2025-01-05,会费,会费收入,600.01,,,"])
        let members = csv("姓名,身份证号", ["甲,\(People.zhangSan)"])
        try bothReadings { setup in
            XCTAssertEqual(try checkFiles([("members.csv", members), ("ledger.csv", ledger)], setup: setup).lines("ledger.csv"), [])
        }
    }

    // MARK: L05

    func testL05FestivalWelfareAsCardsVouchersOrCash() throws {
        let text = csv(header, [
            "2025-01-20,春节慰问品,职工集体福利支出,,5000,,购物卡",
            "2025-09-10,中秋发放现金,集体福利,,3000,,",
            "2025-06-01,慰问,福利支出-节日慰问,,800,,代金券",
            "2025-01-21,春节慰问品,职工集体福利支出,,5000,,实物",
            "2025-05-01,文体活动奖品,文体活动支出,,500,,购物卡",
            "2025-05-02,生日蛋糕卡,职工集体福利支出,,500,,购物卡",
        ])
        try bothReadings { setup in
            let result = try checkFiles([("ledger.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("ledger.csv"), [
                "L05 error G2 form 春节|购物卡", "L05 error B3 summary 中秋|现金", "L05 error G4 form 节日慰问|代金券",
            ])
            XCTAssertEqual(kinds(result), [.festivalForm(festival: "春节", form: "购物卡"), .festivalForm(festival: "中秋", form: "现金"),
                                           .festivalForm(festival: "节日慰问", form: "代金券")])
            XCTAssertEqual(result.file("ledger.csv")?.excluded.sorted(), [0, 1, 2])
        }
    }

    // MARK: Detection

    func testALedgerHeaderIsTheLedgerAndNeedsAnAmountLayout() throws {
        let missing = csv("日期,摘要,科目,金额", ["2025-01-05,会费,会费收入,10"])
        let result = try checkFiles([("经费收支.csv", missing)])
        XCTAssertEqual(result.notOpened["经费收支.csv"]?.map(\.rule), [.F04])
        XCTAssertEqual(try checkFiles([("x.csv", csv("日期,摘要,科目,支出", ["2025-01-05,会议,会议费,10"]))]).file("x.csv")?.dataset, .ledger)
    }

    // MARK: Kinds and messages

    /// Each kind's arguments read back as the same kind, and its message names its parts in both languages.
    func testEachKindRoundTripsThroughAFindingAndNamesItsParts() {
        let all: [LedgerFinding] = [
            .unknownAccount, .bothIncomeAndExpense, .noAmount,
            .wrongDirection(line: "会议费", bookedAsIncome: true, group: "业务支出"),
            .reconciliation(lines: "困难职工帮扶费", ledger: "10", categories: "困难帮扶", paid: "9", difference: "1"),
            .dues(ledger: "600.01", roster: "600", difference: "0.01"),
            .festivalForm(festival: "春节", form: "购物卡"),
        ]
        for kind in all {
            let f = Finding(rule: kind.rule, severity: .error, file: "ledger.csv", value: "劳保", arguments: kind.arguments)
            XCTAssertEqual(LedgerFinding(f), kind)
            XCTAssertEqual(RuleCatalog.definition(kind.rule).message(for: f), kind.message(value: "劳保"))
        }
        XCTAssertNil(LedgerFinding(Finding(rule: .P02, severity: .error, file: "p.csv")))
        let direction = LedgerFinding.wrongDirection(line: "会议费", bookedAsIncome: true, group: "业务支出").message(value: "")
        XCTAssertEqual(direction, LocalizedText(zh: "会议费属于“业务支出”，不能记为收入", en: "会议费 belongs to 业务支出 and cannot be booked as an income"))
        XCTAssertEqual(LedgerFinding.unknownAccount.message(value: "劳保").text(.en),
                       "account \"劳保\" is not in the chart of accounts: row left out of the totals")
    }
}
