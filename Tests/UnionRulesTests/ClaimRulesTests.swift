// C01-C06: approved amounts against claims and rates, the outpatient cap, dates, 两癌 for men, duplicates.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class ClaimRulesTests: XCTestCase {
    /// Columns A–I: plan C, admission D, discharge E, self_paid F, claimed G, approved H, paid_date I.
    let header = "姓名,身份证号,保障项目,入院日期,出院日期,个人自付,申请金额,报销金额,报销日期"
    let zhang = People.zhangSan, li = People.liSi

    private func person(_ n: Int, male: Bool = false) -> String { idNumber(born: "19800101", male: male, sequence: n) }

    // MARK: C01

    func testC01ApprovedAboveClaimedOrAboveSelfPaid() throws {
        let text = csv(header, [
            "甲,\(person(1)),门诊,,,600,400,500,2025-03-01",
            "乙,\(person(2)),门诊,,,400,600,500,2025-03-01",
            "丙,\(person(3)),门诊,,,400,,500,2025-03-01",
            "丁,\(person(4)),门诊,,,500,500,500,2025-03-01",
            "戊,\(person(5)),门诊,,,,,500,2025-03-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["C01 error H2 approved 500|claimed|400", "C01 error H3 approved 500|self_paid|400",
                                                    "C01 error H4 approved 500|self_paid|400"])
        XCTAssertEqual(result.excludedRows("claims.csv"), [2, 3, 4])
    }

    // MARK: C02

    func testC02RateWithHalfUpRoundingAndOneFenTolerance() throws {
        // 1001.01 × 0.5 = 500.505, half up 500.51.
        let text = csv(header, [
            "甲,\(person(1)),住院,,,1001.01,,500.51,2025-03-01",
            "乙,\(person(2)),住院,,,1001.01,,500.50,2025-03-01",
            "丙,\(person(3)),住院,,,1001.01,,500.52,2025-03-01",
            "丁,\(person(4)),住院,,,1001.01,,500.49,2025-03-01",
            "戊,\(person(5)),住院,,,1001.01,,500.53,2025-03-01",
            "己,\(person(6)),重大疾病,,,1000,,800,2025-03-01",
            "庚,\(person(7)),癌症,,,1000,,700,2025-03-01",
            "辛,\(person(8)),两癌,,,100,,80,2025-03-01",
            "壬,\(person(9)),门诊,,,1000,,100,2025-03-01",
            "癸,\(person(10)),住院,,,,,123.45,2025-03-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["C02 warning H5 approved 500.49|0.5|500.51", "C02 warning H6 approved 500.53|0.5|500.51",
                                                    "C02 warning H8 approved 700|0.8|800"])
        XCTAssertEqual(result.excludedRows("claims.csv"), [])
    }

    func testC02RatesComeFromTheProfile() throws {
        var setup = RuleSetup()
        setup.profile.claimRates["门诊"] = Rate("0.3")
        setup.profile.claimRates["住院"] = nil
        let text = csv(header, ["甲,\(person(1)),门诊,,,333.35,,100,2025-03-01", "乙,\(person(2)),住院,,,1000,,1,2025-03-01"])
        let result = try checkFiles([("claims.csv", text)], setup: setup)
        // 333.35 × 0.3 = 100.005, half up 100.01: 100 is within a fen. The 住院 claim has no rate now.
        XCTAssertEqual(result.lines("claims.csv"), [])
        let off = try checkFiles([("claims.csv", csv(header, ["甲,\(person(1)),门诊,,,333.35,,99.99,2025-03-01"]))], setup: setup)
        XCTAssertEqual(off.lines("claims.csv"), ["C02 warning H2 approved 99.99|0.3|100.01"])
    }

    // MARK: C03

    func testC03OutpatientCapAcrossRowsInPaidDateOrder() throws {
        let text = csv(header, [
            "张三,\(zhang),门诊,,,,,600,2025-05-01",
            "张三,\(zhang),门诊,,,,,400,2025-03-01",
            "张三,\(zhang),门诊,,,,,0.01,2025-06-01",
            "张三,\(zhang),住院,,,10000,,5000,2025-07-01",
            "张三,\(zhang),门诊,,,,50,100,2025-02-01",
            "李四,\(li),门诊,,,,,1000,2025-06-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        // February's claim is excluded (C01) and adds nothing: March 400 + May 600 is exactly the cap.
        XCTAssertEqual(result.lines("claims.csv"), ["C03 error H4 approved 1000.01|1000", "C01 error H6 approved 100|claimed|50"])
        XCTAssertEqual(result.excludedRows("claims.csv"), [4, 6])
    }

    func testC03AcrossTwoFilesAndTheCapFromTheProfile() throws {
        var setup = RuleSetup()
        setup.profile.outpatientCap = Money(yuan: 500)
        let a = csv(header, ["张三,\(zhang),门诊,,,,,300,2025-04-01"])
        let b = csv(header, ["张三,\(zhang),门诊,,,,,200,2025-03-01", "张三,\(zhang),门诊,,,,,0.01,2025-03-01"])
        let result = try checkFiles([("a-claims.csv", a), ("b-claims.csv", b)], setup: setup)
        XCTAssertEqual(result.lines("b-claims.csv"), [])
        XCTAssertEqual(result.lines("a-claims.csv"), ["C03 error H2 approved 500.01|500"])
    }

    // MARK: C04

    func testC04DischargeBeforeAdmission() throws {
        let text = csv(header, [
            "甲,\(person(1)),住院,2025-03-05,2025-03-04,,,100,2025-04-01",
            "乙,\(person(2)),住院,2025-03-05,2025-03-05,,,100,2025-04-01",
            "丙,\(person(3)),住院,2025-03-05,,,,100,2025-04-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["C04 error E2 discharge_date 2025-03-04|2025-03-05"])
    }

    // MARK: C05

    func testC05两癌ClaimForAManNeedsNoRoster() throws {
        let text = csv(header, [
            "张三,\(zhang),两癌,,,100,,80,2025-03-01",
            "李四,\(li),两癌,,,100,,80,2025-03-01",
            "王五,\(People.wangWu),重大疾病,,,100,,80,2025-03-01",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["C05 error C2 plan"])
        XCTAssertEqual(result.excludedRows("claims.csv"), [2])
    }

    // MARK: C06

    func testC06DuplicateClaimsTheFirstKept() throws {
        let text = csv(header, [
            "李四,\(li),门诊,2025-04-01,,,,100,2025-04-10",
            "李四,\(li),门诊,2025-04-01,,,,100.00元,2025-04-20",
            "李四,\(li),门诊,2025-04-02,,,,100,2025-04-20",
            "李四,\(li),门诊,2025-04-01,,,,100.01,2025-04-20",
            "李四,\(li),意外,2025-04-01,,,,100,2025-04-20",
            "张三,\(zhang),门诊,2025-04-01,,,,100,2025-04-20",
            "李四,\(li),门诊,,,,,100,2025-04-20",
            "李四,\(li),门诊,,,,,100,2025-04-20",
        ])
        let result = try checkFiles([("claims.csv", text)])
        XCTAssertEqual(result.lines("claims.csv"), ["C06 warning H3 approved claims.csv:2"])
        XCTAssertEqual(result.file("claims.csv")?.findings.map(\.value), ["100.00元"], "the cell as written")
        XCTAssertEqual(result.excludedRows("claims.csv"), [])
    }
}
