// Resident ID numbers (GB 11643-1999): checksum, legacy upgrade, Excel damage.

/// A valid, normalised 18-character ID number: a person's identity across datasets.
public struct IDNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 17 digits as a number times 11 plus the check value (X = 10): cheap to hash and compare,
    /// since indexes of a million people are keyed by it.
    public let packed: UInt64

    /// 17 digits and a check character `0`-`9`, `X` or `x`, already checked.
    fileprivate init<Bytes: RandomAccessCollection<UInt8>>(validated utf8: Bytes) where Bytes.Index == Int {
        var n: UInt64 = 0
        let base = utf8.startIndex
        for i in 0..<17 { n = n * 10 + UInt64(utf8[base + i] - 0x30) }
        let last = utf8[base + 17]
        let check: UInt64 = last == 0x58 || last == 0x78 ? 10 : UInt64(last - 0x30)
        packed = n * 11 + check
    }

    /// A number kept as `packed` earlier (from a valid IDNumber only).
    public init(packed: UInt64) { self.packed = packed }

    /// 17 digits and a check character `0`-`9` or `X`.
    public var text: String {
        // Written straight into the string's storage: no array between (every checked row asks for it).
        String(unsafeUninitializedCapacity: 18) { digits in
            let check = packed % 11
            digits[17] = check == 10 ? 0x58 : UInt8(check) + 0x30
            var n = packed / 11
            for i in stride(from: 16, through: 0, by: -1) {
                digits[i] = UInt8(n % 10) + 0x30
                n /= 10
            }
            return 18
        }
    }

    public var description: String { text }
    public static func < (a: IDNumber, b: IDNumber) -> Bool { a.packed < b.packed }

    /// The 17 digits as an integer.
    private var digits17: UInt64 { packed / 11 }

    /// Digits 7–14 as a date (validated when the number was parsed).
    public var birthDate: Day {
        let yyyymmdd = Int(digits17 / 1000 % 100_000_000)
        return Day(year: yyyymmdd / 10000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)!
    }

    /// The 17th digit: odd for men, even for women.
    public var sex: Sex { digits17 % 2 == 1 ? .male : .female }

    /// `110105********002X`: the first six and last four characters shown.
    public var masked: String { IDNumber.mask(text) }

    /// Masks any ID-like text the same way, keeping its first six and last four characters.
    public static func mask(_ raw: String) -> String {
        let chars = Array(raw)
        guard chars.count > 10 else { return raw }
        return String(chars[0..<6]) + String(repeating: "*", count: chars.count - 10) + String(chars[(chars.count - 4)...])
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// The check character for 17 digits.
    public static func checkCharacter<Bytes: RandomAccessCollection<UInt8>>(for digits: Bytes) -> UInt8 where Bytes.Index == Int {
        var sum = 0
        let base = digits.startIndex
        for i in 0..<17 { sum += Int(digits[base + i] - 0x30) * weights[i] }
        return checkCharacters[sum % 11]
    }
}

public enum Sex: String, Sendable, Hashable, Codable {
    case male = "男"
    case female = "女"

    /// The sex a canonical gender value (`男`, `女`, as the known values give it) names, told by its bytes:
    /// what `init(rawValue:)` gives such a value, without a string switch on every row.
    @inline(__always) public init?(canonical text: String) {
        if text.hasSameBytes(as: "男") { self = .male } else if text.hasSameBytes(as: "女") { self = .female } else { return nil }
    }
}

/// What reading an ID cell gave.
public enum IDNumberReading: Sendable, Equatable {
    case valid(IDNumber)
    /// A 15-digit legacy number, upgraded (M10 warning); the upgraded number is valid.
    case upgraded(IDNumber, legacy: String)
    /// 18 characters of the right shape whose check character is wrong (M01).
    case badChecksum
    /// Not an ID number at all: wrong length, letters, impossible birth date (M01).
    case malformed
    /// Damaged by Excel: scientific notation, or 18 digits ending `000` that fail the check (M02).
    case excelDamaged
}

extension IDNumber {
    public static func read(_ raw: String) -> IDNumberReading {
        var u: [UInt8] = []
        u.reserveCapacity(18)
        for scalar in raw.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF10 && v <= 0xFF19 { v = v - 0xFF10 + 0x30 }
            if v == 0xFF38 || v == 0xFF58 { v = 0x58 }          // full-width X
            if v == 0x20 || v == 0x09 || v == 0x3000 { continue }  // stray spaces inside the number
            guard v < 0x80 else { return .malformed }
            u.append(UInt8(v))
        }
        if looksScientific(u) { return .excelDamaged }
        // Excel's text marker copied into the value: `'110105...`
        if u.first == 0x27 { u.removeFirst() }
        if u.count == 15, u.allSatisfy(isDigit) {
            var digits = Array(u[0..<6]) + Array("19".utf8) + Array(u[6..<15])
            guard birthDateValid(digits) else { return .malformed }
            digits.append(checkCharacter(for: digits))
            return .upgraded(IDNumber(validated: digits), legacy: String(decoding: u, as: UTF8.self))
        }
        return u.withUnsafeBufferPointer(readEighteen)
    }

    /// `read` of a cell of exactly 18 ASCII digits (the last may be `X` or `x`), the common case, without
    /// allocating; nil for any other cell, which `read` then reads.
    @inline(__always)
    public static func read(plain u: UnsafeBufferPointer<UInt8>) -> IDNumberReading? {
        guard u.count == 18 else { return nil }
        for b in u where !isDigit(b) && b != 0x58 && b != 0x78 { return nil }
        return readEighteen(u)
    }

    /// The checks of an 18-character number, once spaces, full-width forms and Excel's quote are gone.
    private static func readEighteen(_ u: UnsafeBufferPointer<UInt8>) -> IDNumberReading {
        guard u.count == 18, u[0..<17].allSatisfy(isDigit) else { return .malformed }
        let last = u[17] == 0x78 ? 0x58 : u[17]
        guard isDigit(last) || last == 0x58 else { return .malformed }
        let expected = checkCharacter(for: u)
        if expected != last {
            // Excel keeps 15 significant digits and zeroes the rest.
            if u[15] == 0x30 && u[16] == 0x30 && last == 0x30 { return .excelDamaged }
            return .badChecksum
        }
        guard birthDateValid(u) else { return .malformed }
        return .valid(IDNumber(validated: u))
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func birthDateValid<Bytes: RandomAccessCollection<UInt8>>(_ u: Bytes) -> Bool where Bytes.Index == Int {
        func n(_ r: Range<Int>) -> Int { u[(u.startIndex + r.lowerBound)..<(u.startIndex + r.upperBound)].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        guard let d = Day(year: n(6..<10), month: n(10..<12), day: n(12..<14)) else { return false }
        return d.year >= 1900
    }

    /// `1.10105E+17`, `1.10105e17`, `110105E+12`.
    private static func looksScientific(_ u: [UInt8]) -> Bool {
        guard let e = u.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }), e > 0 else { return false }
        let mantissa = u[..<e]
        var exponent = u[(e + 1)...]
        if let f = exponent.first, f == 0x2B || f == 0x2D { exponent = exponent.dropFirst() }
        guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return false }
        let dots = mantissa.filter { $0 == 0x2E }.count
        return dots <= 1 && mantissa.allSatisfy { isDigit($0) || $0 == 0x2E } && mantissa.contains(where: isDigit)
    }
}

/// Mobile phone numbers: `1[3-9]` and nine more digits after removing `+86`, `86`, spaces and dashes.
public enum PhoneNumber {
    /// The eleven digits, or nil when the value is not a mobile number.
    public static func normalise(_ raw: String) -> String? {
        var u: [UInt8] = []
        for scalar in raw.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF10 && v <= 0xFF19 { v = v - 0xFF10 + 0x30 }
            if v == 0x20 || v == 0x2D || v == 0x3000 || v == 0xFF0D { continue }
            guard v < 0x80 else { return nil }
            u.append(UInt8(v))
        }
        if u.first == 0x2B {
            guard u.count > 3, u[1] == 0x38, u[2] == 0x36 else { return nil }
            u.removeFirst(3)
        } else if u.count == 13, u[0] == 0x38, u[1] == 0x36 {
            u.removeFirst(2)
        }
        guard isNormalMobile(u[...]) else { return nil }
        return String(decoding: u, as: UTF8.self)
    }

    /// Eleven ASCII digits, `1[3-9]` first: a mobile number in its normal form.
    @inline(__always)
    private static func isNormalMobile<Bytes: Collection<UInt8>>(_ u: Bytes) -> Bool {
        guard u.count == 11, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let second = u[u.index(after: u.startIndex)]
        return u.first == 0x31 && second >= 0x33
    }

    /// `normalise` of a cell of exactly eleven ASCII digits, without allocating: whether it is a mobile
    /// number (then it is its own normal form). Nil for any other cell, which `normalise` then reads.
    @inline(__always)
    public static func isMobile(plain u: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard u.count == 11 else { return nil }
        for b in u where b < 0x30 || b > 0x39 { return nil }
        return isNormalMobile(u)
    }

    /// `138****5678`.
    public static func mask(_ raw: String) -> String {
        let chars = Array(raw)
        guard chars.count >= 7 else { return raw }
        return String(chars[0..<3]) + String(repeating: "*", count: chars.count - 7) + String(chars[(chars.count - 4)...])
    }
}
