// The roster index the cross-dataset rules use: every roster row with a valid ID number, by ID number,
// in about 40 bytes a row (an open-addressing table of packed ID numbers over a flat array of rows).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionCore

/// What the roster says of each person: their membership intervals and name (SPEC §7 "Identity").
/// Every roster row with a valid ID number is in it, excluded or not. Where a person was first seen is
/// kept too, for M05.
public struct RosterIndex: Sendable {
    /// One roster row, as the rules read it.
    public struct Entry: Sendable {
        public let name: String?
        fileprivate let joinFact: Int32
        fileprivate let leaveFact: Int32
        /// False when a join or leave date was written but could not be read: X02 skips this row.
        public let datesRead: Bool
        public let inHardship: Bool

        public init(name: String?, join: Day?, leave: Day?, datesRead: Bool, inHardship: Bool) {
            self.init(name: name, joinFact: join.map { Int32($0.daysSinceEpoch) } ?? Int32.min,
                      leaveFact: leave.map { Int32($0.daysSinceEpoch) } ?? Int32.min, datesRead: datesRead, inHardship: inHardship)
        }

        fileprivate init(name: String?, joinFact: Int32, leaveFact: Int32, datesRead: Bool, inHardship: Bool) {
            self.name = name
            self.joinFact = joinFact
            self.leaveFact = leaveFact
            self.datesRead = datesRead
            self.inHardship = inHardship
        }

        public var join: Day? { joinFact == Int32.min ? nil : Day(daysSinceEpoch: Int(joinFact)) }
        public var leave: Day? { leaveFact == Int32.min ? nil : Day(daysSinceEpoch: Int(leaveFact)) }
    }

    private var storage: Storage

    /// A roster row whose ID number is damaged by Excel (M02) or fails its check (M01): where it is, for X04.
    public struct DamagedRow: Sendable, Equatable {
        public let file: String
        public let row: Int
        /// M01 or M02.
        public let rule: RuleCode
    }

    /// The first roster row of each name whose ID number cannot be used (SPEC §2.4): a record naming that
    /// person under an ID the roster lacks is X04, not X01.
    public private(set) var damagedByName: [String: DamagedRow] = [:]

    /// Notes a roster row of `name` whose ID number is damaged or invalid; the first row of a name is kept.
    public mutating func noteDamaged(name: String, _ row: DamagedRow) {
        if damagedByName[name] == nil { damagedByName[name] = row }
    }

    /// Room for `capacity` rows without growing.
    public init(capacity: Int = 0) { storage = Storage(capacity: capacity) }

    /// How many people (distinct ID numbers).
    public var count: Int { storage.people }

    /// Adds a roster row of `id`. Returns where `id` was first seen (file index and row) when it was
    /// seen before; nil when this row is its first.
    @discardableResult
    public mutating func add(_ id: IDNumber, _ entry: Entry, file: Int = 0, row: Int = 0) -> (file: Int, row: Int)? {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.add(id.packed, entry, file: file, row: row)
    }

    public func contains(_ id: IDNumber) -> Bool { storage.head(of: id.packed) != nil }

    /// How many slots the table has now (it grows past two thirds full).
    public var slotCount: Int { storage.keys.count }

    /// The slot where a table of `slots` slots looks for `id` first. Rows added in the order of their
    /// slots go through the table from one end to the other, rather than all over it (a cache miss each).
    public static func slot(of id: IDNumber, among slots: Int) -> Int { Storage.slot(id.packed, among: slots) }

    /// The roster rows of one person, in roster order: one lookup answers every rule about them.
    public struct Rows: Sendable {
        fileprivate let storage: Storage
        fileprivate let head: UInt32

        public var first: Entry { storage.entry(head) }
        public var more: [Entry] {
            var result: [Entry] = []
            var i = storage.rows[Int(head)].next
            while i != Storage.none {
                result.append(storage.entry(i))
                i = storage.rows[Int(i)].next
            }
            return result
        }

        public func forEach(_ body: (Entry) -> Void) {
            var i = head
            while i != Storage.none {
                body(storage.entry(i))
                i = storage.rows[Int(i)].next
            }
        }

        /// Member on `day`: join ≤ day, and no leave date or day ≤ leave, for some row with readable dates.
        /// Nil when no row has readable dates.
        public func isMember(on day: Day) -> Bool? {
            let fact = Int32(day.daysSinceEpoch)
            var anyReadable = false
            var i = head
            while i != Storage.none {
                let r = storage.rows[Int(i)]
                if r.flags & StoredRow.datesRead != 0 {
                    anyReadable = true
                    if r.covers(fact) { return true }
                }
                i = r.next
            }
            return anyReadable ? false : nil
        }

        public var inHardship: Bool {
            var i = head
            while i != Storage.none {
                let r = storage.rows[Int(i)]
                if r.flags & StoredRow.inHardship != 0 { return true }
                i = r.next
            }
            return false
        }

        /// Whether some row of the person has exactly this name (compared by its bytes).
        public func hasName(_ name: String) -> Bool {
            var i = head
            while i != Storage.none {
                if storage.nameEquals(i, name) { return true }
                i = storage.rows[Int(i)].next
            }
            return false
        }

        /// The name on the first row that has one.
        public var firstName: String? {
            var i = head
            while i != Storage.none {
                if let name = storage.name(i) { return name }
                i = storage.rows[Int(i)].next
            }
            return nil
        }
    }

    public func rows(_ id: IDNumber) -> Rows? {
        storage.head(of: id.packed).map { Rows(storage: storage, head: $0) }
    }

    /// Calls `body` with each roster row of `id`, in roster order.
    public func forEachEntry(_ id: IDNumber, _ body: (Entry) -> Void) { rows(id)?.forEach(body) }

    public func lookup(_ id: IDNumber) -> [Entry]? { rows(id).map { [$0.first] + $0.more } }

    public func isMember(_ id: IDNumber, on day: Day) -> Bool? {
        guard let rows = rows(id) else { return false }
        return rows.isMember(on: day)
    }

    public func inHardship(_ id: IDNumber) -> Bool { rows(id)?.inHardship ?? false }
}

/// A roster row as stored: 28 bytes, its name in the shared byte arena.
private struct StoredRow {
    static let datesRead: UInt8 = 1
    static let inHardship: UInt8 = 2
    static let hasName: UInt8 = 4
    /// The name did not fit the arena's 32-bit offsets: it is in `Storage.overflowNames`.
    static let nameOverflow: UInt8 = 8
    /// The file index did not fit 16 bits: it is in `Storage.overflowFiles`.
    static let fileOverflow: UInt8 = 16

    var nameStart: UInt32
    var nameLength: UInt32
    var join: Int32
    var leave: Int32
    /// The next row of the same person, or `Storage.none`.
    var next: UInt32
    var row: Int32
    var file: UInt16
    var flags: UInt8

    /// join ≤ day ≤ leave, both ends inclusive, an absent end open.
    func covers(_ day: Int32) -> Bool {
        (join == Int32.min || join <= day) && (leave == Int32.min || day <= leave)
    }
}

/// The index's arrays. Built on one thread, then only read (by the checks of several datasets at once).
private final class Storage: @unchecked Sendable {
    // @unchecked: mutated only through `RosterIndex.add`, which copies a shared storage first.
    static let none = UInt32.max
    static let empty: UInt64 = 0  // no valid ID number packs to 0: its check character would be 1

    // The arrays are not checked for exclusive access at run time: each access would cost a call into
    // the runtime, several per row added. Storage is private to this file; `RosterIndex.add` (the only
    // writer) copies a shared storage first, and no method here hands out an access that outlives it.
    /// Open addressing, linear probing: the packed ID number of each slot, or `empty`.
    @exclusivity(unchecked) var keys: [UInt64]
    /// The first row of the slot's person.
    @exclusivity(unchecked) var heads: [UInt32]
    /// The last row of each person seen more than once, by their first row: appending stays O(1).
    @exclusivity(unchecked) var tails: [UInt32: UInt32] = [:]
    @exclusivity(unchecked) var rows: [StoredRow] = []
    @exclusivity(unchecked) var names: [UInt8] = []
    @exclusivity(unchecked) var overflowNames: [UInt32: String] = [:]
    @exclusivity(unchecked) var overflowFiles: [UInt32: Int] = [:]
    @exclusivity(unchecked) var people = 0

    init(capacity: Int) {
        let slots = Storage.slotCount(for: capacity)
        keys = Array(repeating: Storage.empty, count: slots)
        heads = Array(repeating: Storage.none, count: slots)
        rows.reserveCapacity(capacity)
        // Most names are two to four Chinese characters.
        names.reserveCapacity(capacity * 10)
    }

    private init(copying other: Storage) {
        keys = other.keys
        heads = other.heads
        tails = other.tails
        rows = other.rows
        names = other.names
        overflowNames = other.overflowNames
        overflowFiles = other.overflowFiles
        people = other.people
    }

    func copy() -> Storage { Storage(copying: self) }

    /// At most two thirds of the slots in use.
    static func slotCount(for people: Int) -> Int { max(16, people + people / 2 + 1) }

    /// murmur3's finaliser: ID numbers share long prefixes (region, birth date), so their bits are mixed first.
    @inline(__always) static func slot(_ key: UInt64, among slots: Int) -> Int {
        var h = key
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(h.multipliedFullWidth(by: UInt64(slots)).high)
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Storage.slot(key, among: keys.count) }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func find(_ key: UInt64) -> Int {
        var i = slot(key)
        let n = keys.count
        while true {
            let k = keys[i]
            if k == key || k == Storage.empty { return i }
            i += 1
            if i == n { i = 0 }
        }
    }

    func head(of key: UInt64) -> UInt32? {
        let i = find(key)
        return keys[i] == key ? heads[i] : nil
    }

    func add(_ key: UInt64, _ entry: RosterIndex.Entry, file: Int, row: Int) -> (file: Int, row: Int)? {
        let index = UInt32(rows.count)
        var flags: UInt8 = (entry.datesRead ? StoredRow.datesRead : 0) | (entry.inHardship ? StoredRow.inHardship : 0)
        var start: UInt32 = 0
        var length: UInt32 = 0
        if let name = entry.name {
            flags |= StoredRow.hasName
            let bytes = name.utf8.count
            if names.count + bytes <= Int(UInt32.max) {
                start = UInt32(names.count)
                length = UInt32(bytes)
                // Through the bytes at once: appending a small string's UTF-8 view goes a byte at a time.
                var name = name
                name.withUTF8 { names.append(contentsOf: $0) }
            } else {
                flags |= StoredRow.nameOverflow
                overflowNames[index] = name
            }
        }
        if file > Int(UInt16.max) {
            flags |= StoredRow.fileOverflow
            overflowFiles[index] = file
        }
        rows.append(StoredRow(nameStart: start, nameLength: length, join: entry.joinFact, leave: entry.leaveFact,
                              next: Storage.none, row: Int32(clamping: row), file: UInt16(clamping: file), flags: flags))
        let i = find(key)
        if keys[i] == key {
            let first = heads[i]
            rows[Int(tails[first] ?? first)].next = index
            tails[first] = index
            return (self.file(of: Int(first)), Int(rows[Int(first)].row))
        }
        keys[i] = key
        heads[i] = index
        people += 1
        if people * 3 > keys.count * 2 { grow() }
        return nil
    }

    private func file(of row: Int) -> Int {
        rows[row].flags & StoredRow.fileOverflow != 0 ? overflowFiles[UInt32(row)] ?? 0 : Int(rows[row].file)
    }

    private func grow() {
        let oldKeys = keys, oldHeads = heads
        let slots = Storage.slotCount(for: people * 2)
        keys = Array(repeating: Storage.empty, count: slots)
        heads = Array(repeating: Storage.none, count: slots)
        for j in oldKeys.indices where oldKeys[j] != Storage.empty {
            let i = find(oldKeys[j])
            keys[i] = oldKeys[j]
            heads[i] = oldHeads[j]
        }
    }

    func name(_ index: UInt32) -> String? {
        let r = rows[Int(index)]
        guard r.flags & StoredRow.hasName != 0 else { return nil }
        if r.flags & StoredRow.nameOverflow != 0 { return overflowNames[index] }
        let start = Int(r.nameStart)
        return names.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(r.nameLength)]), as: UTF8.self)
        }
    }

    func nameEquals(_ index: UInt32, _ name: String) -> Bool {
        let r = rows[Int(index)]
        guard r.flags & StoredRow.hasName != 0 else { return false }
        if r.flags & StoredRow.nameOverflow != 0 { return overflowNames[index] == name }
        let start = Int(r.nameStart)
        let length = Int(r.nameLength)
        let same = length == name.utf8.count && names.withUnsafeBufferPointer { arena in
            length == 0 || name.utf8.withContiguousStorageIfAvailable { memcmp(arena.baseAddress! + start, $0.baseAddress!, length) == 0 }
                ?? arena[start..<start + length].elementsEqual(name.utf8)
        }
        // Different bytes can still be the same text (a compatibility ideograph and its unified twin,
        // composed and decomposed accents): Swift's String equality decides, as it did for X03 before.
        if same { return true }
        return !(isASCII(start, Int(r.nameLength)) && name.utf8.allSatisfy { $0 < 0x80 }) && self.name(index) == name
    }

    private func isASCII(_ start: Int, _ length: Int) -> Bool {
        names.withUnsafeBufferPointer { !$0[start..<start + length].contains { $0 >= 0x80 } }
    }

    func entry(_ index: UInt32) -> RosterIndex.Entry {
        let r = rows[Int(index)]
        return RosterIndex.Entry(name: name(index), joinFact: r.join, leaveFact: r.leave,
                                 datesRead: r.flags & StoredRow.datesRead != 0, inHardship: r.flags & StoredRow.inHardship != 0)
    }
}
