// E01-E03: enrolment premiums against the standard, 两癌 for men, the same person enrolled twice in a plan.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class EnrollmentRulesTests: XCTestCase {
    /// Columns A–D: plan C, premium D.
    let header = "姓名,身份证号,险种,保费"
    let zhang = People.zhangSan, li = People.liSi, wang = People.wangWu

    // MARK: E01

    func testE01PremiumDiffersFromTheStandard() throws {
        let text = csv(header, [
            "李四,\(li),两癌,20",
            "赵六,\(People.zhaoLiu),两癌,25",
            "孙八,\(People.sunBa),两癌,19.99",
            "王五,\(wang),意外,100",
        ])
        let result = try checkFiles([("enrollments.csv", text)])
        XCTAssertEqual(result.lines("enrollments.csv"), ["E01 warning D3 premium 25|20", "E01 warning D4 premium 19.99|20"])
        XCTAssertEqual(result.excludedRows("enrollments.csv"), [])
    }

    func testE01StandardComesFromTheProfile() throws {
        var setup = RuleSetup()
        setup.profile.standardPremiums["两癌"] = Money(yuan: 30)
        setup.profile.standardPremiums["意外"] = Money(yuan: 100)
        let text = csv(header, ["李四,\(li),两癌,20", "王五,\(wang),意外,100", "钱七,\(People.qianQi),意外,90"])
        let result = try checkFiles([("enrollments.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("enrollments.csv"), ["E01 warning D2 premium 20|30", "E01 warning D4 premium 90|100"])
    }

    // MARK: E02

    func testE02两癌EnrolmentForAManNeedsNoRoster() throws {
        let text = csv(header, ["张三,\(zhang),两癌,20", "李四,\(li),两癌,20", "王五,\(wang),意外,100"])
        let result = try checkFiles([("enrollments.csv", text)])
        XCTAssertEqual(result.lines("enrollments.csv"), ["E02 error C2 plan"])
        XCTAssertEqual(result.excludedRows("enrollments.csv"), [2])
    }

    // MARK: E03

    func testE03TheSamePersonTwiceInOnePlan() throws {
        let text = csv(header, [
            "李四,\(li),两癌,20",
            "李四,\(li),意外,100",
            "李四,\(li),两癌,20",
            "王五,\(wang),重大疾病,80",
            "王五,\(wang),大病,80",
            "赵六,\(People.zhaoLiu),两癌,20",
        ])
        let result = try checkFiles([("enrollments.csv", text)])
        XCTAssertEqual(result.lines("enrollments.csv"), ["E03 warning C4 plan enrollments.csv:2", "E03 warning C6 plan enrollments.csv:5"])
        XCTAssertEqual(result.file("enrollments.csv")?.findings.map(\.value), ["两癌", "大病"], "the cells as written")
        XCTAssertEqual(result.excludedRows("enrollments.csv"), [])
    }

    func testE03AcrossFilesNamesTheFirst() throws {
        let result = try checkFiles([("a-enroll.csv", csv(header, ["李四,\(li),两癌,20"])),
                                     ("b-enroll.csv", csv(header, ["李四,\(li),两癌,20", "赵六,\(People.zhaoLiu),两癌,20"]))])
        XCTAssertEqual(result.lines("a-enroll.csv"), [])
        XCTAssertEqual(result.lines("b-enroll.csv"), ["E03 warning C2 plan a-enroll.csv:2"])
    }
}
