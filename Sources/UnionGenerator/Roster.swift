// The generated people of the roster, and the writing of members.csv with its planted rows.
import UnionCore

/// One clean roster row, kept compact (a million of them stay in memory for the later files).
struct Person {
    /// The first 17 digits of the ID number; the check character is computed when written.
    var idBody: UInt64
    var surname: UInt16
    var given1: UInt8
    /// 255: a one-character given name.
    var given2: UInt8
    var female: Bool
    var birth: Int32
    var join: Int32
    /// `Person.noDay` when the row has no leave date.
    var leave: Int32
    var status: MemberStatus
    var employment: UInt8
    var hardship: UInt8
    var branch: UInt8
    var deceased: Bool
    var phone: UInt64
    /// 0 when the row has no wage (and then no dues either).
    var wageFen: Int64
    var duesMonths: Int8
    var employeeNo: Int32

    static let noDay = Int32.min

    var birthDay: Day { Day(daysSinceEpoch: Int(birth)) }
    var joinDay: Day { Day(daysSinceEpoch: Int(join)) }
    var leaveDay: Day? { leave == Person.noDay ? nil : Day(daysSinceEpoch: Int(leave)) }
    var hasHardship: Bool { hardship != 0 }

    /// Dues for the year: 0.5% of the wage rounded down to 10 yuan, half up to the fen, times the months (M09).
    var duesFen: Int64 {
        guard wageFen > 0 else { return 0 }
        let base = wageFen / 1000 * 1000
        let perMonth = (base * 5 + 500) / 1000
        return perMonth * Int64(duesMonths)
    }

    /// Member on day `d` (days since the epoch): join ≤ d ≤ leave, both ends inclusive.
    func isMember(on d: Int32) -> Bool { join <= d && (leave == Person.noDay || d <= leave) }
}

enum MemberStatus: UInt8 {
    case active, retained, left, transferred

    var text: String {
        switch self {
        case .active: return "在册"
        case .retained: return "保留会籍"
        case .left: return "退会"
        case .transferred: return "转出"
        }
    }
}

enum RosterVocabulary {
    static let employments = ["在岗", "农民工", "病休", "内退", "退休"]
    static let employmentBytes = Vocabulary.bytes(employments)
    static let retiredEmployment: UInt8 = 4
    /// Index 0 is "否" (no hardship).
    static let hardships = ["否", "深度困难", "相对困难", "意外致困"]
    static let hardshipBytes = Vocabulary.bytes(hardships)
    static let statusBytes = [MemberStatus.active, .retained, .left, .transferred].map { Array($0.text.utf8) }
    static let maleBytes = Array("男".utf8)
    static let femaleBytes = Array("女".utf8)
}

/// Unique ID numbers for generated people.
struct IDNumberMaker {
    private var used: Set<UInt64> = []

    init(capacity: Int) { used.reserveCapacity(capacity) }

    /// A fresh 17-digit body for a birth date and sex. The sequence avoids `x00`, so no number ends in `000`
    /// (which a reader would take for Excel's zeroed tail).
    mutating func make(birth: Day, female: Bool, rng: inout SplitMix64) -> UInt64 {
        let date = UInt64(birth.year * 10_000 + birth.month * 100 + birth.day)
        while true {
            let area = rng.pick(Vocabulary.areaCodes)
            var seq = UInt64(rng.int(1...99) * 10 + rng.below(5) * 2 + (female ? 0 : 1))
            if seq % 100 == 0 { seq += 2 }
            let body = area * 100_000_000_000 + date * 1_000 + seq
            if used.insert(body).inserted { return body }
        }
    }

    /// The 18 characters of a valid ID number.
    static func text(_ body: UInt64) -> [UInt8] {
        var digits = [UInt8](repeating: 0x30, count: 18)
        var n = body
        for i in stride(from: 16, through: 0, by: -1) {
            digits[i] = UInt8(0x30 + n % 10)
            n /= 10
        }
        digits[17] = IDNumber.checkCharacter(for: digits)
        return digits
    }
}

/// Builds the roster: clean people, planted rows, and the member figures of the clean rows.
struct RosterGenerator {
    static let file = "members.csv"
    static let header = ["姓名", "性别", "身份证号", "出生日期", "工号", "分会", "入会日期", "退会日期",
                         "会员状态", "在岗状态", "手机号", "月工资", "已缴会费", "缴费月数", "困难职工"]
    /// An HR system's export: 16 columns, 会员编号 beside 工号.
    static let wideHeader = ["姓名", "身份证号", "性别", "出生日期", "工号", "会员编号", "分会", "入会日期", "退会日期",
                             "会员状态", "在岗状态", "手机号", "月工资", "已缴会费", "缴费月数", "困难职工"]
    /// Roster kinds of planted problem, taken in turn.
    static let plantKinds: [RuleCode] = [.M01, .M02, .M05]

    let options: GeneratorOptions
    var rng: SplitMix64
    var ids: IDNumberMaker
    private(set) var people: [Person] = []
    private(set) var planted: [PlantedFinding] = []
    /// The names of the rows planted with a damaged or invalid ID number (M01, M02): a record of someone
    /// not in the roster under one of these names is X04, not X01 (SPEC §2.4).
    private(set) var damagedNames: Set<[UInt8]> = []
    private(set) var figures = ExpectedMembers()
    private(set) var input: ExpectedInput

    private let yearStart: Day
    private let yearEnd: Day

    init(options: GeneratorOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed, stream: 1)
        ids = IDNumberMaker(capacity: options.members + options.payments / 50 + 16)
        people.reserveCapacity(options.members)
        yearStart = Day(year: options.year, month: 1, day: 1)!
        yearEnd = Day(year: options.year, month: 12, day: 31)!
        input = ExpectedInput(file: RosterGenerator.file, dataset: .members)
    }

    // MARK: people

    /// A random day in `lo...hi` (both inclusive).
    mutating func day(_ lo: Day, _ hi: Day) -> Day {
        Day(daysSinceEpoch: rng.int(lo.daysSinceEpoch...max(lo.daysSinceEpoch, hi.daysSinceEpoch)))
    }

    /// The birth date of someone aged `minAge...maxAge` (whole years) on `on`.
    mutating func birth(agedFrom minAge: Int, to maxAge: Int, on: Day) -> Day {
        let latest = on.adding(months: -12 * minAge)
        let earliest = on.adding(months: -12 * (maxAge + 1)).adding(days: 1)
        return day(earliest, latest)
    }

    mutating func name(female: Bool) -> (UInt16, UInt8, UInt8) {
        // Frequent surnames more often: the first 20 of the list take half the draws.
        let s = rng.chance(0.5) ? rng.below(20) : rng.below(Vocabulary.surnames.count)
        let given = female ? Vocabulary.femaleGiven : Vocabulary.maleGiven
        let g1 = rng.below(given.count)
        var g2 = 255
        if rng.chance(0.65) {
            g2 = rng.below(given.count - 1)
            if g2 >= g1 { g2 += 1 }
        }
        return (UInt16(s), UInt8(g1), UInt8(g2))
    }

    mutating func wage(_ low: Int, _ high: Int) -> Int64 {
        let yuan = Int64(rng.int(low...high))
        let jiao: Int64 = rng.chance(0.35) ? Int64(rng.pick([10, 20, 50, 50, 80])) : 0
        return yuan * 100 + jiao
    }

    /// Calendar months of the year during any part of which someone joined on `join` (and leaving on `leave`) was a member.
    func monthsInYear(join: Day, leave: Day?) -> Int {
        let first = max(join, yearStart)
        let last = min(leave ?? yearEnd, yearEnd)
        if first > last { return 0 }
        return (last.year - first.year) * 12 + last.month - first.month + 1
    }

    /// A new person with a clean roster row.
    mutating func makePerson(employeeNo: Int) -> Person {
        let y = options.year
        let status: MemberStatus = [MemberStatus.active, .retained, .left, .transferred][rng.weighted([88, 6, 4, 2])]
        let female = rng.chance(0.45)
        var birth: Day
        var join: Day
        var leave: Day?
        var employment: UInt8 = 0
        var hardship: UInt8 = 0
        var deceased = false
        var paysDues = true
        switch status {
        case .active:
            employment = UInt8(rng.weighted([90, 5, 3, 2]))
            if rng.chance(0.05) {
                // Joined this year, aged 18 to 45 on joining.
                join = day(yearStart, yearEnd)
                birth = self.birth(agedFrom: 18, to: 45, on: join)
            } else {
                // In post and younger than any retirement age at the year's end (no M08).
                birth = self.birth(agedFrom: 20, to: female ? 53 : 58, on: yearEnd)
                let earliest = max(birth.adding(months: 18 * 12), Day(year: y - 35, month: 1, day: 1)!)
                join = day(earliest, Day(year: y - 1, month: 12, day: 31)!)
            }
            if rng.chance(0.03) { hardship = UInt8(rng.weighted([0, 20, 65, 15])) }
        case .retained:
            employment = RosterVocabulary.retiredEmployment
            paysDues = false
            birth = self.birth(agedFrom: female ? 56 : 61, to: 78, on: yearEnd)
            let latest = min(birth.adding(months: 45 * 12), Day(year: y - 2, month: 12, day: 31)!)
            join = day(birth.adding(months: 20 * 12), latest)
            if rng.chance(0.02) { hardship = UInt8(rng.weighted([0, 20, 65, 15])) }
        case .left, .transferred:
            birth = self.birth(agedFrom: 22, to: 54, on: yearEnd)
            let earliest = max(birth.adding(months: 18 * 12), Day(year: y - 30, month: 1, day: 1)!)
            join = day(earliest, Day(year: y - 1, month: 12, day: 1)!)
            if rng.chance(0.65) {
                leave = day(yearStart, yearEnd)
                deceased = status == .left && rng.chance(0.25)
            } else {
                leave = day(join, Day(year: y - 1, month: 12, day: 31)!)
                paysDues = false
            }
        }
        var wage: Int64 = 0
        if paysDues {
            switch employment {
            case 1: wage = self.wage(3500, 6500)
            case 2, 3: wage = self.wage(3200, 5200)
            default: wage = self.wage(4300, 15800)
            }
        }
        let (s, g1, g2) = name(female: female)
        let body = ids.make(birth: birth, female: female, rng: &rng)
        let phone = rng.pick(Vocabulary.phonePrefixes) * 100_000_000 + UInt64(rng.below(100_000_000))
        return Person(idBody: body, surname: s, given1: g1, given2: g2, female: female,
                      birth: Int32(birth.daysSinceEpoch), join: Int32(join.daysSinceEpoch),
                      leave: leave.map { Int32($0.daysSinceEpoch) } ?? Person.noDay,
                      status: status, employment: employment, hardship: hardship,
                      branch: UInt8(rng.below(Vocabulary.branches.count)), deceased: deceased, phone: phone,
                      wageFen: wage, duesMonths: Int8(wage > 0 ? monthsInYear(join: join, leave: leave) : 0),
                      employeeNo: Int32(employeeNo))
    }

    // MARK: writing

    /// The name as written.
    static func name(_ p: Person) -> [UInt8] {
        let given = p.female ? Vocabulary.femaleGiven : Vocabulary.maleGiven
        var name: [UInt8] = Vocabulary.surnames[Int(p.surname)]
        name += given[Int(p.given1)]
        if p.given2 != 255 { name += given[Int(p.given2)] }
        return name
    }

    /// The name as one cell, without building an array per row.
    static func writeName(_ p: Person, to sink: inout CSVByteSink) {
        let given = p.female ? Vocabulary.femaleGiven : Vocabulary.maleGiven
        sink.joined(Vocabulary.surnames[Int(p.surname)], given[Int(p.given1)], p.given2 == 255 ? nil : given[Int(p.given2)])
    }

    /// Writes one roster row in the wide shape: every cell but a leave date that is not there is filled.
    static func writeWide(_ p: Person, idCell: [UInt8]? = nil, to sink: inout CSVByteSink) throws {
        writeName(p, to: &sink)
        if let idCell { sink.raw(idCell) } else { sink.idNumber(p.idBody) }
        sink.raw(p.female ? RosterVocabulary.femaleBytes : RosterVocabulary.maleBytes)
        sink.date(p.birthDay)
        sink.number(Int(p.employeeNo))
        sink.number(Int(p.employeeNo) + 20_000_000)
        sink.raw(Vocabulary.branchBytes[Int(p.branch)])
        sink.date(p.joinDay)
        if let l = p.leaveDay { sink.date(l) } else { sink.empty() }
        sink.raw(RosterVocabulary.statusBytes[Int(p.status.rawValue)])
        sink.raw(RosterVocabulary.employmentBytes[Int(p.employment)])
        sink.number(Int(p.phone))
        sink.money(p.wageFen)
        sink.money(p.duesFen)
        sink.number(Int(p.duesMonths))
        sink.raw(RosterVocabulary.hardshipBytes[Int(p.hardship)])
        try sink.endRow()
    }

    /// Writes one roster row; `idCell` replaces the ID number (planted damage).
    static func write(_ p: Person, idCell: [UInt8]? = nil, to sink: inout CSVByteSink) throws {
        writeName(p, to: &sink)
        sink.raw(p.female ? RosterVocabulary.femaleBytes : RosterVocabulary.maleBytes)
        if let idCell { sink.raw(idCell) } else { sink.idNumber(p.idBody) }
        sink.date(p.birthDay)
        sink.number(Int(p.employeeNo))
        sink.raw(Vocabulary.branchBytes[Int(p.branch)])
        sink.date(p.joinDay)
        if let l = p.leaveDay { sink.date(l) } else { sink.empty() }
        sink.raw(RosterVocabulary.statusBytes[Int(p.status.rawValue)])
        sink.raw(RosterVocabulary.employmentBytes[Int(p.employment)])
        sink.number(Int(p.phone))
        if p.wageFen > 0 {
            sink.money(p.wageFen)
            sink.money(p.duesFen)
            sink.number(Int(p.duesMonths))
        } else {
            sink.empty(); sink.empty(); sink.empty()
        }
        sink.raw(RosterVocabulary.hardshipBytes[Int(p.hardship)])
        try sink.endRow()
    }

    /// An ID number with a wrong check character that is not mistaken for Excel damage (M01).
    mutating func badChecksum(_ body: UInt64) -> [UInt8] {
        var text = IDNumberMaker.text(body)
        let right = text[17]
        let candidates = Array("123456789X".utf8).filter { $0 != right }
        text[17] = rng.pick(candidates)
        return text
    }

    /// What Excel shows for an ID number stored as a number: `1.10105E+17` (M02).
    static func scientific(_ body: UInt64) -> [UInt8] {
        let t = IDNumberMaker.text(body)
        return [t[0], 0x2E] + Array(t[1..<6]) + Array("E+17".utf8)
    }

    /// Writes members.csv; keeps the clean people for the other files.
    mutating func writeFile(in folder: String) throws {
        var sink = try CSVByteSink(path: folder + "/" + RosterGenerator.file, encoding: options.encoding)
        let wide = options.shape == .wide
        try sink.row(wide ? RosterGenerator.wideHeader : RosterGenerator.header)
        func write(_ p: Person, idCell: [UInt8]? = nil) throws {
            if wide { try RosterGenerator.writeWide(p, idCell: idCell, to: &sink) }
            else { try RosterGenerator.write(p, idCell: idCell, to: &sink) }
        }
        var plantTurn = 0
        for i in 0..<options.members {
            let row = i + 2
            if rng.chance(options.problemRate) {
                var kind = RosterGenerator.plantKinds[plantTurn % RosterGenerator.plantKinds.count]
                // A duplicate needs an earlier clean row to copy.
                if kind == .M05 && people.isEmpty { kind = .M01 }
                plantTurn += 1
                let p: Person
                let idCell: [UInt8]
                switch kind {
                case .M05:
                    p = people[rng.below(people.count)]
                    idCell = IDNumberMaker.text(p.idBody)
                case .M02:
                    p = makePerson(employeeNo: 100_001 + i)
                    idCell = RosterGenerator.scientific(p.idBody)
                default:
                    p = makePerson(employeeNo: 100_001 + i)
                    idCell = badChecksum(p.idBody)
                }
                try write(p, idCell: idCell)
                if kind != .M05 { damagedNames.insert(RosterGenerator.name(p)) }
                planted.append(PlantedFinding(file: RosterGenerator.file, row: row, column: wide ? "B" : "C",
                                              field: .memberID, rule: kind))
                input.excluded += 1
            } else {
                let p = makePerson(employeeNo: 100_001 + i)
                try write(p)
                people.append(p)
                count(p)
            }
            input.rows += 1
        }
        try sink.close()
    }

    /// Adds a clean row to the member figures (SPEC §7 "Member at the as-of date A", A = 31 December).
    private mutating func count(_ p: Person) {
        let asOf = Int32(options.asOf.daysSinceEpoch)
        if p.joinDay.year == options.year { figures.joinedInYear += 1 }
        if p.status == .left || p.status == .transferred, let l = p.leaveDay, l.year == options.year { figures.leftInYear += 1 }
        figures.duesPaid += Money(fen: p.duesFen)
        let counts = (p.status == .active || p.status == .retained) && p.join <= asOf
            && (p.leave == Person.noDay || p.leave >= asOf)
        guard counts else { return }
        figures.total += 1
        if p.female { figures.female += 1 } else { figures.male += 1 }
        figures.byStatus[p.status.text, default: 0] += 1
        figures.byBranch[Vocabulary.branches[Int(p.branch)], default: 0] += 1
    }
}
