// Tests for RowReader: typed values and the findings of unreadable cells (V01-V03, V06, M01, M02, M06, M10, F02, F08).

import XCTest
import UnionCore
import UnionImport

/// The default severities of SPEC §3, built by hand (UnionRules is not a dependency here).
/// V06 is at its general severity, warning; the policy itself raises it to error for a plan.
enum SpecPolicy {
    static let warnings: Set<RuleCode> = [.F05, .F06, .F07, .F08, .F09, .U01, .V04, .V06, .M03, .M04, .M06, .M08, .M09,
                                          .M10, .X03, .P04, .P07, .C02, .C06, .E01, .E03]
    static let policy = RulePolicy(severities: Dictionary(uniqueKeysWithValues: RuleCode.allCases.map {
        ($0, warnings.contains($0) ? Severity.warning : .error)
    }))
}

final class RowReaderTests: XCTestCase {
    private static let file = "t.csv"

    /// 0 姓名, 1 身份证号, 2 性别, 3 出生日期, 4 入会日期, 5 会员状态, 6 手机号, 7 月工资, 8 缴费月数, 9 困难职工, 10 在岗状态, 11 籍贯 (no field)
    private static let membersHeader = ["姓名", "身份证号", "性别", "出生日期", "入会日期", "会员状态", "手机号", "月工资", "缴费月数",
                                        "困难职工", "在岗状态", "籍贯"]
    private static let goodMember = ["张三", "110101199003071233", "男", "1990-03-07", "2010年3月", "在册", "138 1234 5678",
                                     "1,234.50", "12", "是", "在岗", "北京"]
    /// 0 姓名, 1 身份证号, 2 类别, 3 金额, 4 发放日期, 5 备注
    private static let paymentsHeader = ["姓名", "身份证号", "类别", "金额", "发放日期", "备注"]
    private static let goodPayment = ["张三", "110101199003071233", "生日慰问", "300", "2025-03-05", ""]
    /// 0 姓名, 1 身份证号, 2 险种, 3 报销金额, 4 报销日期
    private static let claimsHeader = ["姓名", "身份证号", "险种", "报销金额", "报销日期"]

    private struct Read {
        let row: TypedRow
        let findings: [Finding]
    }

    private func read(_ cells: [String], header: [String] = membersHeader, dataset: Dataset = .members,
                      row: Int = 2, recordIndex: Int = 0, invalidUTF8: Bool = false, unterminated: Bool = false) -> Read {
        let mapping = HeaderMatcher.map(header, for: dataset)
        var recorder = FindingRecorder(policy: SpecPolicy.policy, file: Self.file)
        let record = CSVRecord(fields: cells, row: row, isBlank: false, hasInvalidUTF8: invalidUTF8,
                               unterminatedQuote: unterminated, byteOffset: 40)
        let typed = RowReader(mapping: mapping).read(record, recordIndex: recordIndex, recorder: &recorder)
        return Read(row: typed, findings: recorder.findings)
    }

    private func member(_ changes: [Int: String]) -> [String] {
        var cells = Self.goodMember
        for (column, value) in changes { cells[column] = value }
        return cells
    }

    private func payment(_ changes: [Int: String]) -> [String] {
        var cells = Self.goodPayment
        for (column, value) in changes { cells[column] = value }
        return cells
    }

    private func finding(_ rule: RuleCode, _ severity: Severity, column: Int?, field: Field?, value: String?,
                         _ arguments: [String] = [], row: Int = 2, record: Int = 0) -> Finding {
        Finding(rule: rule, severity: severity, file: Self.file, row: row, column: column, field: field, value: value,
                arguments: arguments, recordIndex: record)
    }

    private func id(_ raw: String) -> IDNumber? {
        switch IDNumber.read(raw) {
        case .valid(let id), .upgraded(let id, _): return id
        default: return nil
        }
    }

    // MARK: Values typed correctly

    func testOneReaderGivesRepeatedEnumeratedValuesTheSameReadingRowAfterRow() {
        // One reader over several rows, as a pass reads a file: a value read before is found again by its bytes.
        let mapping = HeaderMatcher.map(Self.membersHeader, for: .members)
        let reader = RowReader(mapping: mapping)
        var recorder = FindingRecorder(policy: SpecPolicy.policy, file: Self.file)
        let genders = ["男", "Male", "男", "male", "X", "X", "女", "X"]
        var values: [FieldValue?] = []
        for (i, gender) in genders.enumerated() {
            var cells = Self.goodMember
            cells[2] = gender
            let record = CSVRecord(fields: cells, row: i + 2, isBlank: false, hasInvalidUTF8: false, unterminatedQuote: false, byteOffset: 0)
            values.append(reader.read(record, recordIndex: i, recorder: &recorder)[.gender])
        }
        XCTAssertEqual(values, [.known("男"), .known("男"), .known("男"), .known("男"), .unknown("X"), .unknown("X"),
                                .known("女"), .unknown("X")])
        // Each row with an unknown value has its own V06.
        XCTAssertEqual(recorder.findings.filter { $0.rule == .V06 }.map(\.row), [6, 7, 9])
    }

    func testGoodMemberHasNoFindings() { XCTAssertEqual(read(Self.goodMember).findings, []) }

    func testGoodMemberValues() {
        XCTAssertEqual(read(Self.goodMember).row.values, [
            .memberName: .text("张三"),
            .memberID: .id(id("110101199003071233")!),
            .gender: .known("男"),
            .birthDate: .date(Day(year: 1990, month: 3, day: 7)!),
            .joinDate: .date(Day(year: 2010, month: 3, day: 1)!),
            .status: .known("在册"),
            .phone: .phone("13812345678"),
            .monthlyWage: .money(Money(fen: 123_450)),
            .duesMonths: .count(12),
            .hardship: .known("相对困难"),
            .employment: .known("在岗"),
        ])
    }

    func testCellsKeptTrimmed() {
        XCTAssertEqual(read(member([0: " 张三\u{3000}", 11: "  北京 "])).row.cells, Self.goodMember)
    }

    func testRowAndIndexCarried() {
        let typed = read(Self.goodMember, row: 9, recordIndex: 4).row
        XCTAssertEqual("\(typed.row) \(typed.recordIndex) \(typed.isReadable)", "9 4 true")
    }

    func testPaymentValues() {
        XCTAssertEqual(read(Self.goodPayment, header: Self.paymentsHeader, dataset: .payments).row.values, [
            .payeeName: .text("张三"),
            .payeeID: .id(id("110101199003071233")!),
            .category: .text("生日慰问"),
            .amount: .money(Money(fen: 30_000)),
            .paidDate: .date(Day(year: 2025, month: 3, day: 5)!),
        ])
    }

    func testEnglishGenderLowerCased() { XCTAssertEqual(read(member([2: "F"])).row[.gender], .known("女")) }
    func testFullWidthCount() { XCTAssertEqual(read(member([8: "１２"])).row[.duesMonths], .count(12)) }
    func testExcelSerialInDateColumn() {
        XCTAssertEqual(read(payment([4: "45721"]), header: Self.paymentsHeader, dataset: .payments).row[.paidDate],
                       .date(Day(year: 2025, month: 3, day: 5)!))
    }
    func testDecoratedMoney() {
        XCTAssertEqual(read(payment([3: "￥1,200.00元"]), header: Self.paymentsHeader, dataset: .payments).row[.amount],
                       .money(Money(fen: 120_000)))
    }
    func testEmptyOptionalCellIsAbsentWithoutFinding() {
        let result = read(member([2: "", 6: ""]))
        XCTAssertEqual("\(result.findings.count) \(result.row[.gender] == nil) \(result.row[.phone] == nil)", "0 true true")
    }

    // MARK: V01 required value empty

    func testEmptyRequired() {
        XCTAssertEqual(read(member([0: ""])).findings, [finding(.V01, .error, column: 0, field: .memberName, value: "")])
    }

    func testWhiteSpaceOnlyRequiredIsEmpty() {
        XCTAssertEqual(read(member([1: " \u{3000} "])).findings, [finding(.V01, .error, column: 1, field: .memberID, value: "")])
    }

    func testEmptyRequiredLeavesNoValue() { XCTAssertNil(read(member([0: ""])).row[.memberName]) }

    func testOneV01ForTwoEmptyRequired() {
        XCTAssertEqual(read(member([0: "", 1: ""])).findings, [finding(.V01, .error, column: 0, field: .memberName, value: "")])
    }

    // MARK: V02 date

    func testImpossibleDate() {
        XCTAssertEqual(read(member([3: "1990-02-30"])).findings,
                       [finding(.V02, .error, column: 3, field: .birthDate, value: "1990-02-30")])
    }

    func testBadDateLeavesNoValue() { XCTAssertNil(read(member([3: "1990-02-30"])).row[.birthDate]) }

    func testMonthAloneNotAcceptedForBirthDate() {
        XCTAssertEqual(read(member([3: "1990年3月"])).findings,
                       [finding(.V02, .error, column: 3, field: .birthDate, value: "1990年3月")])
    }

    func testMonthAloneAcceptedForLeaveDate() {
        let header = Self.membersHeader + ["退会日期"]
        XCTAssertEqual(read(Self.goodMember + ["2024/7"], header: header).row[.leaveDate], .date(Day(year: 2024, month: 7, day: 1)!))
    }

    // MARK: V03 money (three variants) and counts

    func testNegativeMoney() {
        XCTAssertEqual(read(payment([3: "-5"]), header: Self.paymentsHeader, dataset: .payments).findings,
                       [finding(.V03, .error, column: 3, field: .amount, value: "-5", ["negative"])])
    }

    func testTooManyDecimals() {
        XCTAssertEqual(read(payment([3: "12.345"]), header: Self.paymentsHeader, dataset: .payments).findings,
                       [finding(.V03, .error, column: 3, field: .amount, value: "12.345", ["decimals"])])
    }

    func testMoneyNotANumber() {
        XCTAssertEqual(read(payment([3: "三百"]), header: Self.paymentsHeader, dataset: .payments).findings,
                       [finding(.V03, .error, column: 3, field: .amount, value: "三百", ["form"])])
    }

    func testBadMoneyLeavesNoValue() {
        XCTAssertNil(read(payment([3: "-5"]), header: Self.paymentsHeader, dataset: .payments).row[.amount])
    }

    func testCountNotWhole() {
        XCTAssertEqual(read(member([8: "12.5"])).findings, [finding(.V03, .error, column: 8, field: .duesMonths, value: "12.5", ["count"])])
    }

    // MARK: V06 unknown enumerated value: kept as written

    func testUnknownStatusIsWarning() {
        XCTAssertEqual(read(member([5: "在职"])).findings, [finding(.V06, .warning, column: 5, field: .status, value: "在职", ["在职"])])
    }

    func testUnknownStatusKept() { XCTAssertEqual(read(member([5: "在职"])).row[.status], .unknown("在职")) }

    /// SPEC §3: V06 is "error for plan, else warning".
    /// Regression: an unknown plan was once flagged at V06's general severity, warning.
    func testUnknownPlanIsError() {
        XCTAssertEqual(read(["张三", "110101199003071233", "牙科", "100", "2025-03-05"], header: Self.claimsHeader, dataset: .claims).findings,
                       [finding(.V06, .error, column: 2, field: .claimPlan, value: "牙科", ["牙科"])])
    }

    func testPlanAliasCanonical() {
        XCTAssertEqual(read(["张三", "110101199003071233", "癌症", "100", "2025-03-05"], header: Self.claimsHeader, dataset: .claims)
            .row[.claimPlan], .known("重大疾病"))
    }

    // MARK: ID numbers: M01, M02, M10

    func testBadChecksumIsM01() {
        XCTAssertEqual(read(member([1: "110101199003071234"])).findings,
                       [finding(.M01, .error, column: 1, field: .memberID, value: "110101199003071234", ["checksum"])])
    }

    func testMalformedIsM01() {
        XCTAssertEqual(read(member([1: "1101011990"])).findings,
                       [finding(.M01, .error, column: 1, field: .memberID, value: "1101011990", ["form"])])
    }

    func testScientificNotationIsM02() {
        XCTAssertEqual(read(member([1: "1.10105E+17"])).findings,
                       [finding(.M02, .error, column: 1, field: .memberID, value: "1.10105E+17")])
    }

    func testZeroedTailIsM02() {
        XCTAssertEqual(read(member([1: "110101199003071000"])).findings,
                       [finding(.M02, .error, column: 1, field: .memberID, value: "110101199003071000")])
    }

    func testBadIDLeavesNoValue() { XCTAssertNil(read(member([1: "110101199003071234"])).row[.memberID]) }

    func testLegacyIDIsM10WithUpgradedNumber() {
        XCTAssertEqual(read(member([1: "110105491231002"])).findings,
                       [finding(.M10, .warning, column: 1, field: .memberID, value: "110105491231002", ["11010519491231002X"])])
    }

    func testLegacyIDValueIsUpgraded() {
        XCTAssertEqual(read(member([1: "110105491231002"])).row.text(.memberID), "11010519491231002X")
    }

    func testLowerCaseXValueNormalised() {
        XCTAssertEqual(read(member([1: "11010519491231002x"])).row.text(.memberID), "11010519491231002X")
    }

    // MARK: M06 phone

    func testBadPhoneIsM06() {
        XCTAssertEqual(read(member([6: "12812345678"])).findings,
                       [finding(.M06, .warning, column: 6, field: .phone, value: "12812345678")])
    }

    func testBadPhoneKeptAsText() { XCTAssertEqual(read(member([6: "12812345678"])).row[.phone], .text("12812345678")) }

    // MARK: F02 ragged rows

    func testFewerCellsIsF02() {
        XCTAssertEqual(read(Array(Self.goodMember.prefix(10))).findings,
                       [finding(.F02, .error, column: nil, field: nil, value: nil, ["10", "12"])])
    }

    func testFewerCellsUnreadable() {
        let typed = read(Array(Self.goodMember.prefix(10))).row
        XCTAssertEqual("\(typed.isReadable) \(typed.values.count)", "false 0")
    }

    func testMoreNonEmptyCellsIsF02() {
        XCTAssertEqual(read(Self.goodMember + ["", "多余"]).findings,
                       [finding(.F02, .error, column: nil, field: nil, value: nil, ["14", "12"])])
    }

    func testExtraEmptyTrailingCellsAreNotRagged() { XCTAssertEqual(read(Self.goodMember + ["", " ", ""]).findings, []) }

    func testExtraEmptyTrailingCellsStillRead() {
        XCTAssertEqual(read(Self.goodMember + ["", ""]).row.text(.memberID), "110101199003071233")
    }

    // MARK: F01, F03: records that cannot be read

    func testInvalidUTF8IsF01() {
        XCTAssertEqual(read(Self.goodMember, invalidUTF8: true).findings,
                       [finding(.F01, .error, column: nil, field: nil, value: nil, ["40"])])
    }

    func testUnterminatedQuoteIsF03() {
        XCTAssertEqual(read(Self.goodMember, unterminated: true).findings, [finding(.F03, .error, column: nil, field: nil, value: nil)])
    }

    // MARK: F08 over-long values

    func testLongValueIsF08() {
        let long = String(repeating: "字", count: 40_000)
        XCTAssertEqual(read(payment([5: long]), header: Self.paymentsHeader, dataset: .payments).findings,
                       [finding(.F08, .warning, column: 5, field: .note, value: String(repeating: "字", count: 50), ["40000"])])
    }

    func testLongValueKeptWhole() {
        let long = String(repeating: "a", count: 40_000)
        XCTAssertEqual(read(payment([5: long]), header: Self.paymentsHeader, dataset: .payments).row[.note], .text(long))
    }

    func testValueAtTheLimitIsNotF08() {
        XCTAssertEqual(read(payment([5: String(repeating: "a", count: 32_767)]), header: Self.paymentsHeader, dataset: .payments).findings, [])
    }

    func testLongValueInUnmappedColumnIsF08() {
        XCTAssertEqual(read(member([11: String(repeating: "b", count: 40_000)])).findings,
                       [finding(.F08, .warning, column: 11, field: nil, value: String(repeating: "b", count: 50), ["40000"])])
    }

    // MARK: One finding per rule per row; several rules per row

    func testOneV02PerRow() {
        XCTAssertEqual(read(member([3: "去年", 4: "今年"])).findings, [finding(.V02, .error, column: 3, field: .birthDate, value: "去年")])
    }

    func testDifferentRulesInOneRow() {
        XCTAssertEqual(read(member([1: "1.10105E+17", 3: "去年", 5: "在职", 6: "123", 7: "-1"])).findings.map(\.rule),
                       [.M02, .V02, .V06, .M06, .V03])
    }
}
