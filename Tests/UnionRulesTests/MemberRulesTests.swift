// M01-M10: ID numbers, the roster's dates, duplicates, phones, join ages, retirement ages and dues.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class MemberRulesTests: XCTestCase {
    let a = People.zhangSan, b = People.liSi, c = People.wangWu

    // MARK: M01, M02, M10: the ID number itself

    func testM01ChecksumAndFormInAnyDataset() throws {
        let impossibleBirth = withCheckCharacter("11010519900230123")
        let members = csv("姓名,身份证号", [
            "张三,\(withWrongCheckCharacter(a))",
            "李四,12345",
            "王五,\(impossibleBirth)",
            "赵六,\(People.zhaoLiu)",
        ])
        let payments = csv("姓名,身份证号,类别,金额,发放日期", ["张三,\(withWrongCheckCharacter(a)),其他,100,2025-03-01"])
        let result = try checkFiles([("members.csv", members), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("members.csv"), ["M01 error B2 id_number checksum", "M01 error B3 id_number form",
                                                     "M01 error B4 id_number form"])
        XCTAssertEqual(result.excludedRows("members.csv"), [2, 3, 4])
        // A bad ID raises no X01 although the roster has no such person.
        XCTAssertEqual(result.lines("payments.csv"), ["M01 error B2 id_number checksum"])
    }

    func testNearMissLowerCaseXIsNormalisedAndMatchesTheRoster() throws {
        let withX = idNumber(born: "19900307", male: false, sequence: 7)
        XCTAssertEqual(withX.last, "X")
        let members = csv("姓名,身份证号", ["李四,\(withX)"])
        let payments = csv("姓名,身份证号,类别,金额,发放日期", ["李四,\(withX.lowercased()),其他,100,2025-03-01"])
        let result = try checkFiles([("members.csv", members), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.lines("payments.csv"), [])
        XCTAssertEqual(result.file("payments.csv")?.rows[0].id(.payeeID)?.text, withX)
    }

    func testM02ExcelDamageIsNotAChecksumError() throws {
        let members = csv("姓名,身份证号", [
            "张三,1.10105E+17",
            "李四,110105199003071000",
            // Ends in 000 but passes the check: a real number, not damage.
            "王五,110105199003078000",
        ])
        let result = try checkFiles([("members.csv", members)])
        XCTAssertEqual(result.lines("members.csv"), ["M02 error B2 id_number", "M02 error B3 id_number"])
        XCTAssertEqual(result.excludedRows("members.csv"), [2, 3])
    }

    func testM10LegacyNumberIsUpgradedAndIsTheSamePerson() throws {
        let members = csv("姓名,身份证号", ["张三,110105900307123", "张三,110105199003071239"])
        let payments = csv("姓名,身份证号,类别,金额,发放日期", ["张三,110105900307123,其他,100,2025-03-01"])
        let result = try checkFiles([("members.csv", members), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("members.csv"), ["M10 warning B2 id_number 110105199003071239",
                                                     "M05 error B3 id_number members.csv:2"])
        // The upgraded number finds the roster: M10 only, no X01.
        XCTAssertEqual(result.lines("payments.csv"), ["M10 warning B2 id_number 110105199003071239"])
        XCTAssertEqual(result.excludedRows("members.csv"), [3])
    }

    // MARK: M03, M04

    func testM03BirthDateAndM04GenderAgainstTheIDNumber() throws {
        let members = csv("姓名,身份证号,性别,出生日期", [
            "张三,\(a),女,1985-06-13",
            "李四,\(b),F,1990/3/7",
            "王五,\(c),m,1978年11月20日",
        ])
        let result = try checkFiles([("members.csv", members)])
        XCTAssertEqual(result.lines("members.csv"), ["M04 warning C2 gender 女|男", "M03 warning D2 birth_date 1985-06-13|1985-06-12"])
        XCTAssertEqual(result.excludedRows("members.csv"), [])
    }

    // MARK: M05

    func testM05TheFirstRowIsKeptEachLaterOneFlagged() throws {
        let withX = idNumber(born: "19900307", male: false, sequence: 7)
        let first = csv("姓名,身份证号", ["张三,\(a)", "李四,\(b)", "张三,\(a)", "孙,\(withX)", "孙,\(withX.lowercased())"])
        let second = csv("姓名,身份证号", ["李四,\(b)", "王五,\(c)"])
        let result = try checkFiles([("a-members.csv", first), ("b-members.csv", second)])
        XCTAssertEqual(result.lines("a-members.csv"), ["M05 error B4 id_number a-members.csv:2", "M05 error B6 id_number a-members.csv:5"])
        XCTAssertEqual(result.lines("b-members.csv"), ["M05 error B2 id_number a-members.csv:3"])
        XCTAssertEqual(result.excludedRows("a-members.csv"), [4, 6])
        XCTAssertEqual(result.excludedRows("b-members.csv"), [2])
        // Every row with a valid number is in the roster, duplicates included.
        XCTAssertEqual(result.roster?.lookup(try XCTUnwrap(IDNumber.valid(a)))?.map(\.name), ["张三", "张三"])
    }

    // MARK: M06

    func testM06MalformedPhones() throws {
        let ids = (1...6).map { idNumber(born: "19900101", male: true, sequence: $0) }
        let members = csv("姓名,身份证号,手机号", [
            "甲,\(ids[0]),1381234567",
            "乙,\(ids[1]),12812345678",
            "丙,\(ids[2]),010-12345678",
            "丁,\(ids[3]),+86 138-1234-5678",
            "戊,\(ids[4]),8613812345678",
            "己,\(ids[5]),１３８１２３４５６７８",
        ])
        let result = try checkFiles([("members.csv", members)])
        XCTAssertEqual(result.lines("members.csv"), ["M06 warning C2 phone", "M06 warning C3 phone", "M06 warning C4 phone"])
        XCTAssertEqual(result.excludedRows("members.csv"), [])
        XCTAssertEqual(result.file("members.csv")?.rows[3].text(.phone), "13812345678")
    }

    // MARK: M07

    func testM07JoinedBefore16OrJoinedAfterLeaving() throws {
        let young = idNumber(born: "20000307", male: false, sequence: 1)
        let young2 = idNumber(born: "20000307", male: false, sequence: 2)
        let members = csv("姓名,身份证号,入会日期,退会日期", [
            "甲,\(young),2016-03-06,",
            "乙,\(young2),2016-03-07,",
            "张三,\(a),2020-01-01,2019-12-31",
            "李四,\(b),2020-01-01,2020-01-01",
        ])
        let result = try checkFiles([("members.csv", members)])
        XCTAssertEqual(result.lines("members.csv"), ["M07 error C2 join_date age|2016-03-06|15|16",
                                                     "M07 error C4 join_date order|2020-01-01|2019-12-31"])
        XCTAssertEqual(result.excludedRows("members.csv"), [2, 4])
    }

    func testM07MinimumAgeComesFromTheProfile() throws {
        var setup = RuleSetup()
        setup.profile.minimumJoinAge = 18
        let young = idNumber(born: "20000307", male: false, sequence: 1)
        let result = try checkFiles([("members.csv", csv("姓名,身份证号,入会日期", ["甲,\(young),2018-03-06", "乙,\(b),2018-03-07"]))],
                                    setup: setup)
        XCTAssertEqual(result.lines("members.csv"), ["M07 error C2 join_date age|2018-03-06|17|18"])
    }

    // MARK: M08

    /// The M08 lines of one 在岗 member born on `born` at the as-of date `asOf`.
    private func m08(born: String, male: Bool, asOf: String, workerSchedule: Bool = false,
                     status: String = "在册", employment: String = "在岗") throws -> [String] {
        var setup = RuleSetup()
        setup.asOf = day(asOf)
        setup.year = setup.asOf.year
        setup.profile.womenWorkerSchedule = workerSchedule
        let id = idNumber(born: born, male: male)
        let result = try checkFiles([("members.csv", csv("姓名,身份证号,会员状态,在岗状态", ["甲,\(id),\(status),\(employment)"]))],
                                    setup: setup)
        return result.lines("members.csv")
    }

    func testM08MenUnderTheGradualReform() throws {
        // Born before 1965: exactly 60.
        XCTAssertEqual(try m08(born: "19641215", male: true, asOf: "2024-12-14"), [])
        XCTAssertEqual(try m08(born: "19641215", male: true, asOf: "2024-12-15"), ["M08 warning D2 employment 2024-12-15"])
        // Born January–April 1965: 60 and 1 month.
        XCTAssertEqual(try m08(born: "19650110", male: true, asOf: "2025-02-09"), [])
        XCTAssertEqual(try m08(born: "19650110", male: true, asOf: "2025-02-10"), ["M08 warning D2 employment 2025-02-10"])
        XCTAssertEqual(try m08(born: "19650430", male: true, asOf: "2025-05-29"), [])
        XCTAssertEqual(try m08(born: "19650430", male: true, asOf: "2025-05-30"), ["M08 warning D2 employment 2025-05-30"])
        // The next cohort, May–August 1965: 60 and 2 months.
        XCTAssertEqual(try m08(born: "19650501", male: true, asOf: "2025-06-30"), [])
        XCTAssertEqual(try m08(born: "19650501", male: true, asOf: "2025-07-01"), ["M08 warning D2 employment 2025-07-01"])
        // Born September 1976 or later: 63.
        XCTAssertEqual(try m08(born: "19760915", male: true, asOf: "2039-09-14"), [])
        XCTAssertEqual(try m08(born: "19760915", male: true, asOf: "2039-09-15"), ["M08 warning D2 employment 2039-09-15"])
        // The women's switch does not move men.
        XCTAssertEqual(try m08(born: "19641215", male: true, asOf: "2024-12-15", workerSchedule: true),
                       ["M08 warning D2 employment 2024-12-15"])
    }

    func testM08WomenCadreScheduleByDefault() throws {
        XCTAssertEqual(try m08(born: "19691215", male: false, asOf: "2024-12-14"), [])
        XCTAssertEqual(try m08(born: "19691215", male: false, asOf: "2024-12-15"), ["M08 warning D2 employment 2024-12-15"])
        XCTAssertEqual(try m08(born: "19700115", male: false, asOf: "2025-02-14"), [])
        XCTAssertEqual(try m08(born: "19700115", male: false, asOf: "2025-02-15"), ["M08 warning D2 employment 2025-02-15"])
        // Under the worker schedule she would have retired at 50.
        XCTAssertEqual(try m08(born: "19700115", male: false, asOf: "2020-01-15"), [])
    }

    func testM08WomenWorkerScheduleSwitchedInTheProfile() throws {
        XCTAssertEqual(try m08(born: "19741215", male: false, asOf: "2024-12-14", workerSchedule: true), [])
        XCTAssertEqual(try m08(born: "19741215", male: false, asOf: "2024-12-15", workerSchedule: true),
                       ["M08 warning D2 employment 2024-12-15"])
        // January–February 1975: 50 and 1 month; March–April 1975: 50 and 2 months.
        XCTAssertEqual(try m08(born: "19750228", male: false, asOf: "2025-03-28", workerSchedule: true),
                       ["M08 warning D2 employment 2025-03-28"])
        XCTAssertEqual(try m08(born: "19750301", male: false, asOf: "2025-04-30", workerSchedule: true), [])
        XCTAssertEqual(try m08(born: "19750301", male: false, asOf: "2025-05-01", workerSchedule: true),
                       ["M08 warning D2 employment 2025-05-01"])
    }

    func testNearMissM08OnlyFor在册Members在岗() throws {
        XCTAssertEqual(try m08(born: "19500101", male: true, asOf: "2025-12-31", employment: "退休"), [])
        XCTAssertEqual(try m08(born: "19500101", male: true, asOf: "2025-12-31", status: "保留会籍"), [])
        XCTAssertEqual(try m08(born: "19500101", male: true, asOf: "2025-12-31", status: ""),
                       ["M08 warning D2 employment 2010-01-01"])
    }

    func testRetirementScheduleTable() {
        func date(_ schedule: RetirementSchedule, _ born: String) -> String {
            schedule.retirementDate(born: day(born)).description
        }
        // Men: 60, then one month more per four-month cohort from January 1965, up to 63.
        XCTAssertEqual(date(.men, "1964-12-31"), "2024-12-31")
        XCTAssertEqual(date(.men, "1965-01-01"), "2025-02-01")
        XCTAssertEqual(date(.men, "1965-04-30"), "2025-05-30")
        XCTAssertEqual(date(.men, "1965-05-01"), "2025-07-01")
        XCTAssertEqual(date(.men, "1976-08-15"), "2039-07-15")
        XCTAssertEqual(date(.men, "1976-09-15"), "2039-09-15")
        XCTAssertEqual(date(.men, "1990-01-01"), "2053-01-01")
        // Women cadre: 55 up to 58 (born September 1981 or later).
        XCTAssertEqual(date(.womenCadre, "1969-12-31"), "2024-12-31")
        XCTAssertEqual(date(.womenCadre, "1970-04-30"), "2025-05-30")
        XCTAssertEqual(date(.womenCadre, "1981-08-01"), "2039-07-01")
        XCTAssertEqual(date(.womenCadre, "1981-09-01"), "2039-09-01")
        // Women workers: 50, one month more per two-month cohort from January 1975, up to 55 (born November 1984 or later).
        XCTAssertEqual(date(.womenWorker, "1974-12-31"), "2024-12-31")
        XCTAssertEqual(date(.womenWorker, "1975-02-28"), "2025-03-28")
        XCTAssertEqual(date(.womenWorker, "1975-03-01"), "2025-05-01")
        XCTAssertEqual(date(.womenWorker, "1984-10-01"), "2039-09-01")
        XCTAssertEqual(date(.womenWorker, "1984-11-01"), "2039-11-01")
        XCTAssertEqual(date(.womenWorker, "1995-01-01"), "2050-01-01")
        XCTAssertEqual(RuleProfile.standard.retirementSchedule(for: .female), .womenCadre)
    }

    // MARK: M09

    private let duesHeader = "姓名,身份证号,入会日期,退会日期,会员状态,月工资,已缴会费,缴费月数"

    private func person(_ n: Int) -> String { idNumber(born: "19800101", male: n % 2 == 0, sequence: n) }

    func testM09WithDuesMonthsGivenAndTheOneFenTolerance() throws {
        // 6543 rounds down to 6540; 0.5% is 32.70 a month; 12 months 392.40.
        let rows = ["392.40", "392.41", "392.39", "392.42", "392.38"].enumerated().map { i, paid in
            "甲,\(person(i)),2010-01-01,,在册,6543,\(paid),12"
        }
        let result = try checkFiles([("members.csv", csv(duesHeader, rows))])
        XCTAssertEqual(result.lines("members.csv"), ["M09 warning G5 dues_paid 392.42|392.4|32.7|12",
                                                     "M09 warning G6 dues_paid 392.38|392.4|32.7|12"])
        XCTAssertEqual(result.excludedRows("members.csv"), [])
    }

    func testM09MonthsFromJoinAndLeaveWithinTheYear() throws {
        let rows = [
            "甲,\(person(1)),2010-01-01,,在册,6543,392.4,",          // 12 months
            "乙,\(person(2)),2025-03-15,,在册,6543,327,",            // March–December: 10
            "丙,\(person(3)),2010-01-01,2025-08-01,在册,6543,261.6,", // January–August: 8
            "丁,\(person(4)),2025-03-31,2025-04-01,在册,6543,65.4,", // both end months count: 2
            "戊,\(person(5)),2025-03-15,,在册,6543,392.4,",          // paid for 12, member for 10
            "己,\(person(6)),2025年3月,,在册,6543,327,",              // a month alone: its first day
        ]
        let result = try checkFiles([("members.csv", csv(duesHeader, rows))])
        XCTAssertEqual(result.lines("members.csv"), ["M09 warning G6 dues_paid 392.4|327|32.7|10"])
    }

    func testM09MonthsStopAtTheAsOfMonth() throws {
        var setup = RuleSetup()
        setup.asOf = day("2025-06-15")
        let rows = [
            "甲,\(person(1)),2010-01-01,,在册,6543,196.2,",  // January–June: 6
            "乙,\(person(2)),2010-01-01,,在册,6543,392.4,",
            "丙,\(person(3)),2025-05-20,,在册,6543,65.4,",   // May–June: 2
        ]
        let result = try checkFiles([("members.csv", csv(duesHeader, rows))], setup: setup)
        XCTAssertEqual(result.lines("members.csv"), ["M09 warning G3 dues_paid 392.4|196.2|32.7|6"])
    }

    func testNearMissM09OnlyFor在册RowsWithWageAndDues() throws {
        let rows = [
            "甲,\(person(1)),2010-01-01,,保留会籍,6543,1,12",
            "乙,\(person(2)),2010-01-01,2025-03-01,退会,6543,1,12",
            "丙,\(person(3)),2010-01-01,,在册,6543,,12",
            "丁,\(person(4)),2010-01-01,,在册,,1,12",
            "戊,\(person(5)),2010-01-01,,,6543,1,12",
        ]
        let result = try checkFiles([("members.csv", csv(duesHeader, rows))])
        // An empty status is 在册.
        XCTAssertEqual(result.lines("members.csv"), ["M09 warning G6 dues_paid 1|392.4|32.7|12"])
    }

    func testM09RoundsHalfUpToTheFen() throws {
        var setup = RuleSetup()
        setup.profile.duesRoundDownTo = Money(yuan: 1)
        // 6543 × 0.005 = 32.715: half up to 32.72.
        let rows = ["32.72", "32.71", "32.73", "32.70", "32.74"].enumerated().map { i, paid in
            "甲,\(person(i)),2010-01-01,,在册,6543.99,\(paid),1"
        }
        let result = try checkFiles([("members.csv", csv(duesHeader, rows))], setup: setup)
        XCTAssertEqual(result.lines("members.csv"), ["M09 warning G5 dues_paid 32.7|32.72|32.72|1",
                                                     "M09 warning G6 dues_paid 32.74|32.72|32.72|1"])
    }
}
