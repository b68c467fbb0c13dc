// Tests for HeaderMatcher: the alias tables of SPEC §2.2, white space and `*` ignored, English case-insensitive, F05 duplicates.

import XCTest
import UnionCore
import UnionImport

final class HeaderMatcherTests: XCTestCase {
    /// The field key each header maps to for one dataset (nil: carried through).
    private func keys(_ cells: [String], _ dataset: Dataset = .members) -> [String?] {
        HeaderMatcher.map(cells, for: dataset).fieldOfColumn.map { $0?.key }
    }

    // MARK: normalise (SPEC §7 Headers)

    func testASCIISpacesAround() { XCTAssertEqual(HeaderMatcher.normalise("  身份证号 "), "身份证号") }
    func testASCIISpaceInside() { XCTAssertEqual(HeaderMatcher.normalise("身份 证号"), "身份证号") }
    func testFullWidthSpaceInside() { XCTAssertEqual(HeaderMatcher.normalise("身份\u{3000}证号"), "身份证号") }
    func testFullWidthSpaceAround() { XCTAssertEqual(HeaderMatcher.normalise("\u{3000}姓名\u{3000}"), "姓名") }
    func testTabsAndNewLines() { XCTAssertEqual(HeaderMatcher.normalise("\t姓\n名\r"), "姓名") }
    func testTrailingAsterisk() { XCTAssertEqual(HeaderMatcher.normalise("姓名*"), "姓名") }
    func testTrailingFullWidthAsterisk() { XCTAssertEqual(HeaderMatcher.normalise("姓名＊"), "姓名") }
    func testTrailingAsteriskAfterSpace() { XCTAssertEqual(HeaderMatcher.normalise("姓 名 * "), "姓名") }
    func testEnglishLowerCased() { XCTAssertEqual(HeaderMatcher.normalise("ID_Number"), "id_number") }
    func testLeadingAsteriskKept() { XCTAssertEqual(HeaderMatcher.normalise("*姓名"), "*姓名") }

    /// Only ASCII letters are lower-cased (English headers); other scripts are kept as written.
    func testOnlyASCIILowerCased() {
        XCTAssertEqual(HeaderMatcher.normalise("ＩＤ Name"), "ＩＤname")
        XCTAssertEqual(HeaderMatcher.normalise("ÉCOLE"), "École")
    }

    /// The white space removed is Unicode's White_Space property exactly, for every scalar of the BMP
    /// and every 97th beyond (it has none there); BOM goes too.
    func testWhiteSpaceIsTheUnicodeProperty() {
        var removed: [UInt32] = []
        for value in Array(0...0xFFFF) + Array(stride(from: 0x10000, through: 0x10FFFF, by: 97)) {
            guard let s = Unicode.Scalar(UInt32(value)) else { continue }
            let kept = HeaderMatcher.normalise("a" + String(Character(s)) + "b") != "ab"
            if !kept { removed.append(UInt32(value)) }
            XCTAssertEqual(kept, !(s.properties.isWhitespace || value == 0xFEFF), String(value, radix: 16))
        }
        XCTAssertEqual(removed.count, 26)
    }

    /// A 1 MiB title cell (the header search's bound) is normalised in one pass: found by the fuzzer,
    /// whose 10 s timeout it hit when a title cell was lower-cased whole, once per dataset.
    func testLongTitleCellIsNormalisedAsAShortOne() {
        let long = "T2025年工会会员名册" + String(repeating: "a", count: 1 << 20)
        XCTAssertEqual(HeaderMatcher.normalise(long), "t2025年工会会员名册" + String(repeating: "a", count: 1 << 20))
        XCTAssertEqual(HeaderMatcher.map([long], for: .members).fieldOfColumn, [nil])
        // Long only for its white space, a cell is still its alias; stars of both widths go, in any mix.
        let spaced = "姓" + String(repeating: " ", count: 100_000) + "名"
        XCTAssertEqual(HeaderMatcher.map([spaced, "身份证号＊*＊"], for: .members).fieldOfColumn, [.memberName, .memberID])
        XCTAssertEqual(HeaderMatcher.normalise("＊姓名 *＊ * "), "＊姓名")
    }

    // MARK: map

    func testEmploymentIsNotTheIDNumber() {
        XCTAssertEqual(keys(["姓名", "身份", "身份证号"]), ["name", "employment", "id_number"])
    }

    func testDecoratedHeadersMatch() {
        XCTAssertEqual(keys([" 姓 名 *", "身份\u{3000}证号＊", "\u{3000}性别\u{3000}"]), ["name", "id_number", "gender"])
    }

    func testEnglishCaseInsensitive() {
        XCTAssertEqual(keys(["Name", "ID_Number", "GENDER", "Mobile"]), ["name", "id_number", "gender", "phone"])
    }

    func testEnglishUpperCaseAlternative() {
        XCTAssertEqual(keys(["NAME", "Id_No"]), ["name", "id_number"])
    }

    func testUnknownHeadersCarriedThrough() {
        XCTAssertEqual(keys(["姓名", "身份证号", "籍贯", ""]), ["name", "id_number", nil, nil])
    }

    func testAliasMustMatchExactly() {
        XCTAssertEqual(keys(["姓名（必填）", "身份证号码号", "身份证"]), [nil, nil, nil])
    }

    func testColumnOfField() {
        XCTAssertEqual(HeaderMatcher.map(["备注", "姓名", "身份证号"], for: .members).columnOfField,
                       [.memberName: 1, .memberID: 2])
    }

    func testMissingRequired() {
        XCTAssertEqual(HeaderMatcher.map(["姓名", "类别"], for: .payments).missingRequired, [.payeeID, .amount, .paidDate])
    }

    func testRequiredCount() {
        XCTAssertEqual(HeaderMatcher.map(["姓名", "类别"], for: .payments).requiredCount, 2)
    }

    func testTitlesTrimmed() {
        XCTAssertEqual(HeaderMatcher.map([" 姓名* ", "\u{3000}身份证号"], for: .members).titles, ["姓名*", "身份证号"])
    }

    // MARK: F05: two headers for one field, the first wins

    func testDuplicateFirstWins() {
        XCTAssertEqual(keys(["姓名", "身份证号", "身份证号码"]), ["name", "id_number", nil])
    }

    func testDuplicateRecorded() {
        let mapping = HeaderMatcher.map(["姓名", "身份证号", "职工姓名", "身份证号码"], for: .members)
        XCTAssertEqual(mapping.duplicateColumns.map { "\($0.column):\($0.field.key)" }, ["2:name", "3:id_number"])
    }

    func testDuplicateKeepsFirstColumn() {
        XCTAssertEqual(HeaderMatcher.map(["身份证号", "身份证号码"], for: .members).columnOfField[.memberID], 0)
    }

    func testSameHeaderTwice() {
        let mapping = HeaderMatcher.map(["金额", "金额"], for: .payments)
        XCTAssertEqual(mapping.duplicateColumns.map { "\($0.column):\($0.field.key)" }, ["1:amount"])
    }

    // MARK: Extra aliases from unionbatch.toml

    func testExtraAlias() {
        XCTAssertEqual(HeaderMatcher.map(["姓名", "员工身份证"], for: .members, extraAliases: ["员工身份证": [.memberID]])
            .fieldOfColumn.map { $0?.key }, ["name", "id_number"])
    }

    func testExtraAliasOfAnotherDatasetIgnored() {
        XCTAssertEqual(HeaderMatcher.map(["姓名", "员工身份证"], for: .members, extraAliases: ["员工身份证": [.payeeID]])
            .fieldOfColumn.map { $0?.key }, ["name", nil])
    }

    // MARK: Every alias of the SPEC §2.2 tables

    private static let specAliases: [(Dataset, String, String)] = [
        // members
        (.members, "姓名", "name"), (.members, "会员姓名", "name"), (.members, "职工姓名", "name"), (.members, "name", "name"),
        (.members, "身份证号", "id_number"), (.members, "身份证号码", "id_number"), (.members, "公民身份号码", "id_number"), (.members, "证件号码", "id_number"), (.members, "id_number", "id_number"), (.members, "id_no", "id_number"),
        (.members, "性别", "gender"), (.members, "gender", "gender"), (.members, "sex", "gender"),
        (.members, "出生日期", "birth_date"), (.members, "birth_date", "birth_date"),
        (.members, "工号", "employee_no"), (.members, "职工编号", "employee_no"), (.members, "员工编号", "employee_no"), (.members, "employee_no", "employee_no"),
        (.members, "会员编号", "member_no"), (.members, "会员证号", "member_no"), (.members, "member_no", "member_no"),
        (.members, "分会", "branch"), (.members, "部门", "branch"), (.members, "所属工会", "branch"), (.members, "工会小组", "branch"), (.members, "基层工会", "branch"), (.members, "branch", "branch"), (.members, "department", "branch"),
        (.members, "入会日期", "join_date"), (.members, "入会时间", "join_date"), (.members, "join_date", "join_date"),
        (.members, "退会日期", "leave_date"), (.members, "转出日期", "leave_date"), (.members, "leave_date", "leave_date"),
        (.members, "会员状态", "status"), (.members, "会籍状态", "status"), (.members, "status", "status"),
        (.members, "在岗状态", "employment"), (.members, "身份", "employment"), (.members, "employment", "employment"),
        (.members, "手机号", "phone"), (.members, "手机号码", "phone"), (.members, "联系电话", "phone"), (.members, "phone", "phone"), (.members, "mobile", "phone"),
        (.members, "月工资", "monthly_wage"), (.members, "会费基数", "monthly_wage"), (.members, "monthly_wage", "monthly_wage"),
        (.members, "已缴会费", "dues_paid"), (.members, "全年会费", "dues_paid"), (.members, "dues_paid", "dues_paid"),
        (.members, "缴费月数", "dues_months"), (.members, "dues_months", "dues_months"),
        (.members, "困难职工", "hardship"), (.members, "困难类别", "hardship"), (.members, "hardship", "hardship"),
        // payments
        (.payments, "姓名", "name"), (.payments, "职工姓名", "name"), (.payments, "领取人", "name"), (.payments, "name", "name"),
        (.payments, "身份证号", "id_number"), (.payments, "身份证号码", "id_number"), (.payments, "证件号码", "id_number"), (.payments, "id_number", "id_number"),
        (.payments, "类别", "category"), (.payments, "项目", "category"), (.payments, "慰问类别", "category"), (.payments, "帮扶类别", "category"), (.payments, "category", "category"),
        (.payments, "金额", "amount"), (.payments, "发放金额", "amount"), (.payments, "amount", "amount"),
        (.payments, "发放日期", "date"), (.payments, "日期", "date"), (.payments, "date", "date"), (.payments, "paid_on", "date"),
        (.payments, "事由日期", "event_date"), (.payments, "event_date", "event_date"),
        (.payments, "形式", "form"), (.payments, "发放形式", "form"), (.payments, "form", "form"),
        (.payments, "与会员关系", "relation"), (.payments, "关系", "relation"), (.payments, "relation", "relation"),
        (.payments, "学生姓名", "student_name"), (.payments, "student_name", "student_name"),
        (.payments, "教育阶段", "stage"), (.payments, "学历层次", "stage"), (.payments, "录取层次", "stage"), (.payments, "stage", "stage"),
        (.payments, "分会", "branch"), (.payments, "部门", "branch"), (.payments, "branch", "branch"),
        (.payments, "备注", "note"), (.payments, "note", "note"),
        // claims
        (.claims, "姓名", "name"), (.claims, "name", "name"),
        (.claims, "身份证号", "id_number"), (.claims, "身份证号码", "id_number"), (.claims, "证件号码", "id_number"), (.claims, "id_number", "id_number"),
        (.claims, "保障项目", "plan"), (.claims, "险种", "plan"), (.claims, "报销类别", "plan"), (.claims, "就诊类型", "plan"), (.claims, "plan", "plan"),
        (.claims, "入院日期", "admission_date"), (.claims, "就诊日期", "admission_date"), (.claims, "admission_date", "admission_date"),
        (.claims, "出院日期", "discharge_date"), (.claims, "discharge_date", "discharge_date"),
        (.claims, "医疗总费用", "total_cost"), (.claims, "总费用", "total_cost"), (.claims, "total_cost", "total_cost"),
        (.claims, "统筹支付", "insurance_paid"), (.claims, "医保支付", "insurance_paid"), (.claims, "insurance_paid", "insurance_paid"),
        (.claims, "个人自付", "self_paid"), (.claims, "自付金额", "self_paid"), (.claims, "self_paid", "self_paid"),
        (.claims, "申请金额", "claimed"), (.claims, "claimed", "claimed"),
        (.claims, "报销金额", "approved"), (.claims, "给付金额", "approved"), (.claims, "核定金额", "approved"), (.claims, "approved", "approved"),
        (.claims, "报销日期", "paid_date"), (.claims, "给付日期", "paid_date"), (.claims, "paid_date", "paid_date"),
        (.claims, "诊断", "diagnosis"), (.claims, "diagnosis", "diagnosis"),
        // enrollments
        (.enrollments, "姓名", "name"), (.enrollments, "name", "name"),
        (.enrollments, "身份证号", "id_number"), (.enrollments, "身份证号码", "id_number"), (.enrollments, "证件号码", "id_number"), (.enrollments, "id_number", "id_number"),
        (.enrollments, "险种", "plan"), (.enrollments, "保障项目", "plan"), (.enrollments, "plan", "plan"),
        (.enrollments, "保费", "premium"), (.enrollments, "缴费金额", "premium"), (.enrollments, "premium", "premium"),
        (.enrollments, "保障起期", "start_date"), (.enrollments, "参保日期", "start_date"), (.enrollments, "start_date", "start_date"),
        (.enrollments, "保障止期", "end_date"), (.enrollments, "end_date", "end_date"),
        // ledger
        (.ledger, "日期", "date"), (.ledger, "记账日期", "date"), (.ledger, "发生日期", "date"), (.ledger, "date", "date"),
        (.ledger, "凭证号", "voucher"), (.ledger, "凭证编号", "voucher"), (.ledger, "voucher", "voucher"),
        (.ledger, "摘要", "summary"), (.ledger, "事由", "summary"), (.ledger, "内容", "summary"), (.ledger, "summary", "summary"), (.ledger, "description", "summary"),
        (.ledger, "科目", "account"), (.ledger, "会计科目", "account"), (.ledger, "收支科目", "account"), (.ledger, "支出科目", "account"), (.ledger, "收入科目", "account"), (.ledger, "account", "account"),
        (.ledger, "收入", "income"), (.ledger, "收入金额", "income"), (.ledger, "income", "income"),
        (.ledger, "支出", "expense"), (.ledger, "支出金额", "expense"), (.ledger, "expense", "expense"),
        (.ledger, "金额", "amount"), (.ledger, "amount", "amount"),
        (.ledger, "收支", "direction"), (.ledger, "收支方向", "direction"), (.ledger, "类型", "direction"), (.ledger, "direction", "direction"),
        (.ledger, "人数", "people"), (.ledger, "人次", "people"), (.ledger, "受益人数", "people"), (.ledger, "people", "people"),
        (.ledger, "支付方式", "form"), (.ledger, "发放形式", "form"), (.ledger, "form", "form"),
        (.ledger, "分会", "branch"), (.ledger, "部门", "branch"), (.ledger, "branch", "branch"),
    ]

    func testEverySpecAliasMapsToItsField() {
        let wrong = Self.specAliases.filter { dataset, header, key in
            HeaderMatcher.map([header], for: dataset).fieldOfColumn[0]?.key != key
        }.map { "\($0.0).\($0.1)" }
        XCTAssertEqual(wrong, [])
    }

    func testNoOtherAliases() {
        let spec = Set(Self.specAliases.map { "\($0.0.rawValue).\($0.1)" })
        let code = Set(Field.allCases.flatMap { f in f.aliases.map { "\(f.dataset.rawValue).\($0)" } })
        XCTAssertEqual(code.subtracting(spec).sorted(), [])
    }

    /// Within one dataset no two fields share a header once normalised, or the first would silently win.
    func testAliasesUniqueWithinDataset() {
        var clashes: [String] = []
        for dataset in Dataset.allCases {
            var seen: [String: Field] = [:]
            for field in dataset.fields {
                for alias in field.aliases {
                    let key = HeaderMatcher.normalise(alias)
                    if let other = seen[key], other != field { clashes.append("\(dataset).\(alias)") }
                    seen[key] = field
                }
            }
        }
        XCTAssertEqual(clashes, [])
    }
}
