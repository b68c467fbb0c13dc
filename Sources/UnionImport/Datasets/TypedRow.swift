// A data record read into typed values, one per mapped field.
import UnionCore

/// A cell read according to its field's kind.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case id(IDNumber)
    case date(Day)
    case money(Money)
    case count(Int)
    /// A mobile number, normalised to its eleven digits.
    case phone(String)
    /// An enumerated value among the known ones, in its canonical spelling.
    case known(String)
    /// An enumerated value that is not known (V06), kept as written.
    case unknown(String)
}

/// One data record of an input file.
public struct TypedRow: Sendable {
    /// 0-based index among the file's data records (after the header; blank lines not counted).
    public let recordIndex: Int
    /// The row Calc shows for this record.
    public let row: Int
    /// The cells as written, trimmed at both ends.
    public let cells: [String]
    /// False when the record could not be read at all (F01, F02, F03): it has no values.
    public let isReadable: Bool
    /// The values of the fields that were present and read without error, by `Field.slot`.
    public var slots: [FieldValue?]

    public let dataset: Dataset

    public init(dataset: Dataset, recordIndex: Int, row: Int, cells: [String], isReadable: Bool, slots: [FieldValue?]) {
        self.dataset = dataset
        self.recordIndex = recordIndex
        self.row = row
        self.cells = cells
        self.isReadable = isReadable
        self.slots = slots
    }

    /// The value of `field`, nil when absent, unreadable, or a field of another dataset.
    @inline(__always) public subscript(_ field: Field) -> FieldValue? {
        guard field.dataset == dataset else { return nil }
        let slot = field.slot
        return slot < slots.count ? slots[slot] : nil
    }

    /// The values that were read, by field (for inspection; the hot paths use the subscript).
    public var values: [Field: FieldValue] {
        var result: [Field: FieldValue] = [:]
        for field in dataset.fields { if let v = self[field] { result[field] = v } }
        return result
    }

    public func text(_ field: Field) -> String? {
        switch self[field] {
        case .text(let s), .known(let s), .unknown(let s), .phone(let s): return s
        case .id(let id): return id.text
        default: return nil
        }
    }

    public func id(_ field: Field) -> IDNumber? {
        if case .id(let v) = self[field] { return v }
        return nil
    }

    public func date(_ field: Field) -> Day? {
        if case .date(let v) = self[field] { return v }
        return nil
    }

    public func money(_ field: Field) -> Money? {
        if case .money(let v) = self[field] { return v }
        return nil
    }

    public func count(_ field: Field) -> Int? {
        if case .count(let v) = self[field] { return v }
        return nil
    }

    /// The canonical value of an enumerated field when it is a known one.
    public func known(_ field: Field) -> String? {
        if case .known(let v) = self[field] { return v }
        return nil
    }
}
