// Proleptic Gregorian calendar arithmetic, free of time zones, for dates handed to C.

/// A plain year-month-day checked against the calendar.
struct CalendarDay: Equatable {
    let year: Int
    let month: Int
    let day: Int

    /// Nil unless the date exists and lies in `years`.
    init?(_ date: (year: Int, month: Int, day: Int), years: ClosedRange<Int>) {
        guard years.contains(date.year), (1...12).contains(date.month),
              (1...CalendarDay.daysInMonth(date.month, of: date.year)).contains(date.day) else {
            return nil
        }
        year = date.year
        month = date.month
        day = date.day
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 (day 0), counting whole 400-year cycles of 146,097 days
    /// so that no time zone or C library call is involved.
    var daysSinceUnixEpoch: Int {
        // Count from 1 March so the leap day falls at the end of the counted year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468  // 719,468 days from 0000-03-01 to 1970-01-01
    }

    /// Seconds since the Unix epoch at 00:00 UTC of this day.
    var unixTimeAtMidnightUTC: Int {
        daysSinceUnixEpoch * 86_400
    }
}
