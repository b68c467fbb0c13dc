// What the first pass keeps of each row: a few integers, so a million rows fit in a few tens of MB.
import UnionCore
import UnionImport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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
    /// 金秋助学: 1 + the stage's index in `PaymentDetail.stages`; 节日慰问: 1 + the festival's in
    /// `PaymentDetail.festivals`; 0 otherwise or when not given (it fits the padding: still 48 bytes).
    public var detail: UInt8 = 0

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

/// What a payment row says beyond its category, for summary.json's `by_stage` and `by_festival` (SPEC §7.1).
public enum PaymentDetail {
    /// 金秋助学 stages, in the enumeration's canonical spelling.
    public static let stages = ["研究生", "本科", "专科", "高职", "中职", "高中"]
    /// The festivals named in a 节日慰问's category as written or its note; 其他 when none is.
    public static let festivals = ["春节", "元旦", "端午", "中秋", "国庆", "三八", "五一", "其他"]
    /// Other words for a festival, and the festival they name.
    private static let festivalWords: [([UInt8], Int)] =
        festivals.dropLast().enumerated().map { (Array($0.element.utf8), $0.offset) }
        + [("新春", 0), ("妇女节", 5), ("劳动节", 6), ("中秋节", 3), ("端午节", 2)].map { (Array($0.0.utf8), $0.1) }
    private static let stageBytes = stages.map { Array($0.utf8) }

    /// The detail of a row of `category` (see `PaymentFact.detail`), from its bytes: no text is made.
    public static func of<Row: RowValues>(_ category: PaymentCategory?, _ row: Row) -> UInt8 {
        switch category {
        case .education?:
            return row.withText(.stage) { bytes in
                guard let bytes else { return 0 }
                return stageBytes.firstIndex { $0.elementsEqual(bytes) }.map { UInt8($0 + 1) } ?? 0
            }
        case .festival?:
            let found = row.withText(.category) { festival(in: $0) } ?? row.withText(.note) { festival(in: $0) }
            return UInt8((found ?? festivals.count - 1) + 1)
        default:
            return 0
        }
    }

    private static func festival(in bytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let bytes, !bytes.isEmpty else { return nil }
        for (word, festival) in festivalWords where contains(bytes, word) { return festival }
        return nil
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard word.count <= bytes.count else { return false }
        for start in 0...(bytes.count - word.count) where bytes[start] == word[0] {
            var k = 1
            while k < word.count && bytes[start + k] == word[k] { k += 1 }
            if k == word.count { return true }
        }
        return false
    }
}
