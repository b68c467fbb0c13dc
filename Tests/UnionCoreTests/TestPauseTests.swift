// Tests for the test hook's variable: only `MOMENT:PATH` with a known moment and a path asks for a pause.

import XCTest
@testable import UnionCore

final class TestPauseTests: XCTestCase {
    func testAKnownMomentAndAPathAskForAPause() throws {
        let request = try XCTUnwrap(TestPause.parse("installing:/tmp/a:b"))
        XCTAssertEqual(request.moment, .installing)
        // Only the first colon separates: the path may hold more.
        XCTAssertEqual(request.path, "/tmp/a:b")
        XCTAssertEqual(TestPause.parse("converted:x")?.moment, .converted)
    }

    func testAnythingElseLeavesTheHookInert() {
        for value in ["", "installing", "installing:", ":/tmp/x", "Installing:/tmp/x", "later:/tmp/x", " opening:/tmp/x"] {
            XCTAssertNil(TestPause.parse(value), value)
        }
        // The tests never set the variable: the hook does nothing in this process.
        XCTAssertNil(getenv(TestPause.variable))
        XCTAssertNil(TestPause.request)
    }

    func testTheMomentsOfARunAreInOrder() {
        XCTAssertEqual(TestPause.Moment.ofARun.map(\.rawValue), ["opening", "checking", "checked", "writing", "installing"])
    }
}
