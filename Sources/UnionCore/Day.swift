// A calendar date without time or zone, and the date forms clerks' exports use.

/// A plain year-month-day. Ordered by date.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date that exists in the proleptic Gregorian calendar, else nil (`2025-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO form `2025-03-05`.
    public var description: String {
        let y = String(year)
        let yy = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return yy + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// `2025-03` for monthly breakdowns.
    public var monthKey: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(unchecked: y, m, d)
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` later, clamped to the month's last day (2024-02-29 + 12 months = 2025-02-28).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return Day(unchecked: y, m, min(day, Day.daysIn(month: m, year: y)))
    }

    /// Whole years from `self` to `other` (age on `other` for a birth date `self`).
    public func wholeYears(until other: Day) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// Excel's serial day number (1900 date system, with its phantom 1900-02-29).
    public var excelSerial: Int {
        let serial = daysSinceEpoch + 25_569
        return serial < 61 ? serial - 1 : serial
    }

    public init?(excelSerial serial: Int) {
        // Serials 1..60 are before Excel's phantom leap day; 60 itself is that day and does not exist.
        guard serial >= 1, serial != 60, serial <= 2_958_465 else { return nil }
        let adjusted = serial < 60 ? serial + 1 : serial
        self.init(daysSinceEpoch: adjusted - 25_569)
    }
}

extension Day {
    public enum Precision: Sendable { case day, monthAllowed }

    /// Parses `2025-03-05`, `2025/3/5`, `2025.3.5`, `20250305`, `2025年3月5日`, an Excel serial
    /// (`45721`), with any time after the date ignored. With `.monthAllowed` a month alone
    /// (`2010年3月`, `2010-03`, `2010/3`) is read as its first day. Anything else is nil.
    public static func parse(_ raw: String, precision: Precision = .day) -> Day? {
        if let day = parseNumeric(raw.utf8) { return day }
        return parseAnyForm(raw, precision: precision)
    }

    /// `parse` of a cell given as its UTF-8 bytes: the common forms read without making a `String`.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, precision: Precision = .day) -> Day? {
        if let day = parseNumeric(bytes) { return day }
        return parseAnyForm(String(decoding: bytes, as: UTF8.self), precision: precision)
    }

    /// The common forms without allocating: `2025-03-05`, `2025/3/5`, `2025.3.5` (one separator
    /// throughout), nothing before or after. Nil means "not this form", not "not a date".
    @inline(__always)
    private static func parseNumeric<Bytes: Sequence<UInt8>>(_ utf8: Bytes) -> Day? {
        var parts = (0, 0, 0)
        var index = 0
        var digits = 0
        var separator: UInt8 = 0
        for b in utf8 {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                // More digits than the part can have: not this form (and a long run would overflow).
                guard digits <= (index == 0 ? 4 : 2) else { return nil }
                let d = Int(b - 0x30)
                switch index {
                case 0: parts.0 = parts.0 * 10 + d
                case 1: parts.1 = parts.1 * 10 + d
                default: parts.2 = parts.2 * 10 + d
                }
            } else if b == 0x2D || b == 0x2F || b == 0x2E {
                if separator == 0 { separator = b } else if separator != b { return nil }
                let expected = index == 0 ? 4 : 2
                guard index < 2, digits >= 1, digits <= expected, index != 0 || digits == 4 else { return nil }
                index += 1
                digits = 0
            } else {
                return nil
            }
        }
        guard index == 2, digits >= 1, digits <= 2 else { return nil }
        return Day(year: parts.0, month: parts.1, day: parts.2)
    }

    private static func parseAnyForm(_ raw: String, precision: Precision) -> Day? {
        var bytes = Array(raw.utf8)
        trimWhitespace(&bytes)
        if bytes.isEmpty { return nil }
        normaliseFullWidth(&bytes)
        // A time after the date: `2025/3/5 0:00`, `2025-03-05 00:00:00`, `2025-03-05T08:30`.
        if let cut = timeStart(bytes) {
            guard validTime(bytes[(cut + 1)...]) else { return nil }
            bytes.removeSubrange(cut...)
        }
        // All digits: compact form or an Excel serial.
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            if bytes.count == 8 {
                let n = number(bytes[0..<8])
                return Day(year: n / 10000, month: n / 100 % 100, day: n % 100)
            }
            if bytes.count == 5 {
                let serial = number(bytes[...])
                // Five-digit serials only (1927-05-18 … 2100-12-31): a bare "2025" is a year, not a date.
                guard serial <= 73_415 else { return nil }
                return Day(excelSerial: serial)
            }
            return nil
        }
        // Split into numeric parts and separators.
        var parts: [Int] = []
        var separators: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
            if j == i { return nil }
            if j - i > 4 { return nil }
            parts.append(number(bytes[i..<j]))
            var k = j
            while k < bytes.count, !(bytes[k] >= 0x30 && bytes[k] <= 0x39) { k += 1 }
            separators.append(Array(bytes[j..<k]))
            i = k
        }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        // Every number part but the first is one or two digits; the year four.
        let year = parts[0]
        guard year >= 1000 else { return nil }
        let chinese = separators[0] == nianBytes
        if chinese {
            guard separators[1] == yueBytes else { return nil }
            if parts.count == 3 {
                guard separators[2] == riBytes else { return nil }
                return Day(year: year, month: parts[1], day: parts[2])
            }
            guard precision == .monthAllowed, separators[1] == yueBytes else { return nil }
            return Day(year: year, month: parts[1], day: 1)
        }
        guard separators[0].count == 1, [0x2D, 0x2F, 0x2E].contains(separators[0][0]) else { return nil }
        if parts.count == 3 {
            guard separators[1] == separators[0], separators[2].isEmpty else { return nil }
            return Day(year: year, month: parts[1], day: parts[2])
        }
        guard precision == .monthAllowed, separators[1].isEmpty else { return nil }
        return Day(year: year, month: parts[1], day: 1)
    }

    private static let nianBytes = Array("年".utf8)
    private static let yueBytes = Array("月".utf8)
    private static let riBytes = Array("日".utf8)

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        var n = 0
        for d in digits { n = n * 10 + Int(d - 0x30) }
        return n
    }

    private static func trimWhitespace(_ b: inout [UInt8]) {
        while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
        var start = 0
        while start < b.count, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        if start > 0 { b.removeFirst(start) }
    }

    /// Full-width digits and separators (０-９, －, ／, ．, full-width space) as their ASCII twins.
    private static func normaliseFullWidth(_ b: inout [UInt8]) {
        guard b.contains(where: { $0 >= 0x80 }) else { return }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        for scalar in String(decoding: b, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if v >= 0xFF10 && v <= 0xFF19 { out.append(UInt8(v - 0xFF10 + 0x30)) }
            else if v == 0xFF0D { out.append(0x2D) }
            else if v == 0xFF0F { out.append(0x2F) }
            else if v == 0xFF0E { out.append(0x2E) }
            else if v == 0x3000 { out.append(0x20) }
            else if v == 0xFF1A { out.append(0x3A) }
            else { out.append(contentsOf: Array(String(scalar).utf8)) }
        }
        b = out
    }

    /// Index of the space or `T` that starts a time part, if one follows a date.
    private static func timeStart(_ b: [UInt8]) -> Int? {
        for (i, c) in b.enumerated() where c == 0x20 || c == 0x54 {
            if i > 0 { return i }
        }
        return nil
    }

    /// `0:00`, `08:30`, `00:00:00`, `8:30:15.000`.
    private static func validTime(_ t: ArraySlice<UInt8>) -> Bool {
        var s = t
        while let f = s.first, f == 0x20 { s = s.dropFirst() }
        let pieces = s.split(separator: 0x3A, omittingEmptySubsequences: false)
        guard pieces.count == 2 || pieces.count == 3 else { return false }
        for (n, p) in pieces.enumerated() {
            var digits = p
            if n == 2, let dot = p.firstIndex(of: 0x2E) {
                guard p[(dot + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
                digits = p[..<dot]
            }
            guard (1...2).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            let v = number(digits)
            if n == 0 && v > 23 || n > 0 && v > 59 { return false }
        }
        return true
    }
}
