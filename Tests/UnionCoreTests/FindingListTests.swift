// Tests for FindingList: each file's array read in turn, as one collection, without a combined copy.
import UnionCore
import XCTest

final class FindingListTests: XCTestCase {
    private func finding(_ file: String, _ row: Int) -> Finding {
        Finding(rule: .V01, severity: .error, file: file, row: row, column: 1, field: nil, value: "v\(row)", arguments: ["金额"], recordIndex: row - 2)
    }

    func testPartsReadInTurnWithEmptyOnesLeftOut() {
        let a = [finding("a.csv", 2), finding("a.csv", 3)], b = [finding("b.csv", 5)], c = [finding("c.csv", 2), finding("c.csv", 9)]
        let list = FindingList([[], a, [], b, c, []])
        XCTAssertEqual(list.count, 5)
        XCTAssertEqual(list.parts.count, 3)
        XCTAssertEqual(Array(list), a + b + c)
        XCTAssertEqual((0..<5).map { list[$0] }, a + b + c)
        XCTAssertEqual(list.map { "\($0.file):\($0.row!)" }, ["a.csv:2", "a.csv:3", "b.csv:5", "c.csv:2", "c.csv:9"])
        XCTAssertEqual(Array(list[1..<4]), [a[1], b[0], c[0]])
        XCTAssertEqual(Array(list.prefix(2)), a)
        XCTAssertEqual(list.array, a + b + c)
    }

    func testEmptyAndSinglePart() {
        XCTAssertTrue(FindingList([[Finding]]()).isEmpty)
        XCTAssertTrue(FindingList([[], []]).isEmpty)
        XCTAssertEqual(Array(FindingList([Finding]())), [])
        let one = [finding("a.csv", 2), finding("a.csv", 4)]
        XCTAssertEqual(FindingList(one).array, one)
        XCTAssertEqual(FindingList(one)[1].row, 4)
    }
}
