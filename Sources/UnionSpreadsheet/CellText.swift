// A spreadsheet cell as the text a clerk sees in Calc: numbers to 15 significant digits from their
// decimal text (never a binary double), date-formatted serials as YYYY-MM-DD (SPEC §2.5, §7.1).
import UnionCore

public enum CellText {
    /// The decimal text `number` (as the XML holds it: `59.699999999999996`, `1.2E+17`) rounded to 15
    /// significant digits, as Excel shows it. More than 15 digits before the point is written in exponent
    /// form (`1.10105199001011E+17`): the digits past the 15th are gone, and an ID column says so (M02).
    /// Text that is not a number comes back as it is.
    public static func number(_ number: [UInt8]) -> [UInt8] {
        guard let d = DecimalText(number) else { return number }
        return d.rounded(significantDigits: 15).text
    }

    /// The date of a date-formatted serial (its integer part; the time of day is dropped), or nil when
    /// the text is no serial a date can have.
    public static func date(serial: [UInt8], base1904: Bool) -> Day? {
        guard let d = DecimalText(serial), !d.negative, let whole = d.integerPart else { return nil }
        return date(whole: whole, base1904: base1904)
    }

    /// The same from the cell's bytes: a serial of plain digits (what every writer puts in a date cell)
    /// is read without a copy.
    static func date(serial: UnsafeBufferPointer<UInt8>, base1904: Bool) -> Day? {
        guard !serial.isEmpty, serial.count <= 9 else { return date(serial: Array(serial), base1904: base1904) }
        var whole = 0
        for c in serial {
            guard c >= 0x30 && c <= 0x39 else { return date(serial: Array(serial), base1904: base1904) }
            whole = whole * 10 + Int(c - 0x30)
        }
        return date(whole: whole, base1904: base1904)
    }

    private static func date(whole: Int, base1904: Bool) -> Day? {
        guard whole <= 2_958_465 else { return nil }
        if base1904 { return Day(year: 1904, month: 1, day: 1)!.adding(days: whole) }
        return whole == 0 ? nil : Day(excelSerial: whole)
    }

    /// `YYYY-MM-DD` into `out` (cleared first), as `Day.description` writes it.
    static func iso(_ day: Day, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        // Years of four digits, as serials give but for the last ones of the 1904 system (10000 to 10004).
        guard day.year >= 1000 && day.year <= 9999 else { out.append(contentsOf: day.description.utf8); return }
        func two(_ n: Int) { out.append(UInt8(0x30 + n / 10)); out.append(UInt8(0x30 + n % 10)) }
        two(day.year / 100)
        two(day.year % 100)
        out.append(0x2D)
        two(day.month)
        out.append(0x2D)
        two(day.day)
    }

    /// Excel's built-in number formats that show a date: 14–22 and 45–47, and the Chinese locale's
    /// 27–31, 34–36 and 50–58 (年月日 forms WPS and Chinese Excel refer to by number).
    public static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id) || (27...31).contains(id) || (34...36).contains(id)
            || (50...58).contains(id)
    }

    /// Whether a custom format code shows a date or time: a y, m, d or h outside quotes, brackets
    /// (colours, locales, conditions) and escapes. `0.00"元"` is a number; `yyyy"年"m"月"d"日"` a date.
    public static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false
        var inBracket = false
        var escaped = false
        for c in code.unicodeScalars {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket { if c == "]" { inBracket = false }; continue }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            case "y", "Y", "m", "M", "d", "D", "h", "H": return true
            default: break
            }
        }
        return false
    }
}

/// A decimal number written as text: sign, significant digits and where the point falls among them.
struct DecimalText {
    var negative: Bool
    /// The significant digits, no leading or trailing zeros (empty for zero).
    var digits: [UInt8]
    /// The value is 0.digits × 10^pointPosition.
    var pointPosition: Int

    init?(_ text: [UInt8]) {
        var i = 0
        let n = text.count
        while i < n && (text[i] == 0x20 || text[i] == 0x09) { i += 1 }
        var end = n
        while end > i && (text[end - 1] == 0x20 || text[end - 1] == 0x09) { end -= 1 }
        negative = false
        if i < end && (text[i] == 0x2D || text[i] == 0x2B) { negative = text[i] == 0x2D; i += 1 }
        var all: [UInt8] = []
        var point: Int?
        var sawDigit = false
        while i < end {
            let b = text[i]
            if b >= 0x30 && b <= 0x39 { all.append(b); sawDigit = true } else if b == 0x2E && point == nil { point = all.count } else { break }
            i += 1
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < end && (text[i] == 0x45 || text[i] == 0x65) {
            i += 1
            var expNegative = false
            if i < end && (text[i] == 0x2D || text[i] == 0x2B) { expNegative = text[i] == 0x2D; i += 1 }
            var sawExp = false
            while i < end, text[i] >= 0x30 && text[i] <= 0x39 {
                guard exponent < 100_000 else { return nil }
                exponent = exponent * 10 + Int(text[i] - 0x30)
                sawExp = true
                i += 1
            }
            guard sawExp else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == end else { return nil }
        var position = (point ?? all.count) + exponent
        var start = 0
        while start < all.count && all[start] == 0x30 { start += 1; position -= 1 }
        var stop = all.count
        while stop > start && all[stop - 1] == 0x30 { stop -= 1 }
        digits = Array(all[start..<stop])
        pointPosition = digits.isEmpty ? 0 : position
        if digits.isEmpty { negative = false }
    }

    /// The whole part when the number is an integer-sized value that fits (fraction dropped).
    var integerPart: Int? {
        if digits.isEmpty { return 0 }
        if pointPosition <= 0 { return 0 }
        guard pointPosition <= 15 else { return nil }
        var value = 0
        for k in 0..<pointPosition { value = value * 10 + (k < digits.count ? Int(digits[k] - 0x30) : 0) }
        return negative ? -value : value
    }

    /// Rounded half away from zero to `count` significant digits.
    func rounded(significantDigits count: Int) -> DecimalText {
        guard digits.count > count else { return self }
        var copy = self
        var kept = Array(digits[..<count])
        if digits[count] >= 0x35 {
            var k = count - 1
            while k >= 0 {
                if kept[k] == 0x39 { kept[k] = 0x30; k -= 1 } else { kept[k] += 1; break }
            }
            if k < 0 { kept.insert(0x31, at: 0); kept.removeLast(); copy.pointPosition += 1 }
        }
        while let last = kept.last, last == 0x30 { kept.removeLast() }
        copy.digits = kept
        return copy
    }

    /// Plain decimal text, or exponent form past 15 integer digits or below 10^-9.
    var text: [UInt8] {
        if digits.isEmpty { return [0x30] }
        var out: [UInt8] = negative ? [0x2D] : []
        if pointPosition > 15 || pointPosition < -8 {
            out.append(digits[0])
            if digits.count > 1 { out.append(0x2E); out += digits[1...] }
            let e = pointPosition - 1
            out += Array((e < 0 ? "E-" : "E+").utf8)
            let magnitude = abs(e)
            out += Array((magnitude < 10 ? "0" + String(magnitude) : String(magnitude)).utf8)
        } else if pointPosition >= digits.count {
            out += digits
            out += repeatElement(0x30, count: pointPosition - digits.count)
        } else if pointPosition > 0 {
            out += digits[..<pointPosition]
            out.append(0x2E)
            out += digits[pointPosition...]
        } else {
            out += [0x30, 0x2E]
            out += repeatElement(0x30, count: -pointPosition)
            out += digits
        }
        return out
    }
}

extension CellText {
    /// Digits with at most one point, 15 of them or fewer, no exponent: already as Excel shows it.
    static func isPlainShortNumber(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { isPlainShortNumber($0) }
    }

    @inline(__always)
    static func isPlainShortNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.isEmpty, text.count <= 15 else { return false }
        var points = 0
        for (i, b) in text.enumerated() {
            if b == 0x2E { points += 1; continue }
            if b == 0x2D && i == 0 { continue }
            guard b >= 0x30 && b <= 0x39 else { return false }
        }
        // A leading zero before more digits, or a point at either end, goes the long way.
        if text.last == 0x2E || text.first == 0x2E || points > 1 { return false }
        if points == 1 && text.last == 0x30 { return false }
        let digitsStart = text.first == 0x2D ? 1 : 0
        if text.count > digitsStart + 1 && text[digitsStart] == 0x30 && text[digitsStart + 1] != 0x2E { return false }
        return true
    }
}
