// payments.csv: subsidies and sympathy payments to roster members, within every limit of the default profile.
import UnionCore

/// A cell that is written as a value or, for planted problems, as text.
enum GeneratedCell {
    case money(Int64)
    case day(Day)
    case text(String)
    case empty

    func write(to sink: inout CSVByteSink) {
        switch self {
        case .money(let fen): sink.money(fen)
        case .day(let d): sink.date(d)
        case .text(let s): sink.text(s)
        case .empty: sink.empty()
        }
    }
}

/// One row of payments.csv before it is written.
struct PaymentRow {
    /// The roster person paid; nil for a person outside the roster, whose cells are `name` and `id`.
    var person: Person?
    var name: [UInt8] = []
    var id: [UInt8] = []
    var category: String
    var amount: GeneratedCell
    var date: GeneratedCell
    var event: Day? = nil
    var form = "转账"
    var relation = ""
    var student: [UInt8] = []
    var stage = ""
    var branch: [UInt8]
    var note = ""

    func write(to sink: inout CSVByteSink) throws {
        if let p = person {
            RosterGenerator.writeName(p, to: &sink)
            sink.idNumber(p.idBody)
        } else {
            sink.raw(name)
            sink.raw(id)
        }
        sink.text(category)
        amount.write(to: &sink)
        date.write(to: &sink)
        if let e = event { sink.date(e) } else { sink.empty() }
        sink.text(form)
        sink.text(relation)
        sink.raw(student)
        sink.text(stage)
        sink.raw(branch)
        sink.text(note)
        try sink.endRow()
    }
}

struct PaymentGenerator {
    static let file = "payments.csv"
    static let header = ["姓名", "身份证号", "类别", "金额", "发放日期", "事由日期", "形式", "与会员关系",
                         "学生姓名", "录取层次", "分会", "备注"]
    /// Payment kinds of planted problem, taken in turn.
    static let plantKinds: [RuleCode] = [.V02, .V03, .V01, .X01, .X02, .V04, .P01]
    /// The categories of clean rows and how often each is drawn.
    static let mix: [(PaymentCategory, Int)] = [
        (.festival, 30), (.birthday, 18), (.illness, 12), (.childbirth, 3), (.marriage, 3), (.death, 1),
        (.pension, 1), (.relativeDeath, 3), (.retirement, 2), (.hardship, 5), (.education, 3), (.other, 19),
    ]
    static let festivals: [(cell: String, month: Int, day: Int, note: String)] = [
        ("春节慰问", 1, 20, "春节慰问品：大米、食用油"), ("端午慰问", 5, 28, "粽子、咸鸭蛋"), ("中秋慰问", 9, 26, "月饼、水果"),
    ]

    static let categoryIndex: [PaymentCategory: Int] =
        Dictionary(uniqueKeysWithValues: PaymentCategory.allCases.enumerated().map { ($0.element, $0.offset) })

    // Per-person flags: what a person already received (one each a year).
    static let gotFestival: [UInt8] = [1, 2, 4]
    static let gotBirthday: UInt8 = 8
    static let gotRetirement: UInt8 = 16
    static let gotGrant: UInt8 = 32
    static let gotDeath: UInt8 = 64
    static let gotPension: UInt8 = 128

    let options: GeneratorOptions
    let people: [Person]
    let pools: PeoplePools
    var rng: SplitMix64
    var ids: IDNumberMaker
    private var flags: [UInt8]
    /// (person, category, date, amount) of every row written: no P04 between any two rows.
    private var keys: Set<UInt64> = []
    private(set) var planted: [PlantedFinding] = []
    /// Names of roster rows with a damaged ID number: an X01 stranger never takes one (that would be X04).
    let damagedNames: Set<[UInt8]>
    private(set) var input = ExpectedInput(file: PaymentGenerator.file, dataset: .payments)
    private var all: TallyBuilder
    private var unionSpending = Money.zero
    private var byCategory: [PaymentCategory: TallyBuilder] = [:]
    private var sickAndBirth: TallyBuilder
    /// Index 0 is January of the reporting year.
    private var byMonth = [ExpectedTally](repeating: ExpectedTally(), count: 12)

    init(options: GeneratorOptions, people: [Person], pools: PeoplePools, ids: IDNumberMaker, damagedNames: Set<[UInt8]> = []) {
        self.damagedNames = damagedNames
        self.options = options
        self.people = people
        self.pools = pools
        self.ids = ids
        rng = SplitMix64(seed: options.seed, stream: 2)
        flags = [UInt8](repeating: 0, count: people.count)
        keys.reserveCapacity(options.payments)
        all = TallyBuilder(capacity: people.count)
        sickAndBirth = TallyBuilder(capacity: people.count)
    }

    var figures: ExpectedPayments {
        var p = ExpectedPayments()
        p.all = all.tally
        p.unionSpending = unionSpending
        for (c, t) in byCategory { p.byCategory[c.rawValue] = t.tally }
        if sickAndBirth.tally.count > 0 { p.byGroup["生病及生育慰问"] = sickAndBirth.tally }
        for (m, t) in byMonth.enumerated() where t.count > 0 {
            p.byMonth[Day(year: year, month: m + 1, day: 1)!.monthKey] = t
        }
        return p
    }

    // MARK: helpers

    private var year: Int { options.year }
    private func day(_ d: Int32) -> Day { Day(daysSinceEpoch: Int(d)) }

    private mutating func randomDay(_ range: ClosedRange<Int32>) -> Int32 {
        Int32(rng.int(Int(range.lowerBound)...Int(range.upperBound)))
    }

    private mutating func steps(_ low: Int, _ high: Int, step: Int) -> Int64 {
        Int64(rng.int(low / step...high / step) * step) * 100
    }

    private func age(_ p: Person) -> Int { year - p.birthDay.year }

    private func key(_ person: Int32, _ category: PaymentCategory, _ d: Int32, _ fen: Int64) -> UInt64 {
        let c = UInt64(PaymentGenerator.categoryIndex[category]!)
        let offset = UInt64(Int(d) - Int(pools.yearStart) + 400) & 0x3FF
        return UInt64(person) << 40 | c << 36 | offset << 26 | UInt64(fen) & 0x3FF_FFFF
    }

    /// Claims the row's key; false when an earlier row has it (the caller draws again).
    private mutating func claimKey(_ person: Int32, _ category: PaymentCategory, _ d: Int32, _ fen: Int64) -> Bool {
        keys.insert(key(person, category, d, fen)).inserted
    }

    private func row(_ person: Int32, category: String, amount: GeneratedCell, date: GeneratedCell) -> PaymentRow {
        let p = people[Int(person)]
        return PaymentRow(person: p, category: category,
                          amount: amount, date: date, branch: Vocabulary.branchBytes[Int(p.branch)])
    }

    // MARK: clean rows

    /// A clean row of `category`, or nil when no one can receive it now (the caller falls back to 其他).
    private mutating func clean(_ category: PaymentCategory) -> (PaymentRow, Int32, Int64, Day)? {
        for _ in 0..<8 {
            let draw: CleanDraw
            switch category {
            case .festival: draw = cleanFestival(category)
            case .birthday: draw = cleanBirthday(category)
            case .illness, .childbirth, .marriage, .other, .hardship: draw = cleanWithinMembership(category)
            case .death, .pension: draw = cleanAfterDeath(category)
            case .relativeDeath: draw = cleanRelativeDeath(category)
            case .retirement: draw = cleanRetirement(category)
            case .education: draw = cleanEducation(category)
            }
            switch draw {
            case .row(let row): return row
            case .again: continue
            case .nobody: return nil
            }
        }
        return nil
    }

    /// One draw of a clean row: the row (with its person, amount and date), another draw needed, or no one to pay.
    private enum CleanDraw {
        case row((PaymentRow, Int32, Int64, Day))
        case again
        case nobody
    }

    /// A festival gift on the festival day, once a festival a member.
    private mutating func cleanFestival(_ category: PaymentCategory) -> CleanDraw {
        let f = rng.below(3)
        let fest = PaymentGenerator.festivals[f]
        let d = Int32(Day(year: year, month: fest.month, day: fest.day)!.daysSinceEpoch)
        let who = rng.pick(pools.payable)
        guard people[Int(who)].isMember(on: d), flags[Int(who)] & PaymentGenerator.gotFestival[f] == 0 else { return .again }
        let fen = Int64(rng.pick([200, 300, 500])) * 100
        guard claimKey(who, category, d, fen) else { return .again }
        flags[Int(who)] |= PaymentGenerator.gotFestival[f]
        var r = row(who, category: fest.cell, amount: .money(fen), date: .day(day(d)))
        r.form = rng.chance(0.7) ? "实物" : "卡券"
        r.note = fest.note
        return .row((r, who, fen, day(d)))
    }

    /// A birthday gift on the birthday, once a year a member.
    private mutating func cleanBirthday(_ category: PaymentCategory) -> CleanDraw {
        let who = rng.pick(pools.payable)
        let p = people[Int(who)]
        let birth = p.birthDay
        let d = Int32(Day(year: year, month: birth.month, day: min(birth.day, Day.daysIn(month: birth.month, year: year)))!.daysSinceEpoch)
        guard p.isMember(on: d), flags[Int(who)] & PaymentGenerator.gotBirthday == 0 else { return .again }
        let fen = Int64(rng.pick([100, 200, 200, 300])) * 100
        guard claimKey(who, category, d, fen) else { return .again }
        flags[Int(who)] |= PaymentGenerator.gotBirthday
        var r = row(who, category: rng.chance(0.8) ? "生日慰问" : "生日", amount: .money(fen), date: .day(day(d)))
        r.form = "卡券"
        r.note = "生日蛋糕券"
        return .row((r, who, fen, day(d)))
    }

    /// Illness, childbirth, marriage, hardship or other: a day within the person's membership this year.
    private mutating func cleanWithinMembership(_ category: PaymentCategory) -> CleanDraw {
        let pool = category == .hardship ? pools.hardship : (category == .childbirth ? pools.payableWomen : pools.payable)
        guard !pool.isEmpty else { return .nobody }
        let who = rng.pick(pool)
        let p = people[Int(who)]
        guard let w = pools.window(p) else { return .again }
        if category == .childbirth && !(22...42).contains(age(p)) { return .again }
        if category == .marriage && !(22...40).contains(age(p)) { return .again }
        let d = randomDay(w)
        let fen: Int64
        var cell: String
        var form = "转账"
        var note = ""
        switch category {
        case .illness:
            fen = steps(200, 1000, step: 50)
            cell = rng.pick(["生病住院慰问", "生病住院慰问", "住院慰问", "探望病人", "生病慰问"])
            form = rng.pick(["现金", "转账", "实物"])
            note = "住院探望"
        case .childbirth:
            fen = steps(500, 1000, step: 100)
            cell = rng.pick(["生育慰问", "产假慰问"])
            note = "生育慰问"
        case .marriage:
            fen = steps(500, 2000, step: 100)
            cell = rng.pick(["结婚慰问", "结婚"])
            note = "新婚慰问"
        case .hardship:
            fen = steps(500, 3000, step: 100)
            cell = rng.pick(["困难帮扶", "送温暖", "困难补助", "医疗救助", "生活救助", "帮扶资金"])
            note = rng.pick(["春节送温暖", "医疗救助", "生活救助"])
        default:
            fen = steps(100, 500, step: 10)
            cell = "其他"
            form = rng.pick(["转账", "实物", "购物卡"])
            note = rng.pick(["职工运动会奖品", "劳模疗休养", "读书活动奖品", "职工技能竞赛奖励"])
        }
        guard claimKey(who, category, d, fen) else { return .again }
        var r = row(who, category: cell, amount: .money(fen), date: .day(day(d)))
        r.form = form
        r.note = note
        return .row((r, who, fen, day(d)))
    }

    /// A death benefit or a pension to the family, after the member's death.
    private mutating func cleanAfterDeath(_ category: PaymentCategory) -> CleanDraw {
        let flag = category == .death ? PaymentGenerator.gotDeath : PaymentGenerator.gotPension
        guard !pools.deceased.isEmpty else { return .nobody }
        let who = rng.pick(pools.deceased)
        guard flags[Int(who)] & flag == 0 else { return .again }
        let p = people[Int(who)]
        let died = p.leave
        let d = min(died + Int32(category == .death ? rng.int(1...10) : rng.int(10...40)), pools.yearEnd)
        let fen = category == .death ? steps(1000, 2000, step: 100) : Int64(rng.int(200_000...2_000_000))
        guard claimKey(who, category, d, fen) else { return .again }
        flags[Int(who)] |= flag
        var r = row(who, category: category == .death ? rng.pick(["去世慰问", "会员去世"]) : rng.pick(["抚恤金", "家属抚恤金"]),
                    amount: .money(fen), date: .day(day(d)))
        r.event = day(died)
        r.form = category == .death ? "现金" : "转账"
        r.note = category == .death ? "会员因病去世" : "遗属一次性抚恤"
        return .row((r, who, fen, day(d)))
    }

    /// A relative's death: the payment follows it within a week.
    private mutating func cleanRelativeDeath(_ category: PaymentCategory) -> CleanDraw {
        let who = rng.pick(pools.payable)
        let p = people[Int(who)]
        guard let w = pools.window(p) else { return .again }
        // The payment follows the death within a week, inside the year.
        let lastEvent = min(w.upperBound, pools.yearEnd - 7)
        guard w.lowerBound <= lastEvent else { return .again }
        let event = randomDay(w.lowerBound...lastEvent)
        let d = event + Int32(rng.int(1...7))
        let fen = steps(500, 1000, step: 100)
        guard claimKey(who, category, d, fen) else { return .again }
        var r = row(who, category: rng.pick(["亲属去世慰问", "直系亲属去世"]), amount: .money(fen), date: .day(day(d)))
        r.event = day(event)
        r.form = rng.pick(["现金", "转账"])
        r.relation = rng.pick(["父亲", "母亲", "父母", "子女", p.female ? "丈夫" : "妻子", "配偶"])
        r.note = "直系亲属去世慰问"
        return .row((r, who, fen, day(d)))
    }

    /// A retirement gift, once a person, on a day within their membership.
    private mutating func cleanRetirement(_ category: PaymentCategory) -> CleanDraw {
        guard !pools.retained.isEmpty else { return .nobody }
        let who = rng.pick(pools.retained)
        guard flags[Int(who)] & PaymentGenerator.gotRetirement == 0, let w = pools.window(people[Int(who)]) else { return .again }
        let d = randomDay(w)
        let fen = steps(500, 1000, step: 100)
        guard claimKey(who, category, d, fen) else { return .again }
        flags[Int(who)] |= PaymentGenerator.gotRetirement
        var r = row(who, category: rng.pick(["退休慰问", "退休"]), amount: .money(fen), date: .day(day(d)))
        r.form = "实物"
        r.note = "光荣退休纪念品"
        return .row((r, who, fen, day(d)))
    }

    /// An education grant in August and September, to a parent in hardship.
    private mutating func cleanEducation(_ category: PaymentCategory) -> CleanDraw {
        guard !pools.hardship.isEmpty else { return .nobody }
        let who = rng.pick(pools.hardship)
        let p = people[Int(who)]
        guard (38...55).contains(age(p)), flags[Int(who)] & PaymentGenerator.gotGrant == 0, let w = pools.window(p) else { return .again }
        let season = Int32(Day(year: year, month: 8, day: 15)!.daysSinceEpoch)...Int32(Day(year: year, month: 9, day: 15)!.daysSinceEpoch)
        let lo = max(w.lowerBound, season.lowerBound), hi = min(w.upperBound, season.upperBound)
        guard lo <= hi else { return .again }
        let d = randomDay(lo...hi)
        let fen = steps(800, 5000, step: 100)
        guard claimKey(who, category, d, fen) else { return .again }
        flags[Int(who)] |= PaymentGenerator.gotGrant
        let childFemale = rng.chance(0.5)
        let given = childFemale ? Vocabulary.femaleGiven : Vocabulary.maleGiven
        var child = Vocabulary.surnames[Int(p.surname)] + given[rng.below(given.count)]
        if rng.chance(0.6) { child += given[rng.below(given.count)] }
        var r = row(who, category: rng.pick(["金秋助学", "助学金"]), amount: .money(fen), date: .day(day(d)))
        r.relation = childFemale ? "女儿" : "儿子"
        r.student = child
        r.stage = rng.pick(Vocabulary.stages)
        r.note = "\(year)年金秋助学"
        return .row((r, who, fen, day(d)))
    }

    private mutating func count(_ category: PaymentCategory, person: Int32, fen: Int64, date: Day) {
        let i = Int(person)
        all.add(person: i, fen: fen)
        if category.isUnionSpending { unionSpending += Money(fen: fen) }
        if byCategory[category] == nil { byCategory[category] = TallyBuilder(capacity: people.count) }
        byCategory[category]!.add(person: i, fen: fen)
        if category == .illness || category == .childbirth { sickAndBirth.add(person: i, fen: fen) }
        byMonth[date.month - 1].count += 1
        byMonth[date.month - 1].amount += Money(fen: fen)
    }

    // MARK: planted rows

    /// A row with exactly one problem of `kind`, or nil when no one fits it now.
    private mutating func plant(_ kind: RuleCode) -> (PaymentRow, column: String, field: Field)? {
        let illness = "生病住院慰问"
        for _ in 0..<20 {
            switch kind {
            case .X01:
                // A valid ID number that is in no roster row.
                let female = rng.chance(0.45)
                let birth = Day(daysSinceEpoch: Int(pools.yearStart) - rng.int(20 * 365...50 * 365))
                let body = ids.make(birth: birth, female: female, rng: &rng)
                let given = female ? Vocabulary.femaleGiven : Vocabulary.maleGiven
                let name = Vocabulary.surnames[rng.below(20)] + given[rng.below(given.count)]
                // A namesake of a roster row with a damaged ID number would be X04: draw again.
                if damagedNames.contains(name) { continue }
                let d = day(randomDay(pools.yearStart...pools.yearEnd))
                var r = PaymentRow(person: nil, name: name, id: IDNumberMaker.text(body), category: illness,
                                   amount: .money(steps(200, 1000, step: 50)), date: .day(d),
                                   branch: Vocabulary.branchBytes[rng.below(Vocabulary.branches.count)])
                r.note = "住院探望"
                return (r, "B", .payeeID)
            case .X02:
                guard !pools.joinedLate.isEmpty else { return nil }
                let who = rng.pick(pools.joinedLate)
                let p = people[Int(who)]
                let d = randomDay(pools.yearStart...(p.join - 1))
                let fen = steps(200, 1000, step: 50)
                guard claimKey(who, .illness, d, fen) else { continue }
                var r = row(who, category: illness, amount: .money(fen), date: .day(day(d)))
                r.note = "住院探望"
                return (r, "E", .paidDate)
            case .V04:
                let who = rng.pick(pools.payable)
                let p = people[Int(who)]
                let december = Int32(Day(year: year - 1, month: 12, day: 1)!.daysSinceEpoch)
                guard p.join <= december else { continue }
                let d = randomDay(december...(pools.yearStart - 1))
                let fen = steps(200, 1000, step: 50)
                guard claimKey(who, .illness, d, fen) else { continue }
                var r = row(who, category: illness, amount: .money(fen), date: .day(day(d)))
                r.note = "上年度住院探望"
                return (r, "E", .paidDate)
            default:
                let who = rng.pick(pools.payable)
                guard let w = pools.window(people[Int(who)]) else { continue }
                var r = row(who, category: illness, amount: .money(steps(200, 1000, step: 50)), date: .day(day(randomDay(w))))
                r.note = "住院探望"
                switch kind {
                case .V02:
                    r.date = .text(String(year) + "-" + rng.pick(Vocabulary.impossibleDates))
                    return (r, "E", .paidDate)
                case .V03:
                    r.amount = .text(rng.pick(Vocabulary.badAmounts))
                    return (r, "D", .amount)
                case .V01:
                    r.amount = .empty
                    return (r, "D", .amount)
                default:
                    r.category = "加班补贴"
                    r.note = ""
                    return (r, "C", .category)
                }
            }
        }
        return nil
    }

    // MARK: writing

    mutating func writeFile(in folder: String) throws {
        var sink = try CSVByteSink(path: folder + "/" + PaymentGenerator.file, encoding: options.encoding)
        try sink.row(PaymentGenerator.header)
        let weights = PaymentGenerator.mix.map(\.1)
        var plantTurn = 0
        for i in 0..<options.payments {
            let rowNumber = i + 2
            input.rows += 1
            if rng.chance(options.problemRate) {
                var done = false
                // Take the kinds in turn; skip a kind no one fits (no one joined late in the year).
                for k in 0..<PaymentGenerator.plantKinds.count {
                    let kind = PaymentGenerator.plantKinds[(plantTurn + k) % PaymentGenerator.plantKinds.count]
                    guard let (r, column, field) = plant(kind) else { continue }
                    try r.write(to: &sink)
                    planted.append(PlantedFinding(file: PaymentGenerator.file, row: rowNumber, column: column, field: field, rule: kind))
                    if kind == .V04 { input.outsideYear += 1 } else { input.excluded += 1 }
                    plantTurn += k + 1
                    done = true
                    break
                }
                if done { continue }
            }
            let category = PaymentGenerator.mix[rng.weighted(weights)].0
            var made = clean(category).map { ($0, category) }
            var tries = 0
            while made == nil {
                made = clean(.other).map { ($0, PaymentCategory.other) }
                tries += 1
                if tries > 10_000 {
                    throw GeneratorError.badOption("payments", "\(options.payments) payments do not fit a roster of \(people.count) people")
                }
            }
            let ((r, who, fen, date), c) = made!
            try r.write(to: &sink)
            count(c, person: who, fen: fen, date: date)
        }
        try sink.close()
    }
}
