// Tests for RulePolicy and FindingRecorder: switched-off rules dropped, one finding per rule per row (SPEC §7).

import XCTest
import UnionCore

final class RulePolicyTests: XCTestCase {
    /// The defaults of SPEC §3 (V06 at its general severity, warning).
    static let specPolicy: RulePolicy = {
        let warnings: Set<RuleCode> = [.F05, .F06, .F07, .F08, .F09, .U01, .V04, .V06, .M03, .M04, .M06, .M08, .M09, .M10,
                                       .X03, .P04, .P07, .C02, .C06, .E01, .E03]
        return RulePolicy(severities: Dictionary(uniqueKeysWithValues: RuleCode.allCases.map {
            ($0, warnings.contains($0) ? Severity.warning : .error)
        }))
    }()

    func testFixedRules() {
        XCTAssertEqual(RuleCode.allCases.filter(\.isFixed), [.F01, .F02, .F03, .F04, .V01, .V02, .V03])
    }

    /// The codes of the SPEC §3 table, in its order.
    func testCatalogOrder() {
        XCTAssertEqual(RuleCode.allCases.map(\.rawValue).joined(separator: " "),
                       "F01 F02 F03 F04 F05 F06 F07 F08 F09 F10 F11 F12 F13 U01 V01 V02 V03 V04 V05 V06 M01 M02 M03 M04 M05 M06 M07 M08 M09 M10 "
                           + "X01 X02 X03 X04 L01 L02 L03 L04 L05 P01 P02 P03 P04 P05 P06 P07 P08 C01 C02 C03 C04 C05 C06 E01 E02 E03")
    }

    func testSwitchedOffRuleIsDisabled() {
        var severities = Self.specPolicy.severities
        severities[.M06] = nil
        XCTAssertEqual(RulePolicy(severities: severities).isEnabled(.M06), false)
    }

    func testSeverityOfPolicy() { XCTAssertEqual(Self.specPolicy.severity(of: .M10), .warning) }

    // MARK: V06: error for plan, else warning (SPEC §3)

    func testV06OnClaimPlanIsError() { XCTAssertEqual(Self.specPolicy.severity(of: .V06, field: .claimPlan), .error) }
    func testV06OnEnrollPlanIsError() { XCTAssertEqual(Self.specPolicy.severity(of: .V06, field: .enrollPlan), .error) }
    func testV06OnStatusIsWarning() { XCTAssertEqual(Self.specPolicy.severity(of: .V06, field: .status), .warning) }
    func testOtherRuleOnPlanKeepsItsSeverity() { XCTAssertEqual(Self.specPolicy.severity(of: .V02, field: .claimPlan), .error) }

    /// A severity set in unionbatch.toml applies to every field alike.
    func testConfiguredV06AppliesToPlans() {
        var policy = Self.specPolicy
        policy.configured = [.V06]
        XCTAssertEqual(policy.severity(of: .V06, field: .claimPlan), .warning)
    }

    func testSwitchedOffV06IsOffForPlans() {
        var policy = Self.specPolicy
        policy.severities[.V06] = nil
        XCTAssertNil(policy.severity(of: .V06, field: .enrollPlan))
    }

    func testRecorderRaisesV06ForPlan() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "c.csv")
        recorder.rowFinding(ValueFinding.unknownValue(written: "牙科"), record: 0, row: 2, column: 2, field: .claimPlan, value: "牙科")
        recorder.rowFinding(ValueFinding.unknownValue(written: "在职"), record: 1, row: 3, column: 2, field: .status, value: "在职")
        XCTAssertEqual(recorder.findings.map(\.severity), [.error, .warning])
    }

    func testErrorsSortBeforeWarnings() { XCTAssertEqual([Severity.warning, .error].sorted(), [.error, .warning]) }

    func testRowFindingCarriesPlaceAndSeverity() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "members.csv")
        recorder.rowFinding(MemberFinding.wrongCheckCharacter, record: 3, row: 5, column: 1, field: .memberID, value: "110101199003071234")
        XCTAssertEqual(recorder.findings, [Finding(rule: .M01, severity: .error, file: "members.csv", row: 5, column: 1,
                                                   field: .memberID, value: "110101199003071234", arguments: ["checksum"],
                                                   recordIndex: 3)])
    }

    func testOneFindingPerRulePerRow() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "m.csv")
        recorder.rowFinding(ValueFinding.notADate, record: 0, row: 2, column: 3, field: .birthDate, value: "x")
        let second = recorder.rowFinding(ValueFinding.notADate, record: 0, row: 2, column: 4, field: .joinDate, value: "y")
        recorder.rowFinding(ValueFinding.notMoney, record: 0, row: 2, column: 5, field: .monthlyWage, value: "z")
        recorder.rowFinding(ValueFinding.notADate, record: 1, row: 3, column: 3, field: .birthDate, value: "x")
        XCTAssertEqual([String(second)] + recorder.findings.map { "\($0.rule)@\($0.row!):\($0.column!)" },
                       ["false", "V02@2:3", "V03@2:5", "V02@3:3"])
    }

    func testSwitchedOffRuleRecordsNothing() {
        var severities = Self.specPolicy.severities
        severities[.M06] = nil
        var recorder = FindingRecorder(policy: RulePolicy(severities: severities), file: "m.csv")
        recorder.rowFinding(MemberFinding.badPhone, record: 0, row: 2, column: 6, field: .phone, value: "123")
        recorder.fileFinding(MemberFinding.badPhone)
        recorder.cellFinding(MemberFinding.badPhone, row: 1, column: 0, field: nil, value: nil)
        XCTAssertEqual(recorder.findings, [])
    }

    func testChangedSeverityApplies() {
        var severities = Self.specPolicy.severities
        severities[.M06] = .error
        var recorder = FindingRecorder(policy: RulePolicy(severities: severities), file: "m.csv")
        recorder.rowFinding(MemberFinding.badPhone, record: 0, row: 2)
        XCTAssertEqual(recorder.findings.map(\.severity), [.error])
    }

    func testFileFindingHasNoPlace() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "m.csv")
        recorder.fileFinding(FileFinding.empty)
        XCTAssertEqual(recorder.findings, [Finding(rule: .F06, severity: .warning, file: "m.csv", arguments: ["empty"])])
    }

    func testCellFindingsAreNotMergedPerRow() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "m.csv")
        recorder.cellFinding(FileFinding.duplicateField(key: "id_number"), row: 1, column: 2, field: .memberID, value: "身份证号码")
        recorder.cellFinding(FileFinding.duplicateField(key: "name"), row: 1, column: 3, field: .memberName, value: "职工姓名")
        XCTAssertEqual(recorder.findings.map(\.column), [2, 3])
    }

    func testAppendKeepsOnePerRulePerRow() {
        var recorder = FindingRecorder(policy: Self.specPolicy, file: "p.csv")
        recorder.rowFinding(ValueFinding.empty, record: 4, row: 6)
        recorder.append(contentsOf: [
            Finding(rule: .V01, severity: .error, file: "p.csv", row: 6, recordIndex: 4),
            Finding(rule: .P02, severity: .error, file: "p.csv", row: 6, recordIndex: 4),
            Finding(rule: .P02, severity: .error, file: "p.csv", row: 6, recordIndex: 4),
            Finding(rule: .U01, severity: .warning, file: "p.csv"),
        ])
        XCTAssertEqual(recorder.findings.map(\.rule), [.V01, .P02, .U01])
    }
}
