// Tests for the time-zone-free calendar arithmetic behind creation dates.
import XCTest
@testable import Xlsx

final class CalendarDayTests: XCTestCase {
    private func days(_ year: Int, _ month: Int, _ day: Int) -> Int? {
        CalendarDay((year, month, day), years: 1...9999)?.daysSinceUnixEpoch
    }

    func testDaysSinceUnixEpoch() {
        XCTAssertEqual(days(1970, 1, 1), 0)
        XCTAssertEqual(days(1969, 12, 31), -1)
        XCTAssertEqual(days(2000, 3, 1), 11_017)
        XCTAssertEqual(days(2024, 2, 29), 19_782)
        XCTAssertEqual(days(2025, 12, 31), 20_453)
        XCTAssertEqual(days(1600, 3, 1), -135_080)
        XCTAssertEqual(days(9999, 12, 31), 2_932_896)
    }

    func testMidnightUTC() {
        XCTAssertEqual(CalendarDay((2025, 12, 31), years: 1970...9999)?.unixTimeAtMidnightUTC, 1_767_139_200)
    }

    func testImpossibleDatesAreRejected() {
        XCTAssertNotNil(CalendarDay((2024, 2, 29), years: 1900...9999))
        XCTAssertNil(CalendarDay((2025, 2, 29), years: 1900...9999))
        XCTAssertNil(CalendarDay((1900, 2, 29), years: 1900...9999))
        XCTAssertNotNil(CalendarDay((2000, 2, 29), years: 1900...9999))
        XCTAssertNil(CalendarDay((2025, 4, 31), years: 1900...9999))
        XCTAssertNil(CalendarDay((2025, 13, 1), years: 1900...9999))
        XCTAssertNil(CalendarDay((2025, 0, 1), years: 1900...9999))
        XCTAssertNil(CalendarDay((1899, 12, 31), years: 1900...9999))
    }
}
