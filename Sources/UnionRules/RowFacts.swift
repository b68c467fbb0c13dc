// What the first pass keeps of each row: a few integers, so a million rows fit in a few tens of MB.
import UnionCore
import UnionImport

/// Short strings (branches, plans, statuses) kept once per file and referred to by number. Strings are
/// told apart by their bytes (what reads them back merges equal texts by String keys).
public struct StringPool: Sendable {
    public private(set) var strings: [String] = []
    private var ids: [ByteKey: Int32] = [:]
    /// The strings asked for last, a few: rows repeat their values, and comparing bytes is cheaper than
    /// hashing a string.
    private var recent: [(String, Int32)] = []

    public init() {}

    /// The id of `s`, added when new.
    public mutating func id(_ s: String) -> Int32 {
        for (text, id) in recent where text.hasSameBytes(as: s) { return id }
        let id: Int32
        if let known = ids[ByteKey(s)] {
            id = known
        } else {
            id = Int32(strings.count)
            strings.append(s)
            ids[ByteKey(s)] = id
        }
        if recent.count == 4 { recent.removeFirst() }
        recent.append((s, id))
        return id
    }

    public subscript(_ id: Int32) -> String { strings[Int(id)] }
}

/// No date, no money, no person, no string: the sentinels of the fact fields.
public enum Absent {
    public static let day = Int32.min
    public static let fen = Int64.min
    public static let person: UInt64 = 0
    public static let string: Int32 = -1
}

extension Day {
    var fact: Int32 { Int32(daysSinceEpoch) }
    init?(fact: Int32) {
        guard fact != Absent.day else { return nil }
        self.init(daysSinceEpoch: Int(fact))
    }
}

/// A roster row, as the summary counts it. The wide fields first: 48 bytes a row, not 56.
public struct MemberFact: Sendable {
    public var person: UInt64
    public var dues: Int64
    public var record: Int32
    public var row: Int32
    /// Pool id of the status as written (known values canonical), or absent for an empty cell.
    public var status: Int32
    public var branch: Int32
    public var join: Int32
    public var leave: Int32
    /// Pool id of the hardship kind, absent when none or 否.
    public var hardship: Int32
    public var sex: Sex?

    public var joinDay: Day? { Day(fact: join) }
    public var leaveDay: Day? { Day(fact: leave) }
}

/// A payment row: who, what, how much, when. The wide fields first: 48 bytes a row.
public struct PaymentFact: Sendable {
    public var person: UInt64
    public var amount: Int64
    public var file: Int32
    public var record: Int32
    public var row: Int32
    public var date: Int32
    public var branch: Int32
    public var amountColumn: Int32
    public var category: PaymentCategory?

    public var money: Money? { amount == Absent.fen ? nil : Money(fen: amount) }
    public var day: Day? { Day(fact: date) }
}

/// A claim row: 48 bytes.
public struct ClaimFact: Sendable {
    public var person: UInt64
    public var approved: Int64
    public var file: Int32
    public var record: Int32
    public var row: Int32
    public var plan: Int32
    public var paidDate: Int32
    public var admission: Int32
    public var approvedColumn: Int32

    public var money: Money? { approved == Absent.fen ? nil : Money(fen: approved) }
    public var paidDay: Day? { Day(fact: paidDate) }
}

/// An enrolment row: 40 bytes.
public struct EnrollmentFact: Sendable {
    public var person: UInt64
    public var premium: Int64
    public var file: Int32
    public var record: Int32
    public var row: Int32
    public var plan: Int32
    public var planColumn: Int32

    public var money: Money? { premium == Absent.fen ? nil : Money(fen: premium) }
}

/// The cells the rules across rows quote (an amount, a plan) where they are written otherwise than the
/// fact keeps them (`1,200.00元` for 1200, `癌症` for 重大疾病). Most cells read as kept, so most rows
/// need no copy of their text.
public struct WrittenTexts: Sendable {
    private var texts: [Int32: String] = [:]

    public init() {}

    /// Remembers `cell` for `record` unless it is exactly `kept`.
    mutating func note(_ cell: String, record: Int32, kept: String) {
        if cell != kept { texts[record] = cell }
    }

    /// The cell of `record` as written.
    func text(_ record: Int32, kept: @autoclosure () -> String) -> String { texts[record] ?? kept() }
}
