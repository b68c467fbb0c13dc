// SPEC §7: rows dated outside the reporting year take no part in yearly limits (P03, C03) or duplicate checks.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class ReportingYearTests: XCTestCase {
    let zhang = People.zhangSan, li = People.liSi, wang = People.wangWu

    func testPaymentsOutsideTheYearAddNothingToP03AndAreNoDuplicates() throws {
        let text = csv("姓名,身份证号,类别,金额,发放日期", [
            "张三,\(zhang),节日慰问,1500,2024-12-20",
            "张三,\(zhang),节日慰问,1500,2025-01-10",
            "张三,\(zhang),节日慰问,500,2025-02-10",
            "李四,\(li),其他,100,2024-06-01",
            "李四,\(li),其他,100,2024-06-01",
            // Other rules still report on a row outside the year; with an error it counts as excluded.
            "王五,\(wang),生日慰问,350,2024-05-01",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), [
            "V04 warning E2 date 2024-12-20|2025",
            "V04 warning E5 date 2024-06-01|2025",
            "V04 warning E6 date 2024-06-01|2025",
            "P02 error D7 amount 生日慰问|350|300",
            "V04 warning E7 date 2024-05-01|2025",
        ])
        XCTAssertEqual(result.outsideRows("payments.csv"), [2, 5, 6])
        XCTAssertEqual(result.excludedRows("payments.csv"), [7])
        XCTAssertEqual(result.file("payments.csv")?.includedCount, 2)
    }

    func testTheSameRowsInsideTheYearWouldMeet() throws {
        let text = csv("姓名,身份证号,类别,金额,发放日期", [
            "张三,\(zhang),节日慰问,1500,2025-12-20",
            "张三,\(zhang),节日慰问,1500,2025-01-10",
            "李四,\(li),其他,100,2025-06-01",
            "李四,\(li),其他,100,2025-06-01",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P03 error D2 amount 节日慰问|3000|2000", "P04 warning D5 amount payments.csv:4"])
    }

    func testClaimsOutsideTheYearAddNothingToC03AndAreNoDuplicates() throws {
        let header = "姓名,身份证号,保障项目,入院日期,报销金额,报销日期"
        let text = csv(header, [
            "李四,\(li),门诊,2024-12-01,800,2024-12-30",
            "李四,\(li),门诊,2025-01-02,1000,2025-01-05",
            "李四,\(li),门诊,2024-10-01,200,2024-11-01",
            "李四,\(li),门诊,2024-10-01,200,2024-11-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["V04 warning F2 paid_date 2024-12-30|2025", "V04 warning F4 paid_date 2024-11-01|2025",
                                                    "V04 warning F5 paid_date 2024-11-01|2025"])
        XCTAssertEqual(result.outsideRows("claims.csv"), [2, 4, 5])
        XCTAssertEqual(result.excludedRows("claims.csv"), [])
    }

    func testTheYearIsTheContextsYear() throws {
        var setup = RuleSetup()
        setup.year = 2024
        let text = csv("姓名,身份证号,类别,金额,发放日期", [
            "张三,\(zhang),节日慰问,1500,2024-12-20",
            "张三,\(zhang),节日慰问,1500,2025-01-10",
        ])
        let result = try checkFiles([("payments.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("payments.csv"), ["V04 warning E3 date 2025-01-10|2024"])
        XCTAssertEqual(result.outsideRows("payments.csv"), [3])
    }
}
