// What the first pass keeps of each row: a few integers, so a million rows fit in a few tens of MB.
import UnionCore
#if canImport(Glibc)
import Glibc
#endif
import UnionImport

/// Short strings (branches, plans, statuses) kept once per file and referred to by number. Strings are
/// told apart by their bytes (what reads them back merges equal texts by String keys), and looked up by
/// their bytes: a row's cell is pooled without being made a `String` unless it is new.
public struct StringPool: Sendable {
    public private(set) var strings: [String] = []
    /// Every string's bytes, one after another; string i ends at `ends[i]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Open addressing, linear probing: the id in each slot, or -1. At most half full.
    private var slots = [Int32](repeating: -1, count: 16)

    public init() {}

    /// The id of `s`, added when new.
    public mutating func id(_ s: String) -> Int32 {
        var text = s
        return text.withUTF8 { find($0) ?? add($0, s) }
    }

    /// The id of the text with these UTF-8 bytes, added when new.
    public mutating func id(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        find(bytes) ?? add(bytes, String(decoding: bytes, as: UTF8.self))
    }

    public subscript(_ id: Int32) -> String { strings[Int(id)] }

    /// FNV-1a over the bytes.
    @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in b { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always) private func find(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        var i = StringPool.hash(b) & mask
        while true {
            let id = slots[i]
            if id < 0 { return nil }
            if same(Int(id), b) { return id }
            i = (i + 1) & mask
        }
    }

    @inline(__always) private func same(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : ends[id - 1]
        let n = ends[id] - start
        guard n == b.count else { return false }
        guard n > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, b.baseAddress!, n) == 0 }
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, _ s: String) -> Int32 {
        let id = Int32(strings.count)
        strings.append(s)
        bytes.append(contentsOf: b)
        ends.append(bytes.count)
        if strings.count * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for j in 0..<strings.count { place(Int32(j)) }
        } else {
            place(id)
        }
        return id
    }

    private mutating func place(_ id: Int32) {
        let start = id == 0 ? 0 : ends[Int(id) - 1]
        let h = bytes.withUnsafeBufferPointer { StringPool.hash(UnsafeBufferPointer(rebasing: $0[start..<ends[Int(id)]])) }
        let mask = slots.count - 1
        var i = h & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = id
    }
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

/// A ledger entry that books an amount on a line of the chart: 32 bytes.
public struct LedgerFact: Sendable {
    /// Signed fen in the entry's direction (a refund is negative).
    public var amount: Int64
    public var record: Int32
    public var row: Int32
    /// The line's index in the profile's chart of accounts.
    public var line: Int32
    /// The people column (0 when empty or absent).
    public var people: Int32
    public var isIncome: Bool
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
