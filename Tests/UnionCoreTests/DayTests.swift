// Tests for Day: the date forms of SPEC §2.3 and §7, month-only dates, Excel serials, calendar arithmetic.

import XCTest
import UnionCore

final class DayTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    private var march5: Day { day(2025, 3, 5) }

    // MARK: Accepted forms (SPEC §2.3, §7 "Dates": zero padding optional)

    func testISO() { XCTAssertEqual(Day.parse("2025-03-05"), march5) }
    func testISOUnpadded() { XCTAssertEqual(Day.parse("2025-3-5"), march5) }
    func testSlashes() { XCTAssertEqual(Day.parse("2025/3/5"), march5) }
    func testSlashesPadded() { XCTAssertEqual(Day.parse("2025/03/05"), march5) }
    func testDots() { XCTAssertEqual(Day.parse("2025.3.5"), march5) }
    func testDotsPadded() { XCTAssertEqual(Day.parse("2025.03.05"), march5) }
    func testCompact() { XCTAssertEqual(Day.parse("20250305"), march5) }
    func testChinese() { XCTAssertEqual(Day.parse("2025年3月5日"), march5) }
    func testChinesePadded() { XCTAssertEqual(Day.parse("2025年03月05日"), march5) }
    func testExcelSerial() { XCTAssertEqual(Day.parse("45721"), march5) }
    func testSurroundingSpaces() { XCTAssertEqual(Day.parse(" 2025-03-05 "), march5) }

    // MARK: A time after the date is ignored

    func testTimeHoursMinutes() { XCTAssertEqual(Day.parse("2025/3/5 0:00"), march5) }
    func testTimeWithSeconds() { XCTAssertEqual(Day.parse("2025-03-05 00:00:00"), march5) }
    func testTimeAfterT() { XCTAssertEqual(Day.parse("2025-03-05T08:30"), march5) }
    func testTimeAfterChineseDate() { XCTAssertEqual(Day.parse("2025年3月5日 14:05"), march5) }
    func testImpossibleTimeRejected() { XCTAssertNil(Day.parse("2025-03-05 25:00")) }
    func testTimeWithoutMinutesRejected() { XCTAssertNil(Day.parse("2025-03-05 8")) }

    // MARK: Month alone (join_date, leave_date only)

    func testChineseMonthAllowed() { XCTAssertEqual(Day.parse("2010年3月", precision: .monthAllowed), day(2010, 3, 1)) }
    func testDashMonthAllowed() { XCTAssertEqual(Day.parse("2010-03", precision: .monthAllowed), day(2010, 3, 1)) }
    func testSlashMonthAllowed() { XCTAssertEqual(Day.parse("2010/3", precision: .monthAllowed), day(2010, 3, 1)) }
    func testChineseMonthRejectedForDayPrecision() { XCTAssertNil(Day.parse("2010年3月")) }
    func testDashMonthRejectedForDayPrecision() { XCTAssertNil(Day.parse("2010-03")) }
    func testSlashMonthRejectedForDayPrecision() { XCTAssertNil(Day.parse("2010/3")) }
    func testFullDateStillReadWhenMonthAllowed() { XCTAssertEqual(Day.parse("2025-03-05", precision: .monthAllowed), march5) }
    func testImpossibleMonthRejectedWhenMonthAllowed() { XCTAssertNil(Day.parse("2010-13", precision: .monthAllowed)) }

    // MARK: Rejected forms

    func testImpossibleDayRejected() { XCTAssertNil(Day.parse("2025-02-30")) }
    func testImpossibleMonthRejected() { XCTAssertNil(Day.parse("2025-13-01")) }
    func testWordRejected() { XCTAssertNil(Day.parse("去年")) }
    /// SPEC §2.3 "Anything else is an error on that cell (V02), never a guess": a bare year is not a date.
    /// Regression: `Day.parse("2025")` once returned 1905-07-17, reading the year as an Excel serial.
    func testBareYearRejected() { XCTAssertNil(Day.parse("2025")) }
    func testFourDigitNumberRejected() { XCTAssertNil(Day.parse("0305")) }
    func testSmallSerialRejected() { XCTAssertNil(Day.parse("61")) }
    func testFirstFiveDigitSerial() { XCTAssertEqual(Day.parse("10000"), day(1927, 5, 18)) }
    func testLastAcceptedSerial() { XCTAssertEqual(Day.parse("73415"), day(2100, 12, 31)) }
    func testSerialPastRangeRejected() { XCTAssertNil(Day.parse("73416")) }
    func testMonthFirstRejected() { XCTAssertNil(Day.parse("3/5/2025")) }
    func testMixedSeparatorsRejected() { XCTAssertNil(Day.parse("2025-3/5")) }
    func testEmptyRejected() { XCTAssertNil(Day.parse("")) }
    func testCompactImpossibleRejected() { XCTAssertNil(Day.parse("20250230")) }
    func testChineseWithoutDayMarkRejected() { XCTAssertNil(Day.parse("2025年3月5")) }
    func testTwoDigitYearRejected() { XCTAssertNil(Day.parse("25-03-05")) }

    // MARK: Leap years

    func testLeapDayOfLeapYear() { XCTAssertEqual(Day.parse("2024-02-29"), day(2024, 2, 29)) }
    func testLeapDayOfCommonYearRejected() { XCTAssertNil(Day.parse("2023-02-29")) }
    func testCenturyNotLeap() { XCTAssertNil(Day.parse("1900-02-29")) }
    func testFourthCenturyLeap() { XCTAssertEqual(Day.parse("2000-02-29"), day(2000, 2, 29)) }
    func testIsLeap() { XCTAssertEqual([1900, 2000, 2023, 2024].map(Day.isLeap), [false, true, false, true]) }

    // MARK: Excel serials both ways (1899-12-30 + serial, with Excel's phantom 1900-02-29)

    func testSerialOfDay() { XCTAssertEqual(march5.excelSerial, 45_721) }
    func testDayOfSerial() { XCTAssertEqual(Day(excelSerial: 45_721), march5) }
    func testSerialOfLeapDay() { XCTAssertEqual(day(2024, 2, 29).excelSerial, 45_351) }
    func testSerialOfFirstMarch1900() { XCTAssertEqual(day(1900, 3, 1).excelSerial, 61) }
    func testSerialOfLastFebruary1900() { XCTAssertEqual(day(1900, 2, 28).excelSerial, 59) }
    func testSerialOne() { XCTAssertEqual(Day(excelSerial: 1), day(1900, 1, 1)) }
    func testPhantomLeapDaySerial() { XCTAssertNil(Day(excelSerial: 60)) }
    func testSerialZero() { XCTAssertNil(Day(excelSerial: 0)) }

    // MARK: Text forms

    func testDescription() { XCTAssertEqual(march5.description, "2025-03-05") }
    func testMonthKey() { XCTAssertEqual(march5.monthKey, "2025-03") }
    func testOrder() { XCTAssertLessThan(day(2024, 12, 31), day(2025, 1, 1)) }

    // MARK: Adding months (clamped to the month's end)

    func testLeapDayPlusYear() { XCTAssertEqual(day(2024, 2, 29).adding(months: 12), day(2025, 2, 28)) }
    func testEndOfJanuaryPlusMonth() { XCTAssertEqual(day(2025, 1, 31).adding(months: 1), day(2025, 2, 28)) }
    func testEndOfJanuaryPlusMonthLeap() { XCTAssertEqual(day(2024, 1, 31).adding(months: 1), day(2024, 2, 29)) }
    func testThirtyFirstToThirtyDayMonth() { XCTAssertEqual(day(2025, 3, 31).adding(months: 1), day(2025, 4, 30)) }
    func testAcrossYearEnd() { XCTAssertEqual(day(2025, 11, 15).adding(months: 3), day(2026, 2, 15)) }
    func testRetirementAgeInMonths() { XCTAssertEqual(day(1965, 5, 31).adding(months: 60 * 12 + 2), day(2025, 7, 31)) }
    func testBackwards() { XCTAssertEqual(day(2025, 3, 31).adding(months: -1), day(2025, 2, 28)) }
    func testAddingDays() { XCTAssertEqual(day(2024, 2, 28).adding(days: 2), day(2024, 3, 1)) }

    // MARK: Whole years (ages)

    func testDayBeforeBirthday() { XCTAssertEqual(day(1990, 3, 7).wholeYears(until: day(2025, 3, 6)), 34) }
    func testOnBirthday() { XCTAssertEqual(day(1990, 3, 7).wholeYears(until: day(2025, 3, 7)), 35) }
    func testLeapBirthdayDayBefore() { XCTAssertEqual(day(2000, 2, 29).wholeYears(until: day(2016, 2, 28)), 15) }
    func testLeapBirthdayInLeapYear() { XCTAssertEqual(day(2000, 2, 29).wholeYears(until: day(2016, 2, 29)), 16) }
    func testLeapBirthdayInCommonYear() { XCTAssertEqual(day(2000, 2, 29).wholeYears(until: day(2017, 3, 1)), 17) }
    func testSameDay() { XCTAssertEqual(march5.wholeYears(until: march5), 0) }

    // MARK: Construction

    func testImpossibleDayNotConstructed() { XCTAssertNil(Day(year: 2025, month: 4, day: 31)) }
    func testDaysSinceEpochRoundTrip() { XCTAssertEqual(Day(daysSinceEpoch: march5.daysSinceEpoch), march5) }
    func testEpoch() { XCTAssertEqual(day(1970, 1, 1).daysSinceEpoch, 0) }
}
