// The string pool: one id a text, told apart by bytes, the same id whether asked by String or by bytes.
import XCTest

@testable import UnionRules

final class StringPoolTests: XCTestCase {
    func testIdsAreGivenInOrderAndFoundAgainByStringOrBytes() {
        var pool = StringPool()
        XCTAssertEqual(pool.id("生产一分会"), 0)
        XCTAssertEqual(pool.id("在册"), 1)
        XCTAssertEqual(pool.id(""), 2)
        XCTAssertEqual(pool.id("生产一分会"), 0)
        var text = "在册"
        XCTAssertEqual(text.withUTF8 { pool.id(bytes: $0) }, 1)
        var empty = ""
        XCTAssertEqual(empty.withUTF8 { pool.id(bytes: $0) }, 2)
        XCTAssertEqual(pool.strings, ["生产一分会", "在册", ""])
        XCTAssertEqual(pool[1], "在册")
    }

    func testCanonicallyEqualTextsWithOtherBytesAreTwoStrings() {
        var pool = StringPool()
        // é composed and decomposed: equal as Strings, different bytes.
        XCTAssertEqual(pool.id("caf\u{E9}"), 0)
        XCTAssertEqual(pool.id("cafe\u{301}"), 1)
        XCTAssertEqual(pool.strings.count, 2)
    }

    func testThousandsOfStringsSurviveTheTableGrowing() {
        var pool = StringPool()
        let texts = (0..<5_000).map { "分会\($0)" }
        for (i, t) in texts.enumerated() { XCTAssertEqual(pool.id(t), Int32(i)) }
        for (i, t) in texts.enumerated().reversed() {
            var bytes = t
            XCTAssertEqual(bytes.withUTF8 { pool.id(bytes: $0) }, Int32(i))
        }
        XCTAssertEqual(pool.strings, texts)
    }
}
