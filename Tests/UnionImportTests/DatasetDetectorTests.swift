// Tests for DatasetDetector (SPEC §2.2): most required fields wins, the file name breaks ties, ambiguous and unknown headers.

import XCTest
import UnionCore
import UnionImport

final class DatasetDetectorTests: XCTestCase {
    /// `members`, `ambiguous:payments,claims` or `none`.
    private func choice(_ header: [String], _ fileName: String = "data.csv", extra: [String: [Field]] = [:]) -> String {
        switch DatasetDetector.choose(header: header, fileName: fileName, extraAliases: extra) {
        case .chosen(let mapping): return mapping.dataset.rawValue
        case .ambiguous(let sets): return "ambiguous:" + sets.map(\.rawValue).joined(separator: ",")
        case .none: return "none"
        }
    }

    private let paymentsHeader = ["姓名", "身份证号", "类别", "金额", "发放日期"]
    /// Complete for payments and claims (five required fields each).
    private let paymentsAndClaims = ["姓名", "身份证号", "类别", "金额", "发放日期", "险种", "报销金额", "报销日期"]

    func testMembersHeader() { XCTAssertEqual(choice(["姓名", "身份证号", "性别", "分会"]), "members") }

    /// A payments file also has a name and an ID number, but it is payments, not members.
    func testPaymentsHeaderIsPayments() { XCTAssertEqual(choice(paymentsHeader), "payments") }

    func testPaymentsHeaderInMembersNamedFileStillPayments() { XCTAssertEqual(choice(paymentsHeader, "会员名册.csv"), "payments") }

    func testClaimsHeader() { XCTAssertEqual(choice(["姓名", "身份证号", "就诊类型", "报销金额", "报销日期"]), "claims") }

    func testEnrollmentsHeader() { XCTAssertEqual(choice(["姓名", "身份证号", "险种", "保费"]), "enrollments") }

    /// Claims (5 required) beats enrollments (4) even when the name says enrolment.
    func testMostRequiredFieldsBeatsFileName() {
        XCTAssertEqual(choice(["姓名", "身份证号", "险种", "保费", "报销金额", "报销日期"], "参保.csv"), "claims")
    }

    func testTieBrokenByClaimsName() { XCTAssertEqual(choice(paymentsAndClaims, "2025年报销.csv"), "claims") }
    func testTieBrokenByPaymentsName() { XCTAssertEqual(choice(paymentsAndClaims, "2025年慰问发放.csv"), "payments") }
    func testTieBrokenByEnglishNameAnyCase() { XCTAssertEqual(choice(paymentsAndClaims, "Claims-2025.CSV"), "claims") }
    func testTieWithoutKeywordIsAmbiguous() { XCTAssertEqual(choice(paymentsAndClaims), "ambiguous:payments,claims") }
    func testTieWithBothKeywordsIsAmbiguous() { XCTAssertEqual(choice(paymentsAndClaims, "慰问与报销.csv"), "ambiguous:payments,claims") }

    func testNoDataset() { XCTAssertEqual(choice(["编号", "备注"]), "none") }
    func testNameAloneIsNoDataset() { XCTAssertEqual(choice(["姓名", "性别"], "会员名册.csv"), "none") }
    func testTitleRowIsNoDataset() { XCTAssertEqual(choice(["2025年工会会员名册"]), "none") }

    func testExtraAliasCompletesDataset() {
        XCTAssertEqual(choice(["姓名", "员工身份证"], extra: ["员工身份证": [.memberID]]), "members")
    }

    func testChosenMappingCarriesColumns() {
        guard case .chosen(let mapping) = DatasetDetector.choose(header: paymentsHeader, fileName: "x.csv") else {
            return XCTFail("payments header not chosen")
        }
        XCTAssertEqual(mapping.fieldOfColumn, [.payeeName, .payeeID, .category, .amount, .paidDate])
    }

    // MARK: datasetsNamed

    func testNamedMembers() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "2025会员名册.csv"), [.members]) }
    func testNamedEnglishUpperCase() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "MEMBERS.CSV"), [.members]) }
    func testNamedEnrollments() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "enrollments-2025.csv"), [.enrollments]) }
    func testNamedSubsidies() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "subsidies.tsv"), [.payments]) }
    func testNamedEducationGrant() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "金秋助学.csv"), [.payments]) }
    func testNamedTwo() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "慰问报销.csv"), [.payments, .claims]) }
    func testNamedNone() { XCTAssertEqual(DatasetDetector.datasetsNamed(by: "export.csv"), []) }
}
