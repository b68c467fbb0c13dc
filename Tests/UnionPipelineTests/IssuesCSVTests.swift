// issues.csv cells: quoted by their bytes (RFC 4180), formula-looking text neutralised, many findings
// written in two halves and joined in order.
import UnionCore
import XCTest

@testable import UnionWriters

final class IssuesCSVTests: XCTestCase {
    func testCellsAreQuotedByTheirBytes() {
        XCTAssertEqual(IssuesCSVWriter.csvCell("张三"), "张三")
        XCTAssertEqual(IssuesCSVWriter.csvCell("a,b"), "\"a,b\"")
        XCTAssertEqual(IssuesCSVWriter.csvCell("say \"hi\""), "\"say \"\"hi\"\"\"")
        // A CR LF pair is one Character, neither CR nor LF: the cell is still quoted.
        XCTAssertEqual(IssuesCSVWriter.csvCell("第一行\r\n第二行"), "\"第一行\r\n第二行\"")
        XCTAssertEqual(IssuesCSVWriter.csvCell("a\rb"), "\"a\rb\"")
        // A quote with a combining mark after it is one Character too: the quote is still doubled.
        XCTAssertEqual(IssuesCSVWriter.csvCell("x\"\u{301}y"), "\"x\"\"\u{301}y\"")
        XCTAssertEqual(IssuesCSVWriter.csvCell("=1+1"), "'=1+1")
        XCTAssertEqual(IssuesCSVWriter.csvCell("-2,3"), "\"'-2,3\"")
        XCTAssertEqual(IssuesCSVWriter.csvCell(""), "")
    }

    func testManyFindingsAreTheLinesOfEachInOrder() {
        let presenter = FindingPresenter(language: .zh, mask: true)
        let findings = (0..<3_001).map { i in
            Finding(rule: i % 3 == 0 ? .M01 : .V02, severity: .error, file: "members.csv", row: i + 2, column: i % 3 == 0 ? 2 : 6,
                    field: i % 3 == 0 ? .memberID : .joinDate, value: i % 3 == 0 ? "11010519491231002" + String(i % 10) : "2025-13-0\(i % 9)",
                    arguments: i % 3 == 0 ? ["checksum"] : [])
        }
        let whole = IssuesCSVWriter.bytes(findings, presenter: presenter)
        let header = IssuesCSVWriter.bytes([], presenter: presenter)
        XCTAssertEqual(Array(header.prefix(3)), [0xEF, 0xBB, 0xBF])
        var joined = header
        for f in findings { joined += IssuesCSVWriter.bytes([f], presenter: presenter).dropFirst(header.count) }
        XCTAssertEqual(whole, joined)
        let text = String(decoding: whole, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "\r\n").count, findings.count + 2)
        XCTAssertTrue(text.contains("\r\nmembers.csv,3002,C,id_number,110105********0020,M01,error,"), "the last finding, masked")
    }
}

final class IssuesCSVStreamTests: XCTestCase {
    /// Written a block at a time, the file holds exactly the bytes of the whole text.
    func testWrittenFileIsTheWholeText() throws {
        let presenter = FindingPresenter(language: .zh, mask: true)
        let findings = (0..<70_001).map { i in
            Finding(rule: .V02, severity: .error, file: "members.csv", row: i + 2, column: 6, field: .joinDate,
                    value: "2025-13-0\(i % 9)")
        }
        let root = try makeTempFolder("issues-stream")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try IssuesCSVWriter.write(path: root + "/issues.csv", findings, presenter: presenter)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/issues.csv"))), IssuesCSVWriter.bytes(findings, presenter: presenter))
        try IssuesCSVWriter.write(path: root + "/empty.csv", [], presenter: presenter)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/empty.csv"))), IssuesCSVWriter.bytes([], presenter: presenter))
    }
}
