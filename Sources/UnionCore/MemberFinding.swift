// What an M finding says (M01-M10, the roster's people), with named parts: raised by the importer (ID numbers,
// phones) and the rules, so it lives below both; its messages are in UnionRules.

public enum MemberFinding: FindingPayload {
    /// M01: the ID number's check character is wrong.
    case wrongCheckCharacter
    /// M01: the cell is no ID number (18 characters with a valid birth date).
    case notAnIDNumber
    /// M02: Excel turned the ID number into scientific notation or zeroed its tail.
    case damagedByExcel
    /// M03: the birth date `written` differs from `fromID`.
    case birthDate(written: Day, fromID: Day)
    /// M04: the gender `written` differs from `fromID`'s.
    case gender(written: String, fromID: String)
    /// M05: the ID number was first seen at `firstAt` (`file:row`).
    case duplicateID(firstAt: String)
    /// M06: the cell is no 11-digit mobile number.
    case badPhone
    /// M07: joined on `join`, after leaving on `leave`.
    case joinAfterLeave(join: Day, leave: Day)
    /// M07: aged `age` on joining (`join`), under `minimum`.
    case tooYoung(join: Day, age: Int, minimum: Int)
    /// M08: due to retire on `retires`, still 在岗.
    case pastRetirement(retires: Day)
    /// M09: `paid` dues where the wage gives `expected` (`monthly` × `months`); yuan as written.
    case dues(paid: String, expected: String, monthly: String, months: Int)
    /// M10: a 15-digit ID number, upgraded to `upgraded` (18 digits).
    case upgraded(upgraded: String)

    public var rule: RuleCode {
        switch self {
        case .wrongCheckCharacter, .notAnIDNumber: return .M01
        case .damagedByExcel: return .M02
        case .birthDate: return .M03
        case .gender: return .M04
        case .duplicateID: return .M05
        case .badPhone: return .M06
        case .joinAfterLeave, .tooYoung: return .M07
        case .pastRetirement: return .M08
        case .dues: return .M09
        case .upgraded: return .M10
        }
    }

    public var arguments: [String] {
        switch self {
        case .wrongCheckCharacter: return ["checksum"]
        case .notAnIDNumber: return ["form"]
        case .damagedByExcel, .badPhone: return []
        case .birthDate(let written, let fromID): return [written.description, fromID.description]
        case .gender(let written, let fromID): return [written, fromID]
        case .duplicateID(let firstAt): return [firstAt]
        case .joinAfterLeave(let join, let leave): return ["order", join.description, leave.description]
        case .tooYoung(let join, let age, let minimum): return ["age", join.description, String(age), String(minimum)]
        case .pastRetirement(let retires): return [retires.description]
        case .dues(let paid, let expected, let monthly, let months): return [paid, expected, monthly, String(months)]
        case .upgraded(let upgraded): return [upgraded]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .M01: self = a[0] == "checksum" ? .wrongCheckCharacter : .notAnIDNumber
        case .M02: self = .damagedByExcel
        case .M03:
            guard let written = a.day(0), let fromID = a.day(1) else { return nil }
            self = .birthDate(written: written, fromID: fromID)
        case .M04: self = .gender(written: a[0], fromID: a[1])
        case .M05: self = .duplicateID(firstAt: a[0])
        case .M06: self = .badPhone
        case .M07:
            guard let join = a.day(1) else { return nil }
            if a[0] == "order" {
                guard let leave = a.day(2) else { return nil }
                self = .joinAfterLeave(join: join, leave: leave)
            } else {
                self = .tooYoung(join: join, age: a.int(2), minimum: a.int(3))
            }
        case .M08:
            guard let retires = a.day(0) else { return nil }
            self = .pastRetirement(retires: retires)
        case .M09: self = .dues(paid: a[0], expected: a[1], monthly: a[2], months: a.int(3))
        case .M10: self = .upgraded(upgraded: a[0])
        default: return nil
        }
    }
}
