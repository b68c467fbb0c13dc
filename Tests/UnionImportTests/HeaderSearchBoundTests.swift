// The header search reads at most 1 MiB of text (SPEC §7): a giant first line is no header, found at once.
import Foundation
import UnionCore
import UnionImport
import XCTest

final class HeaderSearchBoundTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "unionbatch-bound-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(atPath: folder) }

    private func open(_ name: String, _ bytes: [UInt8]) throws -> InputOpening {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return InputOpener.open(InputSource(name: name, path: path), policy: SpecPolicy.policy)
    }

    static let header = Array("姓名,身份证号,入会日期\n张三,11010519491231002X,2020-01-01\n".utf8)

    func rules(_ opening: InputOpening) -> [String] {
        switch opening {
        case .opened(_, let findings), .empty(_, _, let findings), .refused(let findings, _, _):
            return findings.map { $0.rule.rawValue + ($0.arguments.first.map { " " + $0 } ?? "") }
        }
    }

    func testAFirstLinePastTheBoundIsNoHeader() throws {
        // UTF-8 (streamed) and GB18030 (decoded whole): the same bound.
        let line = [UInt8](repeating: 0x41, count: InputOpener.headerSearchBytes + 10) + [0x0A]
        let utf8 = try open("会员名册.csv", line + Self.header)
        guard case .refused = utf8 else { return XCTFail("\(utf8)") }
        XCTAssertEqual(rules(utf8), ["F04 missing"])
        var gbk = line + [0xD5, 0xC5, 0xC8, 0xFD, 0x0A]  // 张三 in GBK: the file is GB18030
        gbk += Self.header.filter { $0 < 0x80 }
        let decodedWhole = try open("payments.csv", gbk)
        guard case .refused = decodedWhole else { return XCTFail("\(decodedWhole)") }
        XCTAssertEqual(rules(decodedWhole), ["F04 missing"])
        // Alone, a giant line is F04 too, not an empty file.
        let alone = try open("x.csv", line)
        XCTAssertEqual(rules(alone), ["F04 nodataset"])
    }

    func testAHeaderThatEndsWithinTheBoundIsFound() throws {
        let title = [UInt8](repeating: 0x41, count: InputOpener.headerSearchBytes - 200) + [0x0A]
        let opening = try open("会员名册.csv", title + Self.header)
        guard case .opened(let input, _) = opening else { return XCTFail("\(opening)") }
        XCTAssertEqual(input.headerRow, 2)
        XCTAssertEqual(rules(opening), ["F07 1"])
    }
}
