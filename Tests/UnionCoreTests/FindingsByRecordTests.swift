// Tests for FindingsByRecord: each record's findings, in the order they were recorded, and none for others.

import UnionCore
import XCTest

final class FindingsByRecordTests: XCTestCase {
    private func finding(_ rule: RuleCode, record: Int?) -> Finding {
        Finding(rule: rule, severity: .error, file: "m.csv", row: record.map { $0 + 2 }, recordIndex: record)
    }

    func testEachRecordGetsItsFindingsInRecordedOrder() {
        // Out of record order, as rules across rows add them (M05 on an earlier row after later rows' findings).
        let findings = [finding(.V01, record: 3), finding(.F07, record: nil), finding(.M01, record: 0),
                        finding(.M05, record: 3), finding(.V02, record: 1), finding(.M02, record: 0), finding(.P01, record: 3)]
        let index = FindingsByRecord(findings)
        XCTAssertEqual(index[0].map(\.rule), [.M01, .M02])
        XCTAssertEqual(index[1].map(\.rule), [.V02])
        XCTAssertEqual(index[2].map(\.rule), [])
        XCTAssertEqual(index[3].map(\.rule), [.V01, .M05, .P01])
        XCTAssertEqual(index[4].map(\.rule), [])
        XCTAssertEqual(index[-1].map(\.rule), [])
    }

    func testTheSameAsADictionaryOfArrays() {
        var findings: [Finding] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let record = Int(state >> 33) % 300
            findings.append(finding(RuleCode.allCases[i % RuleCode.allCases.count], record: i % 17 == 0 ? nil : record))
        }
        var expected: [Int: [Finding]] = [:]
        for f in findings { if let r = f.recordIndex { expected[r, default: []].append(f) } }
        let index = FindingsByRecord(findings)
        for record in 0..<300 { XCTAssertEqual(index[record], expected[record] ?? [], "record \(record)") }
    }
}
