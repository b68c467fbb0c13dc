// Tests for the order the rules across rows take facts in (SPEC §7): date, then file, then row; undated last.
import UnionCore
import XCTest

@testable import UnionRules

final class DatasetCheckerTests: XCTestCase {
    private struct Fact {
        let date: Int32
        let tag: String
        var takesPart = true
    }

    func testDateThenFileThenRowWithUndatedLastAndLeftOutSkipped() {
        let first = [Fact(date: 20, tag: "a0"), Fact(date: Absent.day, tag: "a1"), Fact(date: 10, tag: "a2"),
                     Fact(date: 20, tag: "a3"), Fact(date: -5, tag: "a4"), Fact(date: 10, tag: "a5", takesPart: false)]
        let second = [Fact(date: 10, tag: "b0"), Fact(date: Absent.day, tag: "b1"), Fact(date: Int32.max, tag: "b2")]
        let files = [first, [], second]
        let order = inDateOrder(files, date: \.date, where: \.takesPart)
        XCTAssertEqual(order.map { files[$0.file][$0.index].tag }, ["a4", "a2", "b0", "a0", "a3", "b2", "a1", "b1"])
    }

    func testNoFactsNoOrder() {
        XCTAssertTrue(Array(inDateOrder([[Fact]](), date: \.date, where: \.takesPart)).isEmpty)
        XCTAssertTrue(Array(inDateOrder([[Fact(date: 1, tag: "x", takesPart: false)]], date: \.date, where: \.takesPart)).isEmpty)
    }
}
