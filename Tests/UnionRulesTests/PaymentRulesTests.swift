// P01-P08: payment categories, per-payment and yearly limits, duplicates, forms, the grant band, hardship, relations.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class PaymentRulesTests: XCTestCase {
    let header = "姓名,身份证号,类别,金额,发放日期,形式,与会员关系"
    let zhang = People.zhangSan, li = People.liSi

    /// A different person for each number, so that rows do not meet in yearly totals or duplicates.
    private func person(_ n: Int) -> String { idNumber(born: "19800101", male: n % 2 == 1, sequence: n) }

    // MARK: P01

    func testP01UnknownCategoryAndNearMissAliases() throws {
        let text = csv(header, [
            "甲,\(person(1)),奖金,100,2025-03-01,,",
            "甲,\(person(1)),春节慰问,100,2025-03-02,,",
            "甲,\(person(1)),节日慰问品,100,2025-03-03,,",
            "甲,\(person(1)),其他,100,2025-03-04,,",
            "甲,\(person(1)),家属抚恤金,100,2025-03-05,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P01 error C2 category"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [2])
        XCTAssertEqual(result.file("payments.csv")?.findings.first?.value, "奖金")
    }

    // MARK: P02

    func testP02APaymentAtTheLimitPassesOneFenOverFails() throws {
        let text = csv(header, [
            "甲,\(person(1)),生日慰问,300,2025-03-01,,",
            "乙,\(person(2)),生日慰问,300.01,2025-03-01,,",
            "丙,\(person(3)),生日,300.01,2025-03-01,,",
            "丁,\(person(4)),结婚慰问,2000,2025-03-01,,",
            "戊,\(person(5)),结婚慰问,2000.01,2025-03-01,,",
            "己,\(person(6)),退休慰问,1000.01,2025-03-01,,",
            "庚,\(person(7)),困难帮扶,99999,2025-03-01,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P02 error D3 amount 生日慰问|300.01|300", "P02 error D4 amount 生日慰问|300.01|300",
                                                      "P02 error D6 amount 结婚慰问|2000.01|2000", "P02 error D7 amount 退休慰问|1000.01|1000"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [3, 4, 6, 7])
    }

    func testP02LimitComesFromTheProfile() throws {
        var setup = RuleSetup()
        setup.profile.perPaymentLimit[.birthday] = Money(yuan: 200)
        setup.profile.perPaymentLimit[.hardship] = Money(fen: 100_000)
        let text = csv(header, ["甲,\(person(1)),生日慰问,250,2025-03-01,,", "乙,\(person(2)),困难帮扶,1000.01,2025-03-01,,"])
        let result = try checkFiles([("payments.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("payments.csv"), ["P02 error D2 amount 生日慰问|250|200", "P02 error D3 amount 困难帮扶|1000.01|1000"])
    }

    // MARK: P03

    func testP03InDateOrderAcrossFilesAndExactlyTheLimitPasses() throws {
        let a = csv(header, ["张三,\(zhang),节日慰问,\"1,000.00\",2025-09-01,,", "张三,\(zhang),春节慰问,300,2025-05-01,,"])
        let b = csv(header, ["张三,\(zhang),节日慰问,800,2025-02-01,,", "张三,\(zhang),中秋慰问,900,2025-12-01,,"])
        let result = try checkFiles([("a-payments.csv", a), ("b-payments.csv", b)])
        // 800 (b, February) + 300 (a, May) + 1000 (a, September) = 2100: the September row is flagged and adds
        // nothing, so December's 900 brings the total to exactly 2000.
        XCTAssertEqual(result.lines("a-payments.csv"), ["P03 error D2 amount 节日慰问|2100|2000"])
        XCTAssertEqual(result.file("a-payments.csv")?.findings.map(\.value), ["1,000.00"], "the cell as written")
        XCTAssertEqual(result.lines("b-payments.csv"), [])
    }

    func testP03OnOneDateFollowsFileOrderThenRowOrder() throws {
        let a = csv(header, ["张三,\(zhang),节日慰问,1500,2025-06-01,,"])
        let b = csv(header, ["张三,\(zhang),节日慰问,600,2025-06-01,,"])
        let inOrder = try checkFiles([("a-payments.csv", a), ("b-payments.csv", b)])
        XCTAssertEqual(inOrder.lines("a-payments.csv"), [])
        XCTAssertEqual(inOrder.lines("b-payments.csv"), ["P03 error D2 amount 节日慰问|2100|2000"])
        let reversed = try checkFiles([("b-payments.csv", b), ("a-payments.csv", a)])
        XCTAssertEqual(reversed.lines("b-payments.csv"), [])
        XCTAssertEqual(reversed.lines("a-payments.csv"), ["P03 error D2 amount 节日慰问|2100|2000"])
        let oneFile = try checkFiles([("payments.csv", csv(header, ["张三,\(zhang),节日慰问,1500,2025-06-01,,",
                                                                    "张三,\(zhang),节日慰问,600,2025-06-01,,"]))])
        XCTAssertEqual(oneFile.lines("payments.csv"), ["P03 error D3 amount 节日慰问|2100|2000"])
    }

    func testP03ARowExcludedForAnotherErrorAddsNothing() throws {
        let a = csv(header, [
            "张三,\(zhang),节日慰问,1500,2025-03-01,现金,",
            "张三,\(zhang),节日慰问,1500,2025-04-01,实物,",
        ])
        let b = csv(header, [
            "张三,\(zhang),节日慰问,500,2025-05-01,实物,",
            "张三,\(zhang),节日慰问,0.01,2025-06-01,实物,",
        ])
        let result = try checkFiles([("a-payments.csv", a), ("b-payments.csv", b)])
        XCTAssertEqual(result.lines("a-payments.csv"), ["P05 error F2 form 节日慰问"])
        XCTAssertEqual(result.lines("b-payments.csv"), ["P03 error D3 amount 节日慰问|2000.01|2000"])
    }

    func testP03IsPerPersonAndCategory() throws {
        let text = csv(header, [
            "张三,\(zhang),生日慰问,200,2025-03-01,,",
            "李四,\(li),生日慰问,200,2025-03-01,,",
            "张三,\(zhang),节日慰问,200,2025-03-02,,",
            "张三,\(zhang),生日慰问,100,2025-04-01,,",
            "张三,\(zhang),生日慰问,0.01,2025-05-01,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P03 error D6 amount 生日慰问|300.01|300"])
    }

    func testP03AsAWarningKeepsTheRowInTheTotal() throws {
        var setup = RuleSetup()
        setup.policy.severities[.P03] = .warning
        let text = csv(header, [
            "张三,\(zhang),生日慰问,200,2025-03-01,,",
            "张三,\(zhang),生日慰问,200,2025-04-01,,",
            "张三,\(zhang),生日慰问,1,2025-05-01,,",
        ])
        let result = try checkFiles([("payments.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("payments.csv"), ["P03 warning D3 amount 生日慰问|400|300", "P03 warning D4 amount 生日慰问|401|300"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
    }

    // MARK: P04

    func testP04DuplicatesTheFirstKept() throws {
        let text = csv(header, [
            "张三,\(zhang),其他,100,2025-03-01,,",
            "张三,\(zhang),其他,100,2025-03-01,,",
            "张三,\(zhang),其他,100.01,2025-03-01,,",
            "张三,\(zhang),其他,100,2025-03-02,,",
            "李四,\(li),其他,100,2025-03-01,,",
            "张三,\(zhang),春节慰问,200,2025-03-01,,",
            "张三,\(zhang),节日慰问,200,2025-03-01,,",
            "张三,\(zhang),其他,￥100.00,2025/3/1,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P04 warning D3 amount payments.csv:2", "P04 warning D8 amount payments.csv:7",
                                                      "P04 warning D9 amount payments.csv:2"])
        // Each finding quotes the cell as written, decorations and all.
        XCTAssertEqual(result.file("payments.csv")?.findings.map(\.value), ["100", "200", "￥100.00"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
    }

    func testP04AcrossFilesNamesTheFirst() throws {
        let row = "张三,\(zhang),其他,50,2025-04-01,,"
        let result = try checkFiles([("a-payments.csv", csv(header, [row])), ("b-payments.csv", csv(header, [row]))])
        XCTAssertEqual(result.lines("a-payments.csv"), [])
        XCTAssertEqual(result.lines("b-payments.csv"), ["P04 warning D2 amount a-payments.csv:2"])
    }

    // MARK: P05

    func testP05FestivalGiftsNeitherInCashNorShoppingCards() throws {
        let text = csv(header, [
            "甲,\(person(1)),节日慰问,100,2025-03-01,现金,",
            "乙,\(person(2)),节日慰问,100,2025-03-01,购物卡,",
            "丙,\(person(3)),中秋慰问,100,2025-03-01,购物卡,",
            "丁,\(person(4)),节日慰问,100,2025-03-01,实物,",
            "戊,\(person(5)),节日慰问,100,2025-03-01,转账,",
            "己,\(person(6)),节日慰问,100,2025-03-01,卡券,",
            "庚,\(person(7)),生日慰问,100,2025-03-01,现金,",
            "辛,\(person(8)),节日慰问,100,2025-03-01,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P05 error F2 form 节日慰问", "P05 error F3 form 节日慰问", "P05 error F4 form 节日慰问"])
        XCTAssertEqual(result.file("payments.csv")?.findings.map(\.value), ["现金", "购物卡", "购物卡"])
    }

    // MARK: P06

    func testP06GrantBandEdges() throws {
        let text = csv(header, [
            "甲,\(person(1)),金秋助学,800,2025-08-01,,",
            "乙,\(person(2)),金秋助学,5000,2025-08-01,,",
            "丙,\(person(3)),金秋助学,799.99,2025-08-01,,",
            "丁,\(person(4)),金秋助学,5000.01,2025-08-01,,",
            "戊,\(person(5)),助学金,700,2025-08-01,,",
            "己,\(person(6)),困难帮扶,700,2025-08-01,,",
        ])
        let result = try checkFiles([("payments.csv", text)])
        XCTAssertEqual(result.lines("payments.csv"), ["P06 error D4 amount 799.99|800|5000", "P06 error D5 amount 5000.01|800|5000",
                                                      "P06 error D6 amount 700|800|5000"])
    }

    // MARK: P07

    func testP07HardshipPaymentsNeedAHardshipStatusInTheRoster() throws {
        let people = (1...5).map(person)
        let roster = csv("姓名,身份证号,困难职工", [
            "甲,\(people[0]),否",
            "乙,\(people[1]),深度困难",
            "丙,\(people[2]),",
            "丁,\(people[3]),是",
            "戊,\(people[4]),低保",
        ])
        let payments = csv(header, [
            "乙,\(people[1]),困难帮扶,500,2025-03-01,,",
            "甲,\(people[0]),困难帮扶,500,2025-03-01,,",
            "丙,\(people[2]),金秋助学,1000,2025-08-01,,",
            "丁,\(people[3]),帮扶资金,500,2025-03-01,,",
            "甲,\(people[0]),节日慰问,500,2025-03-01,,",
            "戊,\(people[4]),困难帮扶,500,2025-03-01,,",
            "乙,\(people[1]),金秋助学,1000,2025-08-01,,",
        ])
        let result = try checkFiles([("members.csv", roster), ("payments.csv", payments)])
        XCTAssertEqual(result.lines("payments.csv"), ["P07 warning C3 category 困难帮扶", "P07 warning C4 category 金秋助学",
                                                      "P07 warning C7 category 困难帮扶"])
        XCTAssertEqual(result.excludedRows("payments.csv"), [])
        // Without a roster nobody's hardship is known: no P07.
        let alone = try checkFiles([("payments.csv", payments)])
        XCTAssertEqual(alone.lines("payments.csv"), [])
    }

    // MARK: P08

    func testP08RelationsOfADeceasedRelative() throws {
        let rows = ["妻子", "父亲", "儿子", "配偶", "母亲", "女儿", "丈夫", "兄弟姐妹", "祖父母", ""].enumerated().map { i, relation in
            "甲\(i),\(person(i + 1)),亲属去世慰问,500,2025-03-01,,\(relation)"
        } + ["乙,\(person(20)),直系亲属去世,500,2025-03-01,,兄弟姐妹", "丙,\(person(21)),生日慰问,200,2025-03-01,,兄弟姐妹"]
        let result = try checkFiles([("payments.csv", csv(header, rows))])
        XCTAssertEqual(result.lines("payments.csv"), ["P08 error G9 relation 亲属去世慰问", "P08 error G10 relation 亲属去世慰问",
                                                      "P08 error G12 relation 亲属去世慰问"])
        XCTAssertEqual(result.file("payments.csv")?.findings.map(\.value), ["兄弟姐妹", "祖父母", "兄弟姐妹"])
    }
}
