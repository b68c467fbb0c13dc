// Masking by pattern (SPEC §4, §7.1): ID numbers and mobile numbers found in any text, whatever its column.

/// Finds ID-like and mobile-like runs in text and masks them as the ID and phone columns are masked.
///
/// A run is a maximal stretch of ASCII letters and digits, so a match is never next to a letter or a
/// digit. It is masked when it is
/// - 18 characters, 17 digits and a digit or X, whose characters 7–14 are a valid date (YYYYMMDD);
/// - 15 digits whose characters 7–12 are a valid date (YYMMDD, 19YY);
/// - 11 digits starting 1 and 3–9 (a mobile number).
/// A SHA-256 (64 hex characters) is one run of 64 and is never masked. Other letters (Chinese
/// characters) are not letters here: `张三110105194912310021` is masked.
public enum PatternMask {
    public static func mask(_ text: String) -> String {
        let utf8 = text.utf8
        // Most text holds no run of 11 digits: left as it is, without a copy.
        guard mightHoldMatch(utf8) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var runStart: String.UTF8View.Index? = nil
        var i = utf8.startIndex
        func flush(_ start: String.UTF8View.Index, _ end: String.UTF8View.Index) {
            let run = Array(utf8[start..<end])
            if let masked = maskedRun(run) { out += masked } else { out += run }
        }
        while i != utf8.endIndex {
            let b = utf8[i]
            if isAlphanumeric(b) {
                if runStart == nil { runStart = i }
            } else {
                if let s = runStart { flush(s, i); runStart = nil }
                out.append(b)
            }
            i = utf8.index(after: i)
        }
        if let s = runStart { flush(s, utf8.endIndex) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` has 11 digits in a row anywhere: every masked run does.
    static func mightHoldMatch(_ utf8: String.UTF8View) -> Bool {
        var digits = 0
        for b in utf8 {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if digits >= 11 { return true }
            } else {
                digits = 0
            }
        }
        return false
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The masked form of a run, or nil when it is not an ID or a mobile number.
    static func maskedRun(_ run: [UInt8]) -> [UInt8]? {
        func number(_ range: Range<Int>) -> Int { run[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        switch run.count {
        case 18:
            guard run[0..<17].allSatisfy(isDigit), isDigit(run[17]) || run[17] == UInt8(ascii: "X") || run[17] == UInt8(ascii: "x"),
                  Day(year: number(6..<10), month: number(10..<12), day: number(12..<14)) != nil else { return nil }
            return Array(IDNumber.mask(String(decoding: run, as: UTF8.self)).utf8)
        case 15:
            guard run.allSatisfy(isDigit), Day(year: 1900 + number(6..<8), month: number(8..<10), day: number(10..<12)) != nil else { return nil }
            return Array(IDNumber.mask(String(decoding: run, as: UTF8.self)).utf8)
        case 11:
            guard run.allSatisfy(isDigit), run[0] == UInt8(ascii: "1"), run[1] >= UInt8(ascii: "3") else { return nil }
            return Array(PhoneNumber.mask(String(decoding: run, as: UTF8.self)).utf8)
        default:
            return nil
        }
    }
}

/// Text for the terminal: control characters (C0 but tab, DEL, C1) become U+FFFD, so a cell can never
/// move the cursor, retitle or clear the clerk's terminal (SPEC §6).
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isControl(s) ? "\u{FFFD}" : s) }
        return String(out)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x09) || v == 0x7F || (v >= 0x80 && v <= 0x9F)
    }
}
