// X01-X04: payments, claims and enrolments against the roster: in it, a member on the date, the same name, and
// the roster row whose ID number Excel damaged.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class CrossDatasetRulesTests: XCTestCase {
    let zhang = People.zhangSan, li = People.liSi, wang = People.wangWu, zhao = People.zhaoLiu, qian = People.qianQi

    /// 张三 a member since 2020; 李四 from 2025-03-10 to 2025-09-30 (both days members); 王五's join date
    /// unreadable (V02); 赵六's row without a name (V01). Both excluded rows still count for identity.
    var roster: String {
        csv("姓名,身份证号,入会日期,退会日期", [
            "张三,\(zhang),2020-01-01,",
            "李四,\(li),2025-03-10,2025-09-30",
            "王五,\(wang),2020-13-01,",
            ",\(zhao),2020-01-01,",
        ])
    }

    let paymentsHeader = "姓名,身份证号,类别,金额,发放日期,事由日期"

    func testTheRosterItself() throws {
        let result = try checkFiles([("members.csv", roster)])
        XCTAssertEqual(result.lines("members.csv"), ["V02 error C4 join_date", "V01 error A5 name"])
        XCTAssertEqual(result.excludedRows("members.csv"), [4, 5])
    }

    // MARK: X01

    func testX01PersonNotInTheRosterSkippedFor抚恤金() throws {
        let payments = csv(paymentsHeader, [
            "钱七,\(qian),其他,100,2025-05-01,",
            "钱七,\(qian),抚恤金,200,2025-05-01,",
            "张三,\(zhang),其他,300,2025-05-01,",
            "赵六,\(zhao),其他,400,2025-05-01,",
        ])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X01 error B2 id_number"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [2])
        XCTAssertEqual(result.file("payments.csv")?.findings.first?.value, qian)
    }

    func testX01SkippedWithoutARoster() throws {
        let payments = csv(paymentsHeader, ["钱七,\(qian),其他,100,2025-05-01,"])
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["钱七,\(qian),门诊,100,2025-05-01"])
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期", ["钱七,\(qian),意外,50,2025-01-01"])
        let result = try checkFiles([("payments.csv", payments), ("claims.csv", claims), ("enrollments.csv", enrollments)])
        XCTAssertNil(result.roster)
        XCTAssertEqual(result.lines("payments.csv"), [])
        XCTAssertEqual(result.lines("claims.csv"), [])
        XCTAssertEqual(result.lines("enrollments.csv"), [])
    }

    func testX01OnClaimsAndEnrollments() throws {
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["钱七,\(qian),门诊,100,2025-05-01", "张三,\(zhang),门诊,100,2025-05-01"])
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期", ["钱七,\(qian),意外,50,2025-01-01", "张三,\(zhang),意外,50,2025-01-01"])
        let result = try checkFiles([("members.csv", roster), ("claims.csv", claims), ("enrollments.csv", enrollments)])
        XCTAssertEqual(result.lines("claims.csv"), ["X01 error B2 id_number"])
        XCTAssertEqual(result.lines("enrollments.csv"), ["X01 error B2 id_number"])
    }

    // MARK: X02

    func testX02MembershipIsInclusiveAtBothEnds() throws {
        let payments = csv(paymentsHeader, [
            "李四,\(li),其他,101,2025-03-10,",
            "李四,\(li),其他,102,2025-03-09,",
            "李四,\(li),其他,103,2025-09-30,",
            "李四,\(li),其他,104,2025-10-01,",
        ])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X02 error E3 date 2025-03-09|2025-03-10|2025-09-30",
                                                      "X02 error E5 date 2025-10-01|2025-03-10|2025-09-30"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [3, 5])
    }

    func testX02ChecksTheEventDateWhenGivenAnd去世慰问TheDayOfDeath() throws {
        let payments = csv(paymentsHeader, [
            "李四,\(li),其他,101,2025-10-05,2025-09-20",
            "李四,\(li),其他,102,2025-06-01,2025-03-01",
            "李四,\(li),去世慰问,1000,2025-10-10,2025-09-30",
            "李四,\(li),去世慰问,1001,2025-10-10,",
            "李四,\(li),抚恤金,5000,2025-12-01,",
        ])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X02 error F3 event_date 2025-03-01|2025-03-10|2025-09-30",
                                                      "X02 error E5 date 2025-10-10|2025-03-10|2025-09-30"])
    }

    func testX02NotRaisedOnADateThatCouldNotBeRead() throws {
        let payments = csv(paymentsHeader, [
            "李四,\(li),其他,101,2025-12-01,2025-02-30",
            "李四,\(li),其他,102,2025-02-30,",
        ])
        let claims = csv("姓名,身份证号,保障项目,入院日期,出院日期,报销金额,报销日期", [
            // A bad discharge date does not stop X02 on a good admission date.
            "李四,\(li),门诊,2025-03-01,2025-02-30,100,2025-04-01",
            // A bad admission date: no X02, although the paid date falls before joining.
            "李四,\(li),门诊,abc,,101,2025-01-05",
            "李四,\(li),门诊,,,102,2025-03-09",
            "李四,\(li),门诊,2025-03-10,,103,2025-12-01",
        ])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments), ("claims.csv", claims)])
        XCTAssertEqual(result.lines("payments.csv"), ["V02 error F2 event_date", "V02 error E3 date"])
        XCTAssertEqual(result.lines("claims.csv"), ["X02 error D2 admission_date 2025-03-01|2025-03-10|2025-09-30",
                                                    "V02 error E2 discharge_date", "V02 error D3 admission_date",
                                                    "X02 error G4 paid_date 2025-03-09|2025-03-10|2025-09-30"])
    }

    func testX02SkippedForARosterRowWhoseDatesDidNotParse() throws {
        let payments = csv(paymentsHeader, ["王五,\(wang),其他,100,2025-01-05,"])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), [])
    }

    func testX02OnEnrollmentsStartDateSkippedWhenAbsent() throws {
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期", [
            "李四,\(li),意外,50,2025-01-01",
            "李四,\(li),门诊,30,",
            "李四,\(li),住院,40,2025-03-10",
        ])
        let result = try checkFiles([("members.csv", roster), ("enrollments.csv", enrollments)])
        XCTAssertEqual(result.lines("enrollments.csv"), ["X02 error E2 start_date 2025-01-01|2025-03-10|2025-09-30"])
    }

    func testX02AnyOfSeveralRosterRowsMakesAMember() throws {
        let twice = csv("姓名,身份证号,入会日期,退会日期", ["李四,\(li),2010-01-01,2015-12-31", "李四,\(li),2025-03-10,"])
        let payments = csv(paymentsHeader, ["李四,\(li),其他,100,2025-05-01,", "李四,\(li),其他,101,2025-01-05,"])
        let result = try checkFiles([("members.csv", twice), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X02 error E3 date 2025-01-05|2010-01-01|2015-12-31"])
    }

    // MARK: X03

    func testX03NameDiffersFromTheRoster() throws {
        let payments = csv(paymentsHeader, [
            "张叁,\(zhang),其他,100,2025-05-01,",
            "张三,\(zhang),其他,101,2025-05-01,",
            "赵六,\(zhao),其他,102,2025-05-01,",
            "张叁,\(zhang),抚恤金,103,2025-05-01,",
        ])
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["李思,\(li),门诊,100,2025-05-01"])
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期", ["张三丰,\(zhang),意外,50,2025-01-01"])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments), ("claims.csv", claims),
                                     ("enrollments.csv", enrollments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X03 warning A2 name 张三", "X03 warning A5 name 张三"])
        XCTAssertEqual(result.lines("claims.csv"), ["X03 warning A2 name 李四"])
        XCTAssertEqual(result.lines("enrollments.csv"), ["X03 warning A2 name 张三"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
    }
    func testX03AcceptsTheNameOfAnyRosterRowAndNamesTheFirst() throws {
        let twice = csv("姓名,身份证号,入会日期", ["李四,\(li),2010-01-01", "李思,\(li),2012-01-01"])
        let payments = csv(paymentsHeader, ["李思,\(li),其他,100,2025-05-01,", "李司,\(li),其他,101,2025-05-01,"])
        let result = try checkFiles([("members.csv", twice), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["X03 warning A3 name 李四"])
    }

    // MARK: X04

    /// 张三's roster ID was turned into 1.10105E+17 by Excel, 李四's fails its check: their records under
    /// their real ID numbers name those roster rows (X04), not X01. 抚恤金 is skipped; 赵六, on no roster
    /// row, keeps X01; 王五 with a valid roster ID is found as ever.
    func testX04NamesTheRosterRowWhoseIDIsDamaged() throws {
        let damaged = csv("姓名,身份证号,入会日期", [
            "王五,\(wang),2020-01-01",
            "张三,1.10105E+17,2020-01-01",
            "李四,\(withWrongCheckCharacter(li)),2020-01-01",
        ])
        let payments = csv(paymentsHeader, [
            "张三,\(zhang),其他,100,2025-05-01,",
            "李四,\(li),其他,100,2025-05-01,",
            "张三,\(zhang),抚恤金,100,2025-05-01,",
            "赵六,\(zhao),其他,100,2025-05-01,",
            "王五,\(wang),其他,100,2025-05-01,",
        ])
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["李四,\(li),门诊,100,2025-05-01"])
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期", ["张三,\(zhang),意外,50,2025-01-01"])
        for setup in [RuleSetup(), RuleSetup(typedRows: false)] {
            let result = try checkFiles([("members.csv", damaged), ("payments.csv", payments), ("claims.csv", claims),
                                         ("enrollments.csv", enrollments)], setup: setup)
            XCTAssertEqual(result.lines("members.csv"), ["M02 error B3 id_number", "M01 error B4 id_number checksum"])
            XCTAssertEqual(result.lines("payments.csv"), ["X04 error B2 id_number members.csv|3|M02", "X04 error B3 id_number members.csv|4|M01",
                                                          "X01 error B5 id_number"])
            XCTAssertEqual(result.lines("claims.csv"), ["X04 error B2 id_number members.csv|4|M01"])
            XCTAssertEqual(result.lines("enrollments.csv"), ["X04 error B2 id_number members.csv|3|M02"])
            XCTAssertEqual(result.checked["payments.csv"]?.excluded, [0, 1, 3])
        }
        let result = try checkFiles([("members.csv", damaged), ("payments.csv", payments)])
        let x04 = try XCTUnwrap(result.checked["payments.csv"]?.findings.first)
        XCTAssertEqual(RuleCatalog.message(x04, .zh), "身份证号 \(zhang) 不在会员名册中；会员名册（members.csv）第 3 行此人的身份证号已被 Excel 损坏（科学计数法或末位变 0），应修正名册，而不是补录此人")
        XCTAssertTrue(RuleCatalog.hint(x04, .zh).contains("文本"))
    }

    /// A damaged ID in the second half of a roster read in two halves names its row as one pass does.
    func testX04FromTheSecondHalfOfARoster() throws {
        var rows = (0..<30).map { i in "会员\(i),\(idNumber(born: "1980" + String(format: "%02d", 1 + i % 12) + "10", male: true, sequence: 20 + i)),2020-01-01" }
        rows.append("张三,3.30106E+17,2020-01-01")
        let roster = csv("姓名,身份证号,入会日期", rows)
        let payments = csv(paymentsHeader, ["张三,\(zhang),其他,100,2025-05-01,"])
        for setup in [RuleSetup(), RuleSetup(typedRows: false, halvesFromBytes: 1)] {
            let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)], setup: setup)
            XCTAssertEqual(result.lines("payments.csv"), ["X04 error B2 id_number members.csv|32|M02"])
        }
    }
}
