// Money as an exact count of fen (0.01 yuan); parsing of the forms clerks type.

/// An amount of money in fen. Never a binary floating-point number.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)
    /// The largest amount read from text: fifteen whole digits of yuan, as `parse` takes without decorations.
    public static let largest = Money(fen: 99_999_999_999_999_999)
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// Yuan as the shortest decimal with at most two places: `440`, `1624.5`, `7384.81`, `-3.05`.
    public var yuanText: String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        var text = negative ? "-" : ""
        text += String(whole)
        if cents != 0 {
            text += "."
            text += cents % 10 == 0 ? String(cents / 10) : (cents < 10 ? "0" + String(cents) : String(cents))
        }
        return text
    }

    /// Yuan with exactly two decimals, for places that show money as a fixed figure.
    public var yuanFixed2: String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// The value in yuan for a spreadsheet number cell (display only; sums are made in fen).
    public var yuanDouble: Double { Double(fen) / 100 }

    /// Rounds `self × numerator / denominator` half up to the fen (for rates such as 0.5 or 0.005).
    /// The product is taken at full width, so a rate of many decimals cannot overflow it; a rate of at
    /// most 1 (as profiles hold) keeps the result within the amount.
    public func scaled(by rate: Rate) -> Money {
        let product = fen.multipliedFullWidth(by: rate.numerator)
        let (q, r) = rate.denominator.dividingFullWidth(product)
        // Half up, away from zero for negatives: amounts here are never negative.
        if r >= rate.denominator - r { return Money(fen: q + 1) }
        return Money(fen: q)
    }
}

/// An exact decimal rate such as 0.5 or 0.005, kept as a fraction.
public struct Rate: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    public init(numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether the rate is at most 1 (100%): reimbursement and dues rates are.
    public var isAtMostOne: Bool { numerator >= 0 && denominator > 0 && numerator <= denominator }

    /// Parses `0.5`, `0.005`, `80%`.
    public init?(_ text: String) {
        var s = Substring(text.trimmingASCIIWhitespace())
        var percent = false
        if s.hasSuffix("%") { percent = true; s = s.dropLast() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let decimals = parts.count == 2 ? parts[1].count : 0
        guard decimals <= 9, let n = Int64(parts.joined()) else { return nil }
        var d: Int64 = 1
        for _ in 0..<decimals { d *= 10 }
        if percent { d *= 100 }
        self.init(numerator: n, denominator: d)
    }

    public var description: String {
        // Exact decimal form of the fraction when it terminates (it always does for parsed rates).
        var n = numerator
        let d = denominator
        var text = String(n / d)
        n %= d
        if n != 0 {
            text += "."
            var guardDigits = 0
            while n != 0 && guardDigits < 12 { n *= 10; text += String(n / d); n %= d; guardDigits += 1 }
        }
        return text
    }
}

public enum MoneyParseError: Error, Equatable, Sendable {
    case notANumber
    case negative
    case tooManyDecimals
}

extension Money {
    /// Parses `1234.5`, `1,234.50`, `¥1234.5`, `￥1,200.00`, `1234.5元`, full-width digits.
    public static func parse(_ raw: String) -> Result<Money, MoneyParseError> {
        if let plain = parsePlain(raw.utf8) { return .success(plain) }
        return parseDecorated(raw)
    }

    /// `parse` of a cell given as its UTF-8 bytes: plain amounts read without making a `String`.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Money, MoneyParseError> {
        if let plain = parsePlain(bytes) { return .success(plain) }
        return parseDecorated(String(decoding: bytes, as: UTF8.self))
    }

    /// `parse`, where a leading minus is a negative amount rather than an error (ledger refunds).
    public static func parseSigned(_ raw: String) -> Result<Money, MoneyParseError> {
        if let plain = parsePlain(raw.utf8) { return .success(plain) }
        return parseDecorated(raw, signed: true)
    }

    /// `parseSigned` of a cell given as its UTF-8 bytes.
    public static func parseSigned(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Money, MoneyParseError> {
        if let plain = parsePlain(bytes) { return .success(plain) }
        return parseDecorated(String(decoding: bytes, as: UTF8.self), signed: true)
    }

    /// The common case without allocating: ASCII digits with at most one point and two decimals.
    @inline(__always)
    private static func parsePlain<Bytes: Sequence<UInt8>>(_ utf8: Bytes) -> Money? {
        var whole: Int64 = 0
        var cents: Int64 = 0
        var places = -1
        var count = 0
        for b in utf8 {
            if b >= 0x30 && b <= 0x39 {
                count += 1
                if places < 0 {
                    whole = whole * 10 + Int64(b - 0x30)
                    if count > 15 { return nil }
                } else {
                    places += 1
                    if places > 2 { return nil }
                    cents = cents * 10 + Int64(b - 0x30)
                }
            } else if b == 0x2E && places < 0 && count > 0 {
                places = 0
            } else {
                return nil
            }
        }
        guard count > 0, places != 0 else { return nil }
        if places == 1 { cents *= 10 }
        return Money(fen: whole * 100 + cents)
    }

    private static func parseDecorated(_ raw: String, signed: Bool = false) -> Result<Money, MoneyParseError> {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var decimals = -1 // -1: no decimal point yet
        var negative = false
        var sawDigit = false
        var scalars = Array(raw.unicodeScalars)
        // Strip the decorations: currency signs in front, 元 behind, white space around.
        while let f = scalars.first, isSpace(f) || f == "¥" || f == "￥" { scalars.removeFirst() }
        while let l = scalars.last, isSpace(l) || l == "元" { scalars.removeLast() }
        if let f = scalars.first, f == "-" || f == "－" { negative = true; scalars.removeFirst() }
        while let f = scalars.first, f == "¥" || f == "￥" { scalars.removeFirst() }
        var lastWasComma = false
        var lastCommaAt: Int?
        for s in scalars {
            var v = s.value
            if v >= 0xFF10 && v <= 0xFF19 { v = v - 0xFF10 + 0x30 }    // full-width digits
            if v == 0xFF0E { v = 0x2E }                                  // full-width point
            if v == 0xFF0C { v = 0x2C }                                  // full-width comma
            switch v {
            case 0x30...0x39:
                digits.append(UInt8(v - 0x30))
                if decimals >= 0 { decimals += 1 }
                sawDigit = true
                lastWasComma = false
            case 0x2E:
                if decimals >= 0 || lastWasComma { return .failure(.notANumber) }
                decimals = 0
            case 0x2C:
                // Thousands separators only in the whole part, between digits, every three digits:
                // `12,34` is no amount (a decimal comma would silently be read a hundred times too big).
                if decimals >= 0 || !sawDigit || lastWasComma { return .failure(.notANumber) }
                if let previous = lastCommaAt, digits.count - previous != 3 { return .failure(.notANumber) }
                if lastCommaAt == nil, digits.count > 3 { return .failure(.notANumber) }
                lastCommaAt = digits.count
                lastWasComma = true
            default:
                return .failure(.notANumber)
            }
        }
        if !sawDigit || lastWasComma || decimals == 0 && digits.isEmpty { return .failure(.notANumber) }
        if let at = lastCommaAt, (decimals >= 0 ? digits.count - decimals : digits.count) - at != 3 { return .failure(.notANumber) }
        if negative && !signed {
            // "-0" is zero, not a negative amount.
            if digits.allSatisfy({ $0 == 0 }) { return .success(.zero) }
            return .failure(.negative)
        }
        let places = max(decimals, 0)
        if places > 2 { return .failure(.tooManyDecimals) }
        if negative, case .success(let m) = finish(digits, places: places) { return .success(Money(fen: -m.fen)) }
        return finish(digits, places: places)
    }

    private static func finish(_ digits: [UInt8], places: Int) -> Result<Money, MoneyParseError> {
        // The digits as written (yuan × 10^places), then scaled to fen: one bound for both parsers,
        // whatever the number of decimals written.
        var written: Int64 = 0
        for d in digits {
            written = written * 10 + Int64(d)  // at most largest.fen × 10 + 9 before the check: no overflow
            if written > largest.fen { return .failure(.notANumber) }
        }
        let scale: Int64 = places == 0 ? 100 : places == 1 ? 10 : 1
        guard written <= largest.fen / scale else { return .failure(.notANumber) }
        return .success(Money(fen: written * scale))
    }
}

extension String {
    /// Whether `trimmingASCIIWhitespace` would change the string. Most cells need no trimming: this looks
    /// at the two ends only, in the bytes.
    @inline(__always) public var hasWhiteSpaceAtAnEnd: Bool {
        let ends = utf8.withContiguousStorageIfAvailable(UnsafeBufferPointer<UInt8>.hasWhiteSpaceAtAnEnd)
        guard let ends else {
            guard let f = unicodeScalars.first, let l = unicodeScalars.last else { return false }
            return isSpace(f) || isSpace(l)
        }
        return ends
    }

    /// The string without white space at both ends (ASCII, no-break and full-width spaces included).
    public func trimmingASCIIWhitespace() -> String {
        guard hasWhiteSpaceAtAnEnd else { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether valid UTF-8 text (a cell's bytes) starts or ends with white space, as `String.hasWhiteSpaceAtAnEnd`.
    @inline(__always) public static func hasWhiteSpaceAtAnEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = firstScalar(bytes), let last = lastScalar(bytes) else { return false }
        return isSpace(first) || isSpace(last)
    }
}

/// The first scalar of valid UTF-8 (a String's bytes), nil when empty.
@inline(__always) private func firstScalar(_ b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    guard let lead = b.first else { return nil }
    if lead < 0x80 { return Unicode.Scalar(lead) }
    var value: UInt32
    let length: Int
    if lead >= 0xF0 { value = UInt32(lead & 0x07); length = 4 } else if lead >= 0xE0 { value = UInt32(lead & 0x0F); length = 3 } else { value = UInt32(lead & 0x1F); length = 2 }
    guard b.count >= length else { return nil }
    for i in 1..<length { value = value << 6 | UInt32(b[i] & 0x3F) }
    return Unicode.Scalar(value)
}

/// The last scalar of valid UTF-8 (a String's bytes), nil when empty.
@inline(__always) private func lastScalar(_ b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    guard let tail = b.last else { return nil }
    if tail < 0x80 { return Unicode.Scalar(tail) }
    var start = b.count - 1
    while start > 0 && b[start] & 0xC0 == 0x80 && b.count - start < 4 { start -= 1 }
    return firstScalar(UnsafeBufferPointer(rebasing: b[start...]))
}

/// White space a clerk's cell may carry at its ends.
@inline(__always) func isSpace(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    return v == 0xA0 || v == 0x3000 || v == 0xFEFF || (v >= 0x2000 && v <= 0x200B) || v == 0x1680 || v == 0x202F || v == 0x205F || v == 0x85
}
