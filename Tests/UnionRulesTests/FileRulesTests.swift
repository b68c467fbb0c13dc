// F01-F08: files and rows that cannot be read as they stand, and the warnings about their shape.
import UnionCore
import UnionImport
import UnionRules
import XCTest

final class FileRulesTests: XCTestCase {
    let a = People.zhangSan, b = People.liSi, c = People.wangWu, d = People.zhaoLiu

    // MARK: F01

    func testF01MarksTheGBKRowOfAMostlyUTF8FileAndReadsTheRest() throws {
        let head = Array("姓名,身份证号\n张三,\(a)\n李四,\(b)\n".utf8)
        // 王五 in GBK (CD F5 CE E5) pasted into the UTF-8 file.
        let gbkRow: [UInt8] = [0xCD, 0xF5, 0xCE, 0xE5] + Array(",\(c)\n".utf8)
        let tail = Array("赵六,\(d)\n".utf8)
        let result = try checkFiles(bytes: [("members.csv", head + gbkRow + tail)])
        XCTAssertEqual(result.file("members.csv")?.input.encoding, .utf8)
        XCTAssertEqual(result.lines("members.csv"), ["F01 error 4 \(head.count)"])
        XCTAssertEqual(result.excludedRows("members.csv"), [4])
        let rows = try XCTUnwrap(result.file("members.csv")).rows
        XCTAssertEqual(rows.map(\.isReadable), [true, true, false, true])
        XCTAssertEqual(rows.map { $0.text(.memberName) }, ["张三", "李四", nil, "赵六"])
        // The bad row raises nothing else, and is not in the roster.
        XCTAssertNil(result.roster?.lookup(try XCTUnwrap(IDNumber.valid(c))))
        XCTAssertNotNil(result.roster?.lookup(try XCTUnwrap(IDNumber.valid(d))))
    }

    func testF01RefusesAFileThatIsNeitherUTF8NorGB18030() throws {
        let bytes = Array("name,id_number\nab".utf8) + [0xFF] + Array(",1\n".utf8)
        let result = try checkFiles(bytes: [("members.csv", bytes)])
        XCTAssertNil(result.checked["members.csv"])
        XCTAssertEqual(result.lines("members.csv"), ["F01 error undecodable|17"])
    }

    func testAFileAllInGBKIsReadAsGB18030WithoutF01() throws {
        // 姓名,身份证号 / 王五,<id> in GBK.
        let header: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x0A]
        let row: [UInt8] = [0xCD, 0xF5, 0xCE, 0xE5] + Array(",\(c)\n".utf8)
        let result = try checkFiles(bytes: [("members.csv", header + row)])
        XCTAssertEqual(result.file("members.csv")?.input.encoding, .gb18030)
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.file("members.csv")?.rows.first?.text(.memberName), "王五")
    }

    // MARK: F02

    func testF02RaggedRowsAreErrorsAndATrailingEmptyCellIsNot() throws {
        let text = csv("姓名,身份证号,性别", [
            "张三,\(a),男,多余",
            "李四,\(b)",
            "王五,\(c),男,",
            "赵六,\(d),女",
        ])
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), ["F02 error 2 4|3", "F02 error 3 2|3"])
        XCTAssertEqual(result.excludedRows("members.csv"), [2, 3])
        XCTAssertEqual(result.file("members.csv")?.rows.map(\.isReadable), [false, false, true, true])
    }

    // MARK: F03

    func testF03UnterminatedQuoteAtTheEndAfterAClosedMultiLineField() throws {
        let text = "姓名,身份证号,备注\n张三,\(a),\"第一行\n第二行\"\n李四,\(b),正常\n王五,\(c),\"没有结束\n赵六,\(d),x\n"
        let result = try checkFiles([("members.csv", text)])
        // The closed quoted field spans two lines but is one row (2); the unterminated one starts on row 4.
        XCTAssertEqual(result.lines("members.csv"), ["F03 error 4"])
        let rows = try XCTUnwrap(result.file("members.csv")).rows
        XCTAssertEqual(rows.map(\.row), [2, 3, 4])
        XCTAssertEqual(rows[0].cells[2], "第一行\n第二行")
        XCTAssertEqual(result.excludedRows("members.csv"), [4])
    }

    // MARK: F04

    func testF04AFileNamedForADatasetLackingARequiredColumnIsRefused() throws {
        let result = try checkFiles([("members.csv", csv("姓名,性别", ["张三,男"]))])
        XCTAssertNil(result.checked["members.csv"])
        XCTAssertEqual(result.lines("members.csv"), ["F04 error missing|members|身份证号"])
    }

    func testF04AHeaderOfNoDatasetNamesTheClosest() throws {
        let result = try checkFiles([("data.csv", csv("a,b", ["1,2"]))])
        XCTAssertEqual(result.lines("data.csv"), ["F04 error nodataset|members|姓名、身份证号"])
    }

    func testF04AHeaderFittingTwoDatasetsEquallyIsRefusedUnlessNamedOrPinned() throws {
        // Both the payments and the claims required columns: five each.
        let header = "姓名,身份证号,类别,金额,发放日期,保障项目,报销金额,报销日期"
        let row = "张三,\(a),生日慰问,200,2025-03-01,门诊,100,2025-03-01"
        let refused = try checkFiles([("data.csv", csv(header, [row]))])
        XCTAssertEqual(refused.lines("data.csv"), ["F04 error ambiguous|payments,claims"])
        let named = try checkFiles([("慰问.csv", csv(header, [row]))])
        XCTAssertEqual(named.file("慰问.csv")?.dataset, .payments)
        let pinned = try checkFiles(bytes: [("data.csv", Array(csv(header, [row]).utf8))], pinned: ["data.csv": .claims])
        XCTAssertEqual(pinned.file("data.csv")?.dataset, .claims)
        XCTAssertEqual(pinned.lines("data.csv"), [])
    }

    func testNearMissAFileWithEveryRequiredColumnOpens() throws {
        let result = try checkFiles([("members.csv", csv("姓名*,身份证号＊", ["张三,\(a)"]))])
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.file("members.csv")?.rowCount, 1)
    }

    // MARK: F05

    func testF05TheFirstOfTwoColumnsForOneFieldWins() throws {
        // 手机号 and 联系电话 both mean phone: D is carried through, so its bad number raises no M06.
        let text = csv("姓名,身份证号,手机号,联系电话", ["张三,\(a),13812345678,123"])
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), ["F05 warning D1 phone phone"])
        let file = try XCTUnwrap(result.file("members.csv"))
        XCTAssertEqual(file.input.mapping.columnOfField[.phone], 2)
        XCTAssertEqual(file.rows[0].text(.phone), "13812345678")
        XCTAssertEqual(result.excludedRows("members.csv"), [])
    }

    // MARK: F06

    func testF06EmptyFileAndHeaderOnly() throws {
        let result = try checkFiles([("members.csv", ""), ("名册.csv", "\n\n"), ("会员.csv", "姓名,身份证号\n\n")])
        XCTAssertEqual(result.lines("members.csv"), ["F06 warning empty"])
        XCTAssertEqual(result.lines("名册.csv"), ["F06 warning empty"])
        XCTAssertEqual(result.lines("会员.csv"), ["F06 warning header-only"])
        XCTAssertEqual(result.file("会员.csv")?.rowCount, 0)
    }

    func testNearMissOneDataRowIsNotF06() throws {
        let result = try checkFiles([("members.csv", "姓名,身份证号\n张三,\(a)")])
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.file("members.csv")?.rowCount, 1)
    }

    // MARK: F07

    func testF07TitleRowsAboveTheHeaderGiveOneWarningOnTheFirstTitleRow() throws {
        let text = "2025年工会会员名册\n\n制表：工会办公室\n姓名,身份证号\n张三,\(a)\n"
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), ["F07 warning 1 2|4"])
        XCTAssertEqual(result.file("members.csv")?.rows.map(\.row), [5])
    }

    func testNearMissBlankLinesAboveTheHeaderAreNotTitleRows() throws {
        let result = try checkFiles([("members.csv", "\n\n姓名,身份证号\n张三,\(a)\n")])
        XCTAssertEqual(result.lines("members.csv"), [])
        XCTAssertEqual(result.file("members.csv")?.rows.map(\.row), [4])
    }

    // MARK: F08

    func testF08AValueLongerThanACellHoldsIsAWarningAndKeptWhole() throws {
        let long = String(repeating: "字", count: 32_768)
        let exact = String(repeating: "字", count: 32_767)
        let text = csv("姓名,身份证号,备注", ["张三,\(a),\(long)", "李四,\(b),\(exact)"])
        let result = try checkFiles([("members.csv", text)])
        XCTAssertEqual(result.lines("members.csv"), ["F08 warning C2 32768"])
        let file = try XCTUnwrap(result.file("members.csv"))
        XCTAssertEqual(file.findings.first?.value, String(repeating: "字", count: 50))
        XCTAssertEqual(file.rows[0].cells[2].count, 32_768)
        XCTAssertEqual(result.excludedRows("members.csv"), [])
    }

    func testF08OnAMappedFieldNamesTheField() throws {
        let long = String(repeating: "x", count: 40_000)
        let result = try checkFiles([("members.csv", csv("姓名,身份证号", ["\(long),\(a)"]))])
        XCTAssertEqual(result.lines("members.csv"), ["F08 warning A2 name 40000"])
    }

    // MARK: Policy

    func testWarningsOfFileRulesCanBeSwitchedOff() throws {
        var setup = RuleSetup()
        setup.policy.severities[.F05] = nil
        setup.policy.severities[.F07] = nil
        let text = "名册\n姓名,身份证号,手机号,联系电话\n张三,\(a),13812345678,\n"
        let result = try checkFiles([("members.csv", text)], setup: setup)
        XCTAssertEqual(result.lines("members.csv"), [])
    }
}
