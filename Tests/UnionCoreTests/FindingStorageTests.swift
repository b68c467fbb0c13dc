// A finding keeps every part as given, in a compact layout.
import UnionCore
import XCTest

final class FindingStorageTests: XCTestCase {
    func testEveryPartRoundTrips() {
        var f = Finding(rule: .M05, severity: .warning, file: "会员名册.csv", row: 1_048_577, column: 3, field: .memberID,
                        value: "1101\u{0}05", arguments: ["会员名册.csv:12", "", "张三"], recordIndex: 2_000_000)
        XCTAssertEqual(f.row, 1_048_577)
        XCTAssertEqual(f.column, 3)
        XCTAssertEqual(f.field, .memberID)
        XCTAssertEqual(f.value, "1101\u{0}05")
        XCTAssertEqual(f.arguments, ["会员名册.csv:12", "", "张三"])
        XCTAssertEqual(f.recordIndex, 2_000_000)
        f.value = nil
        XCTAssertNil(f.value)
        XCTAssertEqual(f.arguments, ["会员名册.csv:12", "", "张三"])
        f.value = ""
        XCTAssertEqual(f.value, "")
        f.arguments = []
        XCTAssertEqual(f.arguments, [])
        XCTAssertEqual(f.value, "")
        f.recordIndex = nil
        f.row = nil
        f.column = nil
        XCTAssertNil(f.row)
        XCTAssertNil(f.column)
        XCTAssertNil(f.recordIndex)
        let file = Finding(rule: .F04, severity: .error, file: "x.csv", arguments: ["missing"])
        XCTAssertNil(file.value)
        XCTAssertEqual(file.arguments, ["missing"])
        XCTAssertNotEqual(Finding(rule: .F04, severity: .error, file: "x.csv", value: ""), Finding(rule: .F04, severity: .error, file: "x.csv"))
        XCTAssertNotEqual(Finding(rule: .F04, severity: .error, file: "x.csv", arguments: [""]), Finding(rule: .F04, severity: .error, file: "x.csv"))
    }

    /// Small enough that a million findings stay far under the 400 MB bound.
    func testAFindingIsCompact() {
        XCTAssertLessThanOrEqual(MemoryLayout<Finding>.stride, 64)
    }
}
