// V01-V06: empty required values, unreadable dates and money, the reporting year, the as-of date, unknown values.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class ValueRulesTests: XCTestCase {
    let a = People.zhangSan, b = People.liSi
    let paymentsHeader = "姓名,身份证号,类别,金额,发放日期,形式"

    // MARK: V01

    func testV01EmptyRequiredValuesAreErrorsEmptyOptionalOnesAreNot() throws {
        let text = csv(paymentsHeader, [
            "张三,\(a),其他,,2025-03-01,",
            ",\(a),其他,100,2025-03-02,",
            "张三,\(a),其他,100,2025-03-03,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["V01 error D2 amount", "V01 error A3 name"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [2, 3])
    }

    func testV01OneFindingPerRowEvenWithTwoEmptyRequiredCells() throws {
        let result = try checkFiles([("payments.csv", csv(paymentsHeader, ["张三,\(a),,,2025-03-01,"]))])
        XCTAssertEqual(result.lines("payments.csv"), ["V01 error C2 category"])
    }

    // MARK: V02

    func testV02DatesNotInAnAcceptedForm() throws {
        let text = csv(paymentsHeader, [
            "张三,\(a),其他,100,2025-02-30,",
            "张三,\(a),其他,100,2025/13/01,",
            "张三,\(a),其他,100,2025年3月,",
            "张三,\(a),其他,100,3/5/2025,",
            "张三,\(a),其他,100,下周一,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), (2...6).map { "V02 error E\($0) date" })
        XCTAssertEqual(result.excludedRows("payments.csv"), [2, 3, 4, 5, 6])
        // A bad date raises no rule that needs it: no V04 although nothing places the row in 2025.
        XCTAssertEqual(result.outsideRows("payments.csv"), [])
    }

    func testNearMissEveryAcceptedDateFormReadsToTheSameDay() throws {
        let forms = ["2025-03-05", "2025/3/5", "2025.3.5", "20250305", "2025年3月5日", "45721", "2025/3/5 0:00",
                     "2025-03-05 00:00:00", "2025-03-05T08:30", "２０２５－０３－０５"]
        let text = csv(paymentsHeader, forms.enumerated().map { "张三,\(a),其他,\($0.offset + 1),\($0.element)," })
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), [])
        XCTAssertEqual(Set(try XCTUnwrap(result.file("payments.csv")).rows.map { $0.date(.paidDate) }), [day("2025-03-05")])
    }

    func testJoinAndLeaveDatesAcceptAMonthAlone() throws {
        let text = csv("姓名,身份证号,入会日期,退会日期", ["张三,\(a),2010年3月,2025-06", "李四,\(b),2010/3,2025年6月"])
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), [])
        let rows = try XCTUnwrap(result.file("members.csv")).rows
        XCTAssertEqual(rows.map { $0.date(.joinDate) }, [day("2010-03-01"), day("2010-03-01")])
        XCTAssertEqual(rows.map { $0.date(.leaveDate) }, [day("2025-06-01"), day("2025-06-01")])
    }

    // MARK: V03

    func testV03MoneyNotInAnAcceptedFormOrNegative() throws {
        let text = csv(paymentsHeader, [
            "张三,\(a),其他,abc,2025-03-01,",
            "张三,\(a),其他,-5,2025-03-01,",
            "张三,\(a),其他,1.234,2025-03-01,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["V03 error D2 amount form", "V03 error D3 amount negative",
                                                      "V03 error D4 amount decimals"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [2, 3, 4])
    }

    func testNearMissDecoratedMoneyIsRead() throws {
        let forms = ["1200", "\"1,200.00\"", "¥1200", "\"￥1,200.00\"", "1200元", "\"1,200.00元\"", "１２００", "１２００．００"]
        let text = csv(paymentsHeader, forms.map { "张三,\(a),其他,\($0),2025-03-01," })
        let result = try checkFiles([("payments.csv", text)])
        // Identical rows: every one after the first is a P04 duplicate, which shows they read the same.
        XCTAssertEqual(result.lines("payments.csv", only: [.V03]), [])
        XCTAssertEqual(Set(try XCTUnwrap(result.file("payments.csv")).rows.map { $0.money(.amount) }), [Money(yuan: 1200)])
    }

    func testV03OnAMonthCount() throws {
        let text = csv("姓名,身份证号,缴费月数", ["张三,\(a),十二", "李四,\(b),12"])
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), ["V03 error C2 dues_months count"])
    }

    // MARK: V04 and V05

    func testV04DatesOutsideTheReportingYearAreWarningsAndLeaveTheRowOut() throws {
        let text = csv(paymentsHeader, [
            "张三,\(a),其他,100,2024-12-31,",
            "张三,\(a),其他,100,2025-01-01,",
            "张三,\(a),其他,100,2025-12-31,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["V04 warning E2 date 2024-12-31|2025"])
        XCTAssertEqual(result.outsideRows("payments.csv"), [2])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
        XCTAssertEqual(result.file("payments.csv")?.includedCount, 2)
    }

    func testV04OnClaimsPaidDateNotOnAdmission() throws {
        let header = "姓名,身份证号,保障项目,入院日期,报销金额,报销日期"
        let text = csv(header, ["李四,\(b),门诊,2024-12-20,100,2025-01-05", "李四,\(b),门诊,2025-03-01,100,2024-03-10"])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["V04 warning F3 paid_date 2024-03-10|2025"])
        XCTAssertEqual(result.outsideRows("claims.csv"), [3])
    }

    func testV05ADateAfterTheAsOfDateInsideTheYearIsAnErrorNotV04() throws {
        var setup = RuleSetup()
        setup.asOf = day("2025-06-30")
        let text = csv(paymentsHeader, ["张三,\(a),其他,100,2025-06-30,", "张三,\(a),其他,100,2025-07-01,"])
        let result = try checkFiles([("payments.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("payments.csv"), ["V05 error E3 date 2025-07-01|2025-06-30"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [3])
    }

    func testARowOutsideTheYearWithAnErrorCountsAsExcluded() throws {
        // 2026-01-05 is both after the as-of date (V05) and outside 2025 (V04).
        let text = csv(paymentsHeader, ["张三,\(a),其他,100,2026-01-05,"])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["V05 error E2 date 2026-01-05|2025-12-31", "V04 warning E2 date 2026-01-05|2025"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [2])
        XCTAssertEqual(result.outsideRows("payments.csv"), [])
    }

    func testV05OnEveryDateColumnExceptEnrollmentsEndDate() throws {
        var setup = RuleSetup()
        setup.asOf = day("2025-06-30")
        let late = "2025-07-01"
        let child = idNumber(born: "20250701", male: true, sequence: 9)
        let members = csv("姓名,身份证号,出生日期,入会日期,退会日期", [
            "张三,\(a),,\(late),",
            "李四,\(b),,2020-01-01,\(late)",
            "小明,\(child),\(late),,",
            "王五,\(People.wangWu),,2025-06-30,2025-06-30",
        ])
        let payments = csv("姓名,身份证号,类别,金额,发放日期,事由日期", [
            "张三,\(a),其他,100,2025-06-01,\(late)",
            "张三,\(a),其他,100,\(late),2025-06-01",
        ])
        let claims = csv("姓名,身份证号,保障项目,入院日期,出院日期,报销金额,报销日期", [
            "李四,\(b),门诊,\(late),,100,2025-06-01",
            "李四,\(b),门诊,2025-06-01,\(late),100,2025-06-01",
            "李四,\(b),门诊,2025-06-01,2025-06-02,100,\(late)",
        ])
        let enrollments = csv("姓名,身份证号,险种,保费,保障起期,保障止期", [
            "李四,\(b),两癌,20,\(late),2026-06-30",
            "李四,\(b),意外,50,2025-01-01,2025-12-31",
        ])
        let result = try checkFiles([("members.csv", members), ("payments.csv", payments), ("claims.csv", claims),
                                     ("enrollments.csv", enrollments)], setup: setup)
        let v05 = { (name: String) in result.lines(name, only: [.V05]) }
        XCTAssertEqual(v05("members.csv"), ["V05 error D2 join_date \(late)|2025-06-30", "V05 error E3 leave_date \(late)|2025-06-30",
                                            "V05 error C4 birth_date \(late)|2025-06-30"])
        XCTAssertEqual(v05("payments.csv"), ["V05 error F2 event_date \(late)|2025-06-30", "V05 error E3 date \(late)|2025-06-30"])
        XCTAssertEqual(v05("claims.csv"), ["V05 error D2 admission_date \(late)|2025-06-30",
                                           "V05 error E3 discharge_date \(late)|2025-06-30", "V05 error G4 paid_date \(late)|2025-06-30"])
        XCTAssertEqual(v05("enrollments.csv"), ["V05 error E2 start_date \(late)|2025-06-30"])
        XCTAssertEqual(result.excludedRows("enrollments.csv"), [2])
    }

    func testV05OneFindingPerRowWhenTwoDatesAreLate() throws {
        var setup = RuleSetup()
        setup.asOf = day("2025-06-30")
        let text = csv("姓名,身份证号,入会日期,退会日期", ["张三,\(a),2025-07-01,2025-08-01"])
        let result = try checkFiles([("members.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("members.csv"), ["V05 error C2 join_date 2025-07-01|2025-06-30"])
    }

    // MARK: V06

    func testV06IsAnErrorForAPlanAndAWarningElsewhere() throws {
        let members = csv("姓名,身份证号,性别,会员状态,在岗状态,困难职工", [
            "张三,\(a),男,休假,在岗,否",
            "李四,\(b),女,在册,外包,否",
            "王五,\(People.wangWu),男,在册,在岗,低保",
            "赵六,\(People.zhaoLiu),其他,在册,在岗,否",
        ])
        let payments = csv("姓名,身份证号,类别,金额,发放日期,形式,与会员关系,教育阶段", [
            "张三,\(a),其他,100,2025-03-01,支票,,",
            "张三,\(a),其他,100,2025-03-02,,表哥,",
            "张三,\(a),其他,100,2025-03-03,,,博士",
        ])
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["李四,\(b),牙科,100,2025-03-01"])
        let enrollments = csv("姓名,身份证号,险种,保费", ["李四,\(b),养老,100"])
        let result = try checkFiles([("members.csv", members), ("payments.csv", payments), ("claims.csv", claims),
                                     ("enrollments.csv", enrollments)])
        XCTAssertEqual(result.lines("members.csv"), ["V06 warning D2 status 休假", "V06 warning E3 employment 外包",
                                                     "V06 warning F4 hardship 低保", "V06 warning C5 gender 其他"])
        XCTAssertEqual(result.lines("payments.csv"), ["V06 warning F2 form 支票", "V06 warning G3 relation 表哥",
                                                      "V06 warning H4 stage 博士"])
        XCTAssertEqual(result.lines("claims.csv"), ["V06 error C2 plan 牙科"])
        XCTAssertEqual(result.lines("enrollments.csv"), ["V06 error C2 plan 养老"])
        XCTAssertEqual(result.excludedRows("members.csv"), [])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
        XCTAssertEqual(result.excludedRows("claims.csv"), [2])
        // Kept as written.
        XCTAssertEqual(result.file("members.csv")?.rows[0].text(.status), "休假")
    }

    func testNearMissKnownValuesAndAliasesAreNotV06() throws {
        let members = csv("姓名,身份证号,性别,会员状态,在岗状态,困难职工", [
            "张三,\(a),M,保留会籍,退休,是",
            "李四,\(b),female,,病休,",
        ])
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["张三,\(a),癌症,100,2025-03-01", "李四,\(b),大病,100,2025-03-01"])
        let result = try checkFiles([("members.csv", members), ("claims.csv", claims)])
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.lines("claims.csv"), [])
        XCTAssertEqual(result.file("claims.csv")?.rows.map { $0.known(.claimPlan) }, ["重大疾病", "重大疾病"])
        XCTAssertEqual(result.file("members.csv")?.rows[0].known(.hardship), "相对困难")
    }

    func testV06ConfiguredSeverityAppliesToPlansToo() throws {
        var setup = RuleSetup()
        setup.policy.severities[.V06] = .warning
        setup.policy.configured.insert(.V06)
        let claims = csv("姓名,身份证号,保障项目,报销金额,报销日期", ["李四,\(b),牙科,100,2025-03-01"])
        let result = try checkFiles([("claims.csv", claims)], setup: setup)
        XCTAssertEqual(result.lines("claims.csv"), ["V06 warning C2 plan 牙科"])
        XCTAssertEqual(result.excludedRows("claims.csv"), [])
    }
}
