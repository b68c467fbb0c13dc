// ledger.csv: the union's books (经费收支明细账), consistent with the payments and the roster's dues, so a run
// raises no L03 or L04: the reconciled lines hold exactly the payments' totals, 会费收入 exactly the dues.
import UnionCore

struct LedgerGenerator {
    static let file = "ledger.csv"
    static let header = ["日期", "凭证号", "摘要", "科目", "收入", "支出", "人数"]

    /// A line of the default chart the generator books on: its account cell as written, canonical name and group.
    struct Line {
        let account: String
        let name: String
        let group: String
        let summary: String
        /// Whether entries on it have a people count (training, activities).
        let people: Bool
        /// The range of an entry's amount, in yuan.
        let yuan: ClosedRange<Int>
    }

    static let dues = Line(account: "会费收入", name: "会费收入", group: "收入", summary: "会费", people: false, yuan: 1...1)
    /// The default profile's [reconcile]: 困难帮扶 and 金秋助学 on 困难职工帮扶费, the sympathy payments on 职工集体福利支出.
    static let hardship = Line(account: "维权支出-困难职工帮扶费", name: "困难职工帮扶费", group: "维权支出",
                               summary: "困难帮扶、金秋助学发放（见帮扶慰问发放表）", people: false, yuan: 1...1)
    static let welfare = Line(account: "职工活动支出-职工集体福利支出", name: "职工集体福利支出", group: "职工活动支出",
                              summary: "会员慰问发放（见帮扶慰问发放表）", people: false, yuan: 1...1)
    static let hardshipCategories: [PaymentCategory] = [.hardship, .education]
    static let welfareCategories: [PaymentCategory] = [.festival, .birthday, .illness, .childbirth, .marriage, .death, .relativeDeath, .retirement]

    /// The free entries: income, and the spending that is paid to no named member, drawn by weight.
    static let others: [(Line, Int)] = [
        (Line(account: "拨缴经费", name: "拨缴经费收入", group: "收入", summary: "行政拨缴工会经费", people: false, yuan: 2_000...20_000), 5),
        (Line(account: "行政补助收入", name: "行政补助收入", group: "收入", summary: "行政补助", people: false, yuan: 1_000...10_000), 2),
        (Line(account: "其他收入", name: "其他收入", group: "收入", summary: "银行存款利息", people: false, yuan: 1...300), 4),
        (Line(account: "职工教育支出", name: "职工教育支出", group: "职工活动支出", summary: "职工技能培训报销", people: true, yuan: 200...3_000), 12),
        (Line(account: "文体活动支出", name: "文体活动支出", group: "职工活动支出", summary: "职工文体活动", people: true, yuan: 100...5_000), 14),
        (Line(account: "宣传活动支出", name: "宣传活动支出", group: "职工活动支出", summary: "宣传展板制作", people: false, yuan: 100...2_000), 5),
        (Line(account: "维权支出-劳动保护费", name: "劳动保护费", group: "维权支出", summary: "购买劳保用品", people: false, yuan: 500...12_000), 10),
        (Line(account: "培训费", name: "培训费", group: "业务支出", summary: "工会干部业务培训", people: true, yuan: 300...3_000), 4),
        (Line(account: "会议费", name: "会议费", group: "业务支出", summary: "会员代表大会", people: false, yuan: 200...4_000), 4),
        (Line(account: "其他支出", name: "其他支出", group: "其他支出", summary: "银行手续费", people: false, yuan: 1...50), 3),
    ]
    /// One free expense entry in this many is a refund (a negative amount on its line).
    static let refundEvery = 97

    let options: GeneratorOptions
    var rng: SplitMix64
    private(set) var input = ExpectedInput(file: LedgerGenerator.file, dataset: .ledger)
    private var lines: [String: ExpectedLedgerLine] = [:]
    private var voucher = 0

    init(options: GeneratorOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed, stream: 5)
    }

    var figures: ExpectedFunds {
        var f = ExpectedFunds()
        f.byLine = lines
        for (_, l) in lines {
            if l.group == LedgerGenerator.dues.group { f.income += l.amount } else { f.expense += l.amount }
            var g = f.byGroup[l.group] ?? ExpectedTally()
            g.count += l.count
            g.amount += l.amount
            f.byGroup[l.group] = g
        }
        return f
    }

    /// Writes `options.ledger` entries (more when the reconciled totals need them): the dues month by month,
    /// the reconciled payment totals month by month, then free entries over the year.
    mutating func writeFile(in folder: String, payments: ExpectedPayments?, duesPaid: Money?) throws {
        var sink = try CSVByteSink(path: folder + "/" + LedgerGenerator.file, encoding: options.encoding)
        try sink.row(LedgerGenerator.header)
        var written = 0
        if let duesPaid, duesPaid.fen > 0 {
            written += try monthly(LedgerGenerator.dues, total: duesPaid, to: &sink)
        }
        if let payments {
            func total(_ categories: [PaymentCategory]) -> Money {
                categories.reduce(Money.zero) { $0 + (payments.byCategory[$1.rawValue]?.amount ?? .zero) }
            }
            let hardship = total(LedgerGenerator.hardshipCategories)
            if hardship.fen != 0 { written += try monthly(LedgerGenerator.hardship, total: hardship, to: &sink) }
            let welfare = total(LedgerGenerator.welfareCategories)
            if welfare.fen != 0 { written += try monthly(LedgerGenerator.welfare, total: welfare, to: &sink) }
        }
        let weights = LedgerGenerator.others.map(\.1)
        let days = Day(year: options.year, month: 12, day: 31)!.daysSinceEpoch - Day(year: options.year, month: 1, day: 1)!.daysSinceEpoch + 1
        let first = Day(year: options.year, month: 1, day: 1)!.daysSinceEpoch
        var free = 0
        while written < options.ledger {
            let line = LedgerGenerator.others[rng.weighted(weights)].0
            var fen = Int64(rng.int(line.yuan)) * 100 + (line.yuan.upperBound <= 300 ? Int64(rng.below(100)) : Int64(rng.below(10)) * 10)
            free += 1
            if line.group != LedgerGenerator.dues.group && free % LedgerGenerator.refundEvery == 0 { fen = -max(1, fen / 10) }
            let people = line.people ? rng.int(1...40) : 0
            try entry(line, Day(daysSinceEpoch: first + rng.below(days)), Money(fen: fen), people: people, summary: line.summary, to: &sink)
            written += 1
        }
        try sink.close()
    }

    /// A total booked as up to twelve monthly entries (on the 25th), exact to the fen; the entries written.
    private mutating func monthly(_ line: Line, total: Money, to sink: inout CSVByteSink) throws -> Int {
        let months = Int64(max(1, min(12, options.ledger / 4)))
        let share = total.fen / months
        for m in 1...months {
            let fen = m == months ? total.fen - share * (months - 1) : share
            try entry(line, Day(year: options.year, month: Int(m), day: 25)!, Money(fen: fen), people: 0,
                      summary: "\(m)月" + line.summary, to: &sink)
        }
        return Int(months)
    }

    private mutating func entry(_ line: Line, _ day: Day, _ amount: Money, people: Int, summary: String,
                                to sink: inout CSVByteSink) throws {
        voucher += 1
        sink.date(day)
        sink.text("记-\(voucher)")
        sink.text(summary)
        sink.text(line.account)
        let isIncome = line.group == LedgerGenerator.dues.group
        if !isIncome { sink.empty() }
        // A refund is written with its sign (the sink's money cells are never negative).
        if amount.fen < 0 { sink.text(amount.yuanText) } else { sink.money(amount.fen) }
        if isIncome { sink.empty() }
        if people > 0 { sink.number(people) } else { sink.empty() }
        try sink.endRow()
        input.rows += 1
        var l = lines[line.name] ?? ExpectedLedgerLine(group: line.group)
        l.count += 1
        l.people += people
        l.amount += amount
        lines[line.name] = l
    }
}
