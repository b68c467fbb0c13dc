// Bilingual texts made of parts: joined, concatenated and picked, each language on its own.
import UnionCore
import UnionRules
import XCTest

final class LocalizedTextPartsTests: XCTestCase {
    func testPartsJoinEachLanguageWithItsOwnSeparator() {
        let parts = [LocalizedText(zh: "甲", en: "a"), LocalizedText(zh: "乙", en: "b"), LocalizedText(verbatim: "3")]
        let joined = parts.joined(separator: LocalizedText(zh: "、", en: ", "))
        XCTAssertEqual(joined, LocalizedText(zh: "甲、乙、3", en: "a, b, 3"))
        XCTAssertEqual(LocalizedText(zh: "收入", en: "income") + LocalizedText(zh: "合计", en: " total"), LocalizedText(zh: "收入合计", en: "income total"))
        XCTAssertEqual(parts.text(.zh), ["甲", "乙", "3"])
        XCTAssertEqual(parts.text(.en), ["a", "b", "3"])
        XCTAssertEqual([LocalizedText]().joined(separator: LocalizedText(zh: "、", en: ", ")), .empty)
        XCTAssertEqual(LocalizedText.empty + joined, joined)
    }
}
