// F10-F13: rows of an export that are not records (total rows and their sum check, the footer, data under a
// blank header, the example row), read the same on every path: typed rows, clean rows from bytes, a roster
// in two halves.
import Foundation
import UnionCore
import UnionImport
import XCTest

@testable import UnionRules

final class NonRecordRowsTests: XCTestCase {
    let zhang = People.zhangSan, li = People.liSi, wang = People.wangWu, zhao = People.zhaoLiu, qian = People.qianQi
    let header = "姓名,身份证号,类别,金额,发放日期,分会"

    /// The same files checked with typed rows and with clean rows read from bytes: the findings and the
    /// counts must not differ. Returns the typed result.
    private func checkBothWays(_ files: [(String, String)], policy: RulePolicy = RuleCatalog.defaultPolicy,
                               file: StaticString = #filePath, line: UInt = #line) throws -> RuleResult {
        let typed = try checkFiles(files, setup: RuleSetup(policy: policy))
        let clean = try checkFiles(files, setup: RuleSetup(policy: policy, typedRows: false))
        for (name, _) in files {
            XCTAssertEqual(clean.checked[name]?.findings, typed.checked[name]?.findings, name, file: file, line: line)
            XCTAssertEqual(clean.checked[name]?.rowCount, typed.checked[name]?.rowCount, name, file: file, line: line)
            XCTAssertEqual(clean.checked[name]?.excluded, typed.checked[name]?.excluded, name, file: file, line: line)
            XCTAssertEqual(clean.checked[name]?.payments.map(\.amount), typed.checked[name]?.payments.map(\.amount), name, file: file, line: line)
        }
        return typed
    }

    /// The amounts of a payments file's facts, in yuan, and how many records it has.
    private func amounts(_ result: RuleResult, _ name: String) -> [String] {
        result.checked[name]?.payments.map { Money(fen: $0.amount).yuanText } ?? []
    }

    // MARK: F10

    func testA合计RowThatIsRightAndOneThatIsWrong() throws {
        let right = csv(header, ["张三,\(zhang),其他,100,2025-05-01,", "李四,\(li),其他,250.5,2025-05-02,", "合计,,,350.50,,"])
        let wrong = csv(header, ["张三,\(zhang),其他,100,2025-06-01,", "李四,\(li),其他,250.5,2025-06-02,", "合　计,,,360,,"])
        let result = try checkBothWays([("payments.csv", right), ("more-payments.csv", wrong)])
        XCTAssertEqual(result.lines("payments.csv"), ["F10 warning A4 total|合计|2|1"])
        XCTAssertEqual(result.lines("more-payments.csv"), ["F10 warning A4 total|合计|2|1|payments.amount|360|350.5"])
        // The total row is no record: two rows each, both included, the total's amount in no figure.
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 2)
        XCTAssertEqual(result.checked["more-payments.csv"]?.includedCount, 2)
        XCTAssertEqual(amounts(result, "more-payments.csv"), ["100", "250.5"])
        let finding = try XCTUnwrap(result.checked["more-payments.csv"]?.findings.first)
        XCTAssertNil(finding.recordIndex)
        XCTAssertEqual(RuleCatalog.message(finding, .zh),
                       "“合计”是合计行，不是记录，未计入任何数字；合计与明细不符——金额：合计行写 360 元，所合计的 2 行之和为 350.5 元")
        XCTAssertEqual(RuleCatalog.hint(finding, .zh).hasPrefix("删除该合计"), true)
    }

    func test小计RowsBetweenBranchesCoverTheirOwnRowsAnd合计CoversAll() throws {
        let text = csv(header, [
            "张三,\(zhang),其他,100,2025-05-01,一分会",
            "李四,\(li),其他,200,2025-05-01,一分会",
            "小计,,,300,,",
            "王五,\(wang),其他,150,2025-05-01,二分会",
            "小　计,,,100,,",
            "合计,,,450,,",
        ])
        let result = try checkBothWays([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), [
            "F10 warning A4 total|小计|2|1",
            "F10 warning A6 total|小计|1|1|payments.amount|100|150",
            "F10 warning A7 total|合计|3|1",
        ])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 3)
        XCTAssertEqual(amounts(result, "payments.csv"), ["100", "200", "150"])
    }

    /// Excel's 分类汇总 writes its label in the grouped column and the sums beside it.
    func testExcelSubtotals汇总And总计() throws {
        let text = csv(header, [
            "张三,\(zhang),其他,100,2025-05-01,技术分会",
            "李四,\(li),其他,200,2025-05-01,技术分会",
            ",,,300,,技术分会 汇总",
            "王五,\(wang),其他,150,2025-05-01,生产分会",
            ",,,150,,生产分会 汇总",
            ",,,400,,总计",
        ])
        let result = try checkBothWays([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), [
            "F10 warning F4 total|技术分会汇总|2|1",
            "F10 warning F6 total|生产分会汇总|1|1",
            "F10 warning F7 total|总计|3|1|payments.amount|400|450",
        ])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 3)
    }

    /// A row that reads (with an error, or of another year) still counts toward the sum; a row that does
    /// not read (ragged) and an amount that does not read add nothing. A total row without amounts and a
    /// balance row are said without a check; a person's row whose name says 合计 is a record.
    func testWhatTheSumCovers() throws {
        let text = csv(header, [
            "张三,\(zhang),其他,100,2024-05-01,",
            "李四,\(li),其他,200,2025-13-01,",
            "王五,\(wang),其他,400,2025-05-01,,多余",
            "赵六,\(zhao),其他,一百,2025-05-01,",
            "上年结转,,,999,,",
            "合计,,,300,,",
            "共计,,,,,",
            "合计,\(qian),其他,50,2025-05-01,",
        ])
        let result = try checkBothWays([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv", only: [.F10, .F02, .V02, .V03, .V04]), [
            "V04 warning E2 date 2024-05-01|2025",
            "V02 error E3 date",
            "F02 error 4 7|6",
            "V03 error D5 amount form",
            "F10 warning A6 balance|上年结转",
            "F10 warning A7 total|合计|4|1",
            "F10 warning A8 total|共计|4|0",
        ])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 5)
    }

    // MARK: F11

    func testFooterLinesWithAndWithoutPaddingAreOneFinding() throws {
        let padded = csv(header, ["张三,\(zhang),其他,100,2025-05-01,", "制表人：王五,,,,,", "审核人：赵六,,,,,", "", "制表日期：2025年12月31日,,,,,"])
        let bare = csv(header, ["张三,\(zhang),其他,100,2025-05-02,", "制表人：王五　审核：赵六", "日期:2025-12-31"])
        let result = try checkBothWays([("payments.csv", padded), ("more-payments.csv", bare)])
        XCTAssertEqual(result.lines("payments.csv"), ["F11 warning A3 3"])
        XCTAssertEqual(result.lines("more-payments.csv"), ["F11 warning A3 2"])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 1)
        XCTAssertEqual(result.checked["more-payments.csv"]?.rowCount, 1)
    }

    /// A line that starts like a footer but has records after it is a record (with the findings of one).
    func testAFooterWordBeforeMoreRecordsIsARecord() throws {
        let text = csv(header, ["张三,\(zhang),其他,100,2025-05-01,", "备注：以下补发,,,,,", "李四,\(li),其他,100,2025-05-01,"])
        let result = try checkBothWays([("payments.csv", text)])
        // One finding per rule per row: the first empty required cell.
        XCTAssertEqual(result.lines("payments.csv", only: [.F11, .V01]), ["V01 error B3 id_number"])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 3)
    }

    // MARK: F12, F13

    func testDataUnderABlankHeaderIsOneFindingPerColumn() throws {
        let text = csv("姓名,身份证号,类别,金额,发放日期,,", [
            "张三,\(zhang),其他,100,2025-05-01,甲,",
            "李四,\(li),其他,100,2025-05-01,乙,丙",
            "王五,\(wang),其他,100,2025-05-01,,",
        ])
        let result = try checkBothWays([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["F12 warning F1 2|2", "F12 warning G1 1|3"])
        XCTAssertEqual(result.checked["payments.csv"]?.includedCount, 3)
    }

    func testTheExampleRowOfInitIsLeftOut() throws {
        let text = csv(header, ["示例 张芳,\(zhang),其他,100,2025-05-01,", "李四,\(li),其他,100,2025-05-01,"])
        let result = try checkBothWays([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["F13 warning A2"])
        XCTAssertEqual(amounts(result, "payments.csv"), ["100"])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 1)
    }

    // MARK: Policy

    /// Switched off or made an error, the rule changes its finding only: the row is still no record.
    func testSwitchingTheRulesOffOrToErrorsChangesOnlyTheFinding() throws {
        let text = csv(header, ["张三,\(zhang),其他,100,2025-05-01,", "合计,,,100,,", "制表人：王五,,,,,"])
        var off = RuleCatalog.defaultPolicy.severities
        off[.F10] = nil
        off[.F11] = .error
        let result = try checkBothWays([("payments.csv", text)], policy: RulePolicy(severities: off))
        XCTAssertEqual(result.lines("payments.csv"), ["F11 error A4 1"])
        XCTAssertEqual(result.checked["payments.csv"]?.rowCount, 1)
        XCTAssertEqual(result.checked["payments.csv"]?.excluded, [])
        XCTAssertEqual(result.checked["payments.csv"]?.includedCount, 1)
    }

    // MARK: The roster in two halves

    /// A roster read in two halves finds what one pass finds: a 小计 in each half, a 合计 at the end that
    /// covers the records of both halves, the footer in the second half.
    func testARosterInTwoHalvesSumsAcrossBothHalves() throws {
        var rows: [String] = []
        var dues = 0
        for i in 0..<40 {
            let id = idNumber(born: "1980" + String(format: "%02d", 1 + i % 12) + "15", male: i % 2 == 0, sequence: i + 10)
            rows.append("会员\(i),\(id),\(100 + i)")
            dues += 100 + i
            if i == 9 { rows.append("小计,,\((0..<10).reduce(0) { $0 + 100 + $1 })") }
            if i == 29 { rows.append("小计,,1") }
        }
        rows.append("合计,,\(dues)")
        rows += ["制表人：王五,,", "审核：赵六"]
        let text = csv("姓名,身份证号,已缴会费", rows)
        let expected = [
            "F10 warning A12 total|小计|10|1",
            "F10 warning A33 total|小计|20|1|members.dues_paid|1|2390",
            "F10 warning A44 total|合计|40|1",
            "F11 warning A45 2",
        ]
        for setup in [RuleSetup(), RuleSetup(typedRows: false), RuleSetup(typedRows: false, halvesFromBytes: 1)] {
            let result = try checkFiles([("members.csv", text)], setup: setup)
            XCTAssertEqual(result.lines("members.csv"), expected)
            XCTAssertEqual(result.checked["members.csv"]?.rowCount, 40)
            XCTAssertEqual(result.checked["members.csv"]?.members.map(\.dues).reduce(0, +), Int64(dues) * 100)
        }
        // The halves really were two, split between the two 小计 rows: the second half starts at the first
        // line after the middle byte (`OpenedInput.middleLineStart`).
        let bytes = Array(text.utf8)
        let split = try XCTUnwrap(bytes[(bytes.count / 2)...].firstIndex(of: 0x0A)) + 1
        let rowAtSplit = bytes[..<split].filter { $0 == 0x0A }.count + 1
        XCTAssertGreaterThan(rowAtSplit, 12)
        XCTAssertLessThan(rowAtSplit, 33)
    }
}
