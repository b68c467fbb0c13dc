// The values harness: one string through every cell parser, each result checked by reading it back.
import UnionCore
import UnionImport

enum ValuesHarness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        day(text)
        money(text)
        idNumber(text)
        phone(text)
        rate(text)
        header(text)
    }

    static func day(_ text: String) {
        let strict = Day.parse(text, precision: .day)
        let lenient = Day.parse(text, precision: .monthAllowed)
        if let strict { precondition(lenient == strict, "allowing months changed a full date") }
        guard let day = lenient else { return }
        precondition(Day.parse(day.description) == day, "a date does not read back from its ISO form")
        precondition(Day(daysSinceEpoch: day.daysSinceEpoch) == day, "days since 1970 do not round-trip")
        if let again = Day(excelSerial: day.excelSerial) { precondition(again == day, "the Excel serial does not round-trip") }
    }

    static func money(_ text: String) {
        guard case .success(let money) = Money.parse(text) else { return }
        precondition(money.fen >= 0, "a negative amount was read")
        for form in [money.yuanText, money.yuanFixed2, "¥" + money.yuanText, money.yuanFixed2 + "元"] {
            precondition(Money.parse(form) == .success(money), "\(money.fen) fen does not read back from \(form)")
        }
    }

    static func idNumber(_ text: String) {
        let reading = IDNumber.read(text)
        switch reading {
        case .valid(let id):
            precondition(IDNumber.read(id.text) == .valid(id), "a valid ID number does not read back")
            precondition(id.birthDate.year >= 1900, "a birth date before 1900")
            _ = id.sex
            precondition(id.masked.utf8.count == 18, "masking changed the length")
        case .upgraded(let id, let legacy):
            precondition(legacy.utf8.count == 15 && IDNumber.read(legacy) == reading, "a legacy number does not upgrade the same way twice")
            precondition(IDNumber.read(id.text) == .valid(id), "an upgraded ID number does not read back")
        case .badChecksum, .malformed, .excelDamaged:
            break
        }
        _ = IDNumber.mask(text)
    }

    static func phone(_ text: String) {
        if let phone = PhoneNumber.normalise(text) {
            precondition(phone.utf8.count == 11 && PhoneNumber.normalise(phone) == phone, "a phone number does not read back")
            precondition(PhoneNumber.mask(phone).utf8.count == 11, "masking changed the length")
        }
        _ = PhoneNumber.mask(text)
    }

    static func rate(_ text: String) {
        guard let rate = Rate(text) else { return }
        precondition(rate.numerator >= 0 && rate.denominator > 0, "a rate with a negative part or no denominator")
        _ = rate.description
    }

    static func header(_ text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        precondition(Array(trimmed.trimmingASCIIWhitespace().utf8) == Array(trimmed.utf8), "trimming is not idempotent")
        let key = HeaderMatcher.normalise(text)
        precondition(Array(HeaderMatcher.normalise(key).utf8) == Array(key.utf8), "header normalisation is not idempotent")
    }
}
