// claims.csv: medical mutual-aid claims of members, consistent with the default profile's rates and cap.
import UnionCore

struct ClaimGenerator {
    static let file = "claims.csv"
    static let header = ["姓名", "身份证号", "保障项目", "就诊日期", "出院日期", "医疗总费用", "统筹支付",
                         "个人自付", "申请金额", "报销金额", "报销日期", "诊断"]

    enum Plan: Int, CaseIterable {
        case outpatient, inpatient, critical, womenCancer, accident, allowance

        var canonical: String {
            switch self {
            case .outpatient: return "门诊"
            case .inpatient: return "住院"
            case .critical: return "重大疾病"
            case .womenCancer: return "两癌"
            case .accident: return "意外"
            case .allowance: return "住院津贴"
            }
        }

        /// The default profile's rate as a fraction, for the plans C02 checks.
        var rate: (Int64, Int64)? {
            switch self {
            case .inpatient: return (1, 2)
            case .critical, .womenCancer: return (4, 5)
            default: return nil
            }
        }
    }

    static let weights = [60, 22, 5, 3, 6, 4]
    /// The outpatient cap of the default profile, per person and year.
    static let outpatientCap: Int64 = 100_000

    let options: GeneratorOptions
    let people: [Person]
    let pools: PeoplePools
    var rng: SplitMix64
    private(set) var input = ExpectedInput(file: ClaimGenerator.file, dataset: .claims)
    /// Approved 门诊 so far per person: never above the cap (no C03).
    private var outpatient: [Int32]
    /// (person, plan, admission day) of every row: no C06.
    private var keys: Set<UInt64> = []
    private var all: TallyBuilder
    private var byPlan: [Plan: TallyBuilder] = [:]

    init(options: GeneratorOptions, people: [Person], pools: PeoplePools) {
        self.options = options
        self.people = people
        self.pools = pools
        rng = SplitMix64(seed: options.seed, stream: 3)
        outpatient = [Int32](repeating: 0, count: people.count)
        keys.reserveCapacity(options.claims)
        all = TallyBuilder(capacity: people.count)
    }

    var figures: ExpectedClaims {
        var c = ExpectedClaims()
        c.all = all.tally
        for (plan, t) in byPlan { c.byPlan[plan.canonical] = t.tally }
        return c
    }

    /// `fen × n / d` rounded half up to the fen.
    static func scaled(_ fen: Int64, _ rate: (Int64, Int64)) -> Int64 {
        (fen * rate.0 * 2 + rate.1) / (rate.1 * 2)
    }

    private mutating func fen(_ lowYuan: Int, _ highYuan: Int) -> Int64 {
        Int64(rng.int(lowYuan...highYuan)) * 100 + (rng.chance(0.6) ? Int64(rng.below(100)) : 0)
    }

    private func day(_ d: Int32) -> Day { Day(daysSinceEpoch: Int(d)) }

    /// One clean claim of `plan`, or nil when this draw does not fit (the caller draws again).
    private mutating func attempt(_ plan: Plan, sink: inout CSVByteSink) throws -> Bool {
        let pool = plan == .womenCancer ? pools.payableWomen : pools.payable
        guard !pool.isEmpty else { return false }
        let who = rng.pick(pool)
        let p = people[Int(who)]
        guard let w = pools.window(p) else { return false }
        let admission = Int32(rng.int(Int(w.lowerBound)...Int(w.upperBound)))
        let key = UInt64(who) << 16 | UInt64(plan.rawValue) << 12 | UInt64(admission - pools.yearStart)
        var discharge: Int32?
        var selfPaid: Int64?
        var insurance: Int64?
        let approved: Int64
        var diagnosis: String
        switch plan {
        case .outpatient:
            let own = fen(50, 600)
            let a = own * 7 / 10 / 10 * 10
            guard Int64(outpatient[Int(who)]) + a <= ClaimGenerator.outpatientCap else { return false }
            selfPaid = own
            insurance = Int64(rng.int(0...800)) * 100
            approved = a
            diagnosis = rng.pick(Vocabulary.outpatientDiagnoses)
        case .inpatient, .critical, .womenCancer:
            discharge = min(admission + Int32(rng.int(2...20)), pools.yearEnd)
            let own: Int64
            switch plan {
            case .inpatient:
                own = fen(800, 30_000)
                diagnosis = rng.pick(Vocabulary.inpatientDiagnoses)
            case .critical:
                own = fen(10_000, 80_000)
                diagnosis = rng.pick(Vocabulary.criticalDiagnoses)
            default:
                own = fen(5_000, 40_000)
                diagnosis = rng.pick(Vocabulary.womenCancerDiagnoses)
            }
            selfPaid = own
            insurance = Int64(rng.int(1_000...60_000)) * 100
            approved = ClaimGenerator.scaled(own, plan.rate!)
        case .accident:
            let own = fen(200, 8_000)
            selfPaid = own
            insurance = Int64(rng.int(0...3_000)) * 100
            approved = own * 9 / 10
            diagnosis = rng.pick(Vocabulary.accidentDiagnoses)
        case .allowance:
            let days = Int32(rng.int(2...20))
            discharge = min(admission + days, pools.yearEnd)
            guard discharge! > admission else { return false }
            approved = Int64(discharge! - admission) * 5_000
            diagnosis = rng.pick(Vocabulary.inpatientDiagnoses)
        }
        guard keys.insert(key).inserted else { return false }
        if plan == .outpatient { outpatient[Int(who)] += Int32(approved) }
        let paid = min((discharge ?? admission) + Int32(rng.int(5...30)), pools.yearEnd)

        RosterGenerator.writeName(p, to: &sink)
        sink.idNumber(p.idBody)
        if plan == .critical && rng.chance(0.2) { sink.text(rng.pick(["大病", "癌症"])) } else { sink.text(plan.canonical) }
        sink.date(day(admission))
        if let d = discharge { sink.date(day(d)) } else { sink.empty() }
        if let own = selfPaid, let ins = insurance {
            sink.money(own + ins)
            sink.money(ins)
            sink.money(own)
            sink.money(own)
        } else {
            sink.empty(); sink.empty(); sink.empty()
            sink.money(approved)
        }
        sink.money(approved)
        sink.date(day(paid))
        sink.text(diagnosis)
        try sink.endRow()

        all.add(person: Int(who), fen: approved)
        if byPlan[plan] == nil { byPlan[plan] = TallyBuilder(capacity: people.count) }
        byPlan[plan]!.add(person: Int(who), fen: approved)
        return true
    }

    mutating func writeFile(in folder: String) throws {
        var sink = try CSVByteSink(path: folder + "/" + ClaimGenerator.file, encoding: options.encoding)
        try sink.row(ClaimGenerator.header)
        for _ in 0..<options.claims {
            let plan = Plan(rawValue: rng.weighted(ClaimGenerator.weights))!
            var tries = 0
            // A person at the outpatient cap, or a man drawn for 两癌, makes way for a hospital claim.
            while try !attempt(tries < 8 ? plan : .inpatient, sink: &sink) {
                tries += 1
                if tries > 10_000 {
                    throw GeneratorError.badOption("claims", "\(options.claims) claims do not fit a roster of \(people.count) people")
                }
            }
            input.rows += 1
        }
        try sink.close()
    }
}
