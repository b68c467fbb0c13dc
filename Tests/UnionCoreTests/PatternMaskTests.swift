// Masking by pattern and terminal-safe text.
import UnionCore
import XCTest

final class PatternMaskTests: XCTestCase {
    func testIDsAndMobilesAnywhereAreMasked() {
        XCTAssertEqual(PatternMask.mask("代领人110105194912310021"), "代领人110105********0021")
        XCTAssertEqual(PatternMask.mask("x 11010519491231002X,"), "x 110105********002X,")
        XCTAssertEqual(PatternMask.mask("11010519491231002x"), "110105********002x")
        XCTAssertEqual(PatternMask.mask("旧证 110105491231002"), "旧证 110105*****1002")
        XCTAssertEqual(PatternMask.mask("电话13912345678。"), "电话139****5678。")
        XCTAssertEqual(PatternMask.mask("13912345678/15534365412"), "139****5678/155****5412")
    }

    func testWhatIsNotMasked() {
        // Next to a letter or a digit: part of something else.
        XCTAssertEqual(PatternMask.mask("A13912345678"), "A13912345678")
        XCTAssertEqual(PatternMask.mask("139123456789"), "139123456789")
        XCTAssertEqual(PatternMask.mask("110105194912310021a"), "110105194912310021a")
        // No valid date in an ID's place.
        XCTAssertEqual(PatternMask.mask("110105194913310021"), "110105194913310021")
        XCTAssertEqual(PatternMask.mask("110105491331002"), "110105491331002")
        // Not a mobile: 12…, and a landline.
        XCTAssertEqual(PatternMask.mask("12912345678"), "12912345678")
        XCTAssertEqual(PatternMask.mask("010-12345678"), "010-12345678")
        // A SHA-256 holding digits that would look like an ID on their own.
        let sha = "ab110105194912310021cd13912345678ef" + String(repeating: "0", count: 29)
        XCTAssertEqual(sha.count, 64)
        XCTAssertEqual(PatternMask.mask(sha), sha)
        XCTAssertEqual(PatternMask.mask("机关分会"), "机关分会")
        XCTAssertEqual(PatternMask.mask(""), "")
    }

    func testControlCharactersBecomeReplacementCharacters() {
        XCTAssertEqual(TerminalText.safe("a\u{1B}]0;title\u{07}b"), "a\u{FFFD}]0;title\u{FFFD}b")
        XCTAssertEqual(TerminalText.safe("a\tb\r\nc\u{7F}\u{9B}2J"), "a\tb\u{FFFD}\u{FFFD}c\u{FFFD}\u{FFFD}2J")
        XCTAssertEqual(TerminalText.safe("正常 text"), "正常 text")
    }
}
