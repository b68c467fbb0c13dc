// enrollments.csv: 两癌 cover for women members, premium 20, at most one per woman.
import UnionCore

struct EnrollmentGenerator {
    static let file = "enrollments.csv"
    static let header = ["姓名", "身份证号", "险种", "保费", "保障起期", "保障止期"]
    /// The default profile's standard premium of 两癌, in fen (no E01).
    static let premium: Int64 = 2_000

    let options: GeneratorOptions
    let people: [Person]
    let pools: PeoplePools
    var rng: SplitMix64
    private(set) var input = ExpectedInput(file: EnrollmentGenerator.file, dataset: .enrollments)
    private(set) var figures = ExpectedEnrollments()

    init(options: GeneratorOptions, people: [Person], pools: PeoplePools) {
        self.options = options
        self.people = people
        self.pools = pools
        rng = SplitMix64(seed: options.seed, stream: 4)
    }

    /// How many rows will be written: one per woman who is a member on some day of the year, at most.
    var rowCount: Int { min(options.enrollments, pools.payableWomen.count) }

    mutating func writeFile(in folder: String) throws {
        var sink = try CSVByteSink(path: folder + "/" + EnrollmentGenerator.file, encoding: options.encoding)
        try sink.row(EnrollmentGenerator.header)
        let plan = Array("两癌".utf8)
        let end = Day(daysSinceEpoch: Int(pools.yearEnd))
        // Selection sampling (Knuth's algorithm S): a uniform choice of women, written in roster order.
        var needed = rowCount
        var left = pools.payableWomen.count
        var tally = ExpectedTally()
        for who in pools.payableWomen where needed > 0 {
            defer { left -= 1 }
            guard rng.below(left) < needed else { continue }
            needed -= 1
            let p = people[Int(who)]
            // Cover starts on 1 January, or on the join date for women who joined in the year (no X02).
            let start = pools.window(p)!.lowerBound
            RosterGenerator.writeName(p, to: &sink)
            sink.idNumber(p.idBody)
            sink.raw(plan)
            sink.money(EnrollmentGenerator.premium)
            sink.date(Day(daysSinceEpoch: Int(start)))
            sink.date(end)
            try sink.endRow()
            input.rows += 1
            tally.count += 1
            tally.people += 1
            tally.amount += Money(fen: EnrollmentGenerator.premium)
        }
        try sink.close()
        figures.all = tally
        if tally.count > 0 { figures.byPlan["两癌"] = tally }
    }
}
