// Who can be paid or claim in the year, and sets of people for counting distinct persons.
import UnionCore

/// Indices of the clean roster people, grouped by what rows can be written for them.
struct PeoplePools {
    let yearStart: Int32
    let yearEnd: Int32
    /// Members on at least one day of the year.
    var payable: [Int32] = []
    var payableWomen: [Int32] = []
    /// Payable and with a hardship status (困难帮扶, 金秋助学: no P07).
    var hardship: [Int32] = []
    /// 退会 in the year by death (去世慰问, 抚恤金 with the leave date as the day of death).
    var deceased: [Int32] = []
    /// 保留会籍 retirees (退休慰问).
    var retained: [Int32] = []
    /// Joined in the year after 1 January: a payment before the join date is X02.
    var joinedLate: [Int32] = []

    init(_ people: [Person], year: Int) {
        yearStart = Int32(Day(year: year, month: 1, day: 1)!.daysSinceEpoch)
        yearEnd = Int32(Day(year: year, month: 12, day: 31)!.daysSinceEpoch)
        for (i, p) in people.enumerated() {
            let index = Int32(i)
            guard window(p) != nil else { continue }
            payable.append(index)
            if p.female { payableWomen.append(index) }
            if p.hasHardship { hardship.append(index) }
            if p.deceased { deceased.append(index) }
            if p.status == .retained { retained.append(index) }
            if p.join > yearStart { joinedLate.append(index) }
        }
    }

    /// The days of the year on which `p` is a member, or nil when none.
    func window(_ p: Person) -> ClosedRange<Int32>? {
        let start = max(p.join, yearStart)
        let end = p.leave == Person.noDay ? yearEnd : min(p.leave, yearEnd)
        return start <= end ? start...end : nil
    }
}

/// A set of roster people by index, for distinct-person counts at any size.
struct PeopleSet {
    private var bits: [UInt64]
    private(set) var count = 0

    init(capacity: Int) { bits = [UInt64](repeating: 0, count: capacity / 64 + 1) }

    /// Adds `index`; true when it was not there yet.
    @discardableResult
    mutating func insert(_ index: Int) -> Bool {
        let word = index >> 6, bit = UInt64(1) << UInt64(index & 63)
        if bits[word] & bit != 0 { return false }
        bits[word] |= bit
        count += 1
        return true
    }
}

/// A tally under construction: rows, distinct people and money.
struct TallyBuilder {
    var tally = ExpectedTally()
    private var people: PeopleSet

    init(capacity: Int) { people = PeopleSet(capacity: capacity) }

    mutating func add(person: Int, fen: Int64) {
        tally.count += 1
        tally.amount += Money(fen: fen)
        if people.insert(person) { tally.people += 1 }
    }
}
