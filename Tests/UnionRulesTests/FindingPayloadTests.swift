// Every family's payload: each kind round-trips through a finding's stored arguments, and its message shows each named part.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class FindingPayloadTests: XCTestCase {
    private static let day1 = Day(year: 2025, month: 3, day: 5)!
    private static let day2 = Day(year: 2024, month: 11, day: 20)!
    private static let day3 = Day(year: 2026, month: 1, day: 9)!

    /// Whether each family reads a finding.
    private static let families: [@Sendable (Finding) -> Bool] = [
        { FileFinding($0) != nil }, { RollupFinding($0) != nil }, { ValueFinding($0) != nil }, { MemberFinding($0) != nil },
        { CrossDatasetFinding($0) != nil }, { PaymentFinding($0) != nil }, { ClaimFinding($0) != nil },
        { EnrollmentFinding($0) != nil }, { LedgerFinding($0) != nil },
    ]

    /// The rules whose kinds a test below has checked.
    private var covered: Set<RuleCode> = []

    /// `payload` stored in a finding reads back as itself, and no other family reads it; the catalog's message of
    /// the stored finding is the payload's, and shows each of `shows` in both languages, so a part stored in
    /// another's place would show in the wrong place or not at all.
    private func check<P: FindingPayload>(_ payload: P, value: String? = "单元格", field: Field? = nil, row: Int? = 7,
                                          shows: [String], line: UInt = #line) {
        let f = Finding(payload, severity: .error, file: "f.csv", row: row, column: 2, field: field, value: value, recordIndex: row.map { $0 - 2 })
        XCTAssertEqual(f.rule, payload.rule, line: line)
        XCTAssertEqual(P(f), payload, "round trip", line: line)
        XCTAssertEqual(Self.families.filter { $0(f) }.count, 1, "one family reads it", line: line)
        let message = RuleCatalog.definition(payload.rule).message(for: f)
        XCTAssertFalse(message.zh.isEmpty, line: line)
        XCTAssertFalse(message.en.isEmpty, line: line)
        for part in shows {
            XCTAssertTrue(message.zh.contains(part), "zh message \(message.zh) lacks \(part)", line: line)
            XCTAssertTrue(message.en.contains(part), "en message \(message.en) lacks \(part)", line: line)
        }
        covered.insert(payload.rule)
    }

    func testFileFindingsRoundTrip() {
        check(FileFinding.undecodable(byte: 4711), row: nil, shows: ["4711"])
        check(FileFinding.binary(byte: 4712), row: nil, shows: ["4712"])
        check(FileFinding.unreadable(reason: "磁盘错误"), row: nil, shows: ["磁盘错误"])
        check(FileFinding.changedWhileRead, row: nil, shows: ["the file changed while it was being read"])
        check(FileFinding.encrypted, row: nil, shows: [])
        check(FileFinding.damaged(detail: "xl/workbook.xml line 3"), row: nil, shows: ["xl/workbook.xml line 3"])
        check(FileFinding.zipBomb(part: "xl/worksheets/sheet9.xml"), row: nil, shows: ["xl/worksheets/sheet9.xml"])
        check(FileFinding.doctype(part: "xl/styles.xml"), row: nil, shows: ["xl/styles.xml"])
        check(FileFinding.missingSharedString(sheet: "名册", cell: "C12", index: 998), row: nil, shows: ["名册", "C12", "998"])
        check(FileFinding.cellOutOfRange(sheet: "发放", cell: "XFE1"), row: nil, shows: ["发放", "XFE1"])
        check(FileFinding.ragged(cells: 11, width: 9), shows: ["11", "9"])
        check(FileFinding.unterminatedQuote, shows: [])
        check(FileFinding.missingColumns(dataset: .claims, columns: "报销金额、入院日期"), shows: ["报销金额、入院日期"])
        check(FileFinding.noDataset(closest: .ledger, columns: "科目"), shows: ["科目"])
        check(FileFinding.ambiguous(datasets: [.payments, .claims]), shows: [])
        check(FileFinding.duplicateField(key: "id_number"), shows: ["id_number"])
        check(FileFinding.empty, shows: [])
        check(FileFinding.headerOnly, shows: [])
        check(FileFinding.titleRows(titleRows: 3, headerRow: 4), shows: ["3", "4"])
        check(FileFinding.twoRowHeader(titleRows: 2, lowerRow: 5, upperRow: 4), shows: ["2", "5", "4"])
        check(FileFinding.twoRowHeader(titleRows: 0, lowerRow: 2, upperRow: 1), shows: ["2", "1"])
        check(FileFinding.longValue(length: 40_000), shows: ["40000"])
        check(FileFinding.webPage, shows: [])
        check(FileFinding.otherFormat(format: "PDF"), shows: ["PDF"])
        check(FileFinding.unreadableSpreadsheet, shows: [])
        check(FileFinding.balanceRow(label: "上年结转"), shows: ["上年结转"])
        check(FileFinding.totalRow(label: "合计", covered: 12, compared: 0, mismatches: []), shows: ["合计"])
        check(FileFinding.totalRow(label: "小计", covered: 13, compared: 1, mismatches: []), shows: ["小计", "13"])
        check(FileFinding.totalRow(label: "总计", covered: 14, compared: 2,
                                   mismatches: [.init(field: .amount, written: "900.00", sum: "850.00"),
                                                .init(field: .approved, written: "1.00", sum: "2.00")]),
              shows: ["总计", "14", "900.00", "850.00"])
        check(FileFinding.footer(lines: 6), shows: ["6"])
        check(FileFinding.dataUnderBlankHeader(cells: 17, firstRow: 23), shows: ["17", "23"])
        check(FileFinding.exampleRow, value: "示例张三", shows: ["示例张三"])
        // A row's F01 is told from a file's by the finding's row.
        check(FileFinding.undecodableRow(byte: 4096), shows: [])
        check(FileFinding.nulRow(byte: 8192), shows: ["NUL"])
        let fileLevel = Finding(FileFinding.undecodable(byte: 3), severity: .error, file: "f.csv")
        XCTAssertEqual(FileFinding(fileLevel), .undecodable(byte: 3))
    }

    func testRollupFindingsRoundTrip() {
        check(RollupFinding.alsoMemberOf(unit: "青石纺织工会"), value: "330102199001011234", shows: ["青石纺织工会"])
        check(RollupFinding.sharedMembers(unit: "白沙中学工会", count: 37), value: nil, shows: ["白沙中学工会", "37"])
    }

    func testValueFindingsRoundTrip() {
        check(ValueFinding.empty, value: "", field: .memberName, shows: [])
        check(ValueFinding.notADate, value: "2025-02-30", field: .joinDate, shows: ["2025-02-30"])
        check(ValueFinding.notMoney, value: "十元", field: .amount, shows: ["十元"])
        check(ValueFinding.negative, value: "-5", field: .amount, shows: ["-5"])
        check(ValueFinding.tooManyDecimals, value: "1.234", field: .amount, shows: ["1.234"])
        check(ValueFinding.notACount, value: "两个", field: .duesMonths, shows: ["两个"])
        check(ValueFinding.outsideYear(date: Self.day2, year: 2025), field: .paidDate, shows: ["2024-11-20", "2025"])
        check(ValueFinding.afterAsOf(date: Self.day3, asOf: Self.day1), field: .joinDate, shows: ["2026-01-09", "2025-03-05"])
        check(ValueFinding.unknownValue(written: "临时工"), value: "临时工", field: .employment, shows: ["临时工"])
    }

    func testMemberFindingsRoundTrip() {
        check(MemberFinding.wrongCheckCharacter, value: "110101199003071235", shows: ["110101199003071235"])
        check(MemberFinding.notAnIDNumber, value: "12345", shows: ["12345"])
        check(MemberFinding.damagedByExcel, value: "1.10101E+17", shows: ["1.10101E+17"])
        check(MemberFinding.birthDate(written: Self.day1, fromID: Self.day2), shows: ["2025-03-05", "2024-11-20"])
        check(MemberFinding.gender(written: "女", fromID: "男"), shows: ["女", "男"])
        check(MemberFinding.duplicateID(firstAt: "会员名册.csv:12"), shows: ["会员名册.csv:12"])
        check(MemberFinding.badPhone, value: "1380013800", shows: ["1380013800"])
        check(MemberFinding.joinAfterLeave(join: Self.day3, leave: Self.day1), shows: ["2026-01-09", "2025-03-05"])
        check(MemberFinding.tooYoung(join: Self.day1, age: 15, minimum: 16), shows: ["2025-03-05", "15", "16"])
        check(MemberFinding.pastRetirement(retires: Self.day2), shows: ["2024-11-20"])
        check(MemberFinding.dues(paid: "120.00", expected: "96.50", monthly: "8.04", months: 12), shows: ["120.00", "96.50", "8.04", "12"])
        check(MemberFinding.upgraded(upgraded: "110101199003071234"), shows: [IDNumber.mask("110101199003071234")])
    }

    func testCrossDatasetFindingsRoundTrip() {
        check(CrossDatasetFinding.notInRoster, value: "110101199003071234", shows: ["110101199003071234"])
        check(CrossDatasetFinding.noRoster, value: nil, shows: ["X01", "P07"])
        check(CrossDatasetFinding.notMember(date: Self.day3, joined: Self.day1, left: Self.day2), shows: ["2026-01-09", "2025-03-05", "2024-11-20"])
        check(CrossDatasetFinding.notMember(date: Self.day3, joined: nil, left: nil), shows: ["2026-01-09"])
        check(CrossDatasetFinding.nameDiffers(rosterName: "李四"), value: "张三", shows: ["李四", "张三"])
        check(CrossDatasetFinding.rosterIDDamaged(rosterFile: "名册.csv", rosterRow: 44, damagedBy: .M02), shows: ["名册.csv", "44", "Excel"])
        check(CrossDatasetFinding.rosterIDDamaged(rosterFile: "名册2.csv", rosterRow: 45, damagedBy: .M01), shows: ["名册2.csv", "45"])
    }

    func testPaymentFindingsRoundTrip() {
        check(PaymentFinding.unknownCategory, value: "慰问金", shows: ["慰问金"])
        check(PaymentFinding.aboveLimit(category: .birthday, amount: "600.00", limit: "500.00"), shows: ["生日慰问", "600.00", "500.00"])
        check(PaymentFinding.aboveYearlyLimit(category: .hardship, total: "6100.00", limit: "6000.00"), shows: ["困难帮扶", "6100.00", "6000.00"])
        check(PaymentFinding.duplicate(firstAt: "发放.csv:9"), shows: ["发放.csv:9"])
        check(PaymentFinding.forbiddenForm(category: .festival), value: "现金", shows: ["节日慰问", "现金"])
        check(PaymentFinding.outsideEducationBand(amount: "5000.00", lowest: "1000.00", highest: "3000.00"), shows: ["5000.00", "1000.00", "3000.00"])
        check(PaymentFinding.noHardship(category: .education), shows: ["金秋助学"])
        check(PaymentFinding.relationNotAllowed(category: .relativeDeath), value: "兄弟", shows: ["兄弟"])
    }

    func testClaimFindingsRoundTrip() {
        check(ClaimFinding.aboveClaimed(approved: "800.00", claimed: "700.00"), shows: ["800.00", "700.00"])
        check(ClaimFinding.aboveSelfPaid(approved: "801.00", selfPaid: "701.00"), shows: ["801.00", "701.00"])
        check(ClaimFinding.offRate(approved: "300.00", rate: "0.5", expected: "250.00"), shows: ["300.00", "0.5", "250.00"])
        check(ClaimFinding.aboveOutpatientCap(total: "2100.00", cap: "2000.00"), shows: ["2100.00", "2000.00"])
        check(ClaimFinding.dischargeBeforeAdmission(discharge: Self.day2, admission: Self.day1), shows: ["2024-11-20", "2025-03-05"])
        check(ClaimFinding.twoCancersForMan, shows: ["两癌"])
        check(ClaimFinding.duplicate(firstAt: "报销.csv:3"), shows: ["报销.csv:3"])
        // Which amount C01 compares with is said, in each language.
        let claimed = RuleCatalog.definition(.C01).message(for: Finding(ClaimFinding.aboveClaimed(approved: "2", claimed: "1"), severity: .error, file: "c.csv"))
        let selfPaid = RuleCatalog.definition(.C01).message(for: Finding(ClaimFinding.aboveSelfPaid(approved: "2", selfPaid: "1"), severity: .error, file: "c.csv"))
        XCTAssertTrue(claimed.zh.contains("申请金额") && claimed.en.contains("claimed"))
        XCTAssertTrue(selfPaid.zh.contains("个人自付") && selfPaid.en.contains("self-paid"))
    }

    func testEnrollmentFindingsRoundTrip() {
        check(EnrollmentFinding.premium(premium: "55.00", standard: "50.00"), shows: ["55.00", "50.00"])
        check(EnrollmentFinding.twoCancersForMan, shows: ["两癌"])
        check(EnrollmentFinding.duplicate(firstAt: "参保.csv:8"), shows: ["参保.csv:8"])
    }

    func testLedgerFindingsRoundTrip() {
        check(LedgerFinding.unknownAccount, value: "劳保", shows: ["劳保"])
        check(LedgerFinding.bothIncomeAndExpense, shows: [])
        check(LedgerFinding.noAmount, shows: [])
        check(LedgerFinding.wrongDirection(line: "会议费", bookedAsIncome: true, group: "业务支出"), shows: ["会议费", "业务支出"])
        check(LedgerFinding.reconciliation(lines: "困难职工帮扶费", ledger: "10.00", categories: "困难帮扶", paid: "9.00", difference: "1.00"),
              shows: ["困难职工帮扶费", "10.00", "困难帮扶", "9.00", "1.00"])
        check(LedgerFinding.dues(ledger: "600.01", roster: "600.00", difference: "0.01"), shows: ["600.01", "600.00", "0.01"])
        check(LedgerFinding.festivalForm(festival: "春节", form: "购物卡"), shows: ["春节", "购物卡"])
    }

    /// Every rule of the catalog has a payload whose kinds the tests above check.
    func testEveryRuleHasAPayload() {
        testFileFindingsRoundTrip()
        testRollupFindingsRoundTrip()
        testValueFindingsRoundTrip()
        testMemberFindingsRoundTrip()
        testCrossDatasetFindingsRoundTrip()
        testPaymentFindingsRoundTrip()
        testClaimFindingsRoundTrip()
        testEnrollmentFindingsRoundTrip()
        testLedgerFindingsRoundTrip()
        XCTAssertEqual(covered, Set(RuleCode.allCases))
    }

    /// Parts of the same type cannot be swapped unseen: M09's message names each amount by what it is.
    func testMessageNamesEachPartByWhatItIs() {
        let f = Finding(MemberFinding.dues(paid: "120.00", expected: "96.50", monthly: "8.04", months: 12), severity: .warning, file: "m.csv")
        XCTAssertEqual(RuleCatalog.definition(.M09).message(for: f),
                       LocalizedText(zh: "已缴会费 120.00 元，按工资应缴 96.50 元（每月 8.04 元 × 12 个月）",
                                     en: "dues paid 120.00 yuan, expected 96.50 yuan from the wage (8.04 a month × 12)"))
        let swapped = Finding(MemberFinding.dues(paid: "96.50", expected: "120.00", monthly: "8.04", months: 12), severity: .warning, file: "m.csv")
        XCTAssertNotEqual(RuleCatalog.definition(.M09).message(for: swapped), RuleCatalog.definition(.M09).message(for: f))
        let twoRows = Finding(FileFinding.twoRowHeader(titleRows: 1, lowerRow: 3, upperRow: 2), severity: .warning, file: "m.csv", row: 1)
        XCTAssertEqual(RuleCatalog.definition(.F07).message(for: twoRows).en,
                       "rows 2 and 3 are a two-row header, combined column by column (the lower name wins); 1 title row(s) above were skipped")
    }
}
