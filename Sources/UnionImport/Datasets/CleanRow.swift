// A record whose every cell read without a finding, its values taken straight from the bytes.
import UnionCore

/// What the rules ask of a row: its values by field and its cells as written. A `TypedRow` answers, and
/// so does a `CleanRow`, read from bytes without a `String` for each cell; rules written against this
/// protocol are one set of rules for both.
public protocol RowValues {
    /// 0-based index among the file's data records.
    var recordIndex: Int { get }
    /// The row Calc shows for this record.
    var row: Int { get }
    /// False when the record could not be read at all (F01, F02, F03): it has no values.
    var isReadable: Bool { get }
    func id(_ field: Field) -> IDNumber?
    func date(_ field: Field) -> Day?
    func money(_ field: Field) -> Money?
    func count(_ field: Field) -> Int?
    /// The canonical value of an enumerated field when it is a known one.
    func known(_ field: Field) -> String?
    /// A field's value as text: text as written, an enumerated value, a normalised phone or ID number.
    func text(_ field: Field) -> String?
    /// Calls `body` with the UTF-8 bytes of `text(field)`, nil when there is none.
    func withText<R>(_ field: Field, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R
    /// How many cells the record has (a ragged one may have more or fewer than the header).
    var cellCount: Int { get }
    /// The cell in `column` as written (trimmed).
    func cell(_ column: Int) -> String
    func isEmptyCell(_ column: Int) -> Bool
    /// The ID number cell in `column`, read as `id`, when it is written otherwise than `id.text` (with a
    /// lower-case x, a 15-digit number); nil when it is written just so.
    func idCell(_ column: Int, ifNot id: IDNumber) -> String?
}

extension TypedRow: RowValues {
    @inline(__always) public var cellCount: Int { cells.count }

    public func withText<R>(_ field: Field, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard var text = text(field) else { return body(nil) }
        return text.withUTF8 { body($0) }
    }

    @inline(__always) public func cell(_ column: Int) -> String { cells[column] }
    @inline(__always) public func isEmptyCell(_ column: Int) -> Bool { cells[column].isEmpty }

    public func idCell(_ column: Int, ifNot id: IDNumber) -> String? {
        let cell = cells[column]
        return cell.hasSameBytes(as: id.text) ? nil : cell
    }
}

/// A value of a `CleanRow`: what `FieldValue` holds, with text left in the record's bytes.
public enum CleanValue: Sendable {
    case absent
    /// The cell as written.
    case text
    case id(IDNumber)
    case date(Day)
    case money(Money)
    case count(Int)
    /// A mobile number written otherwise than as its eleven digits: the digits.
    case phone(String)
    /// An enumerated value among the known ones, in its canonical spelling.
    case known(String)
}

/// A record none of whose cells gave a finding when read (no empty required value, no value that cannot
/// be read, no cell to trim, none too long for a spreadsheet, no unknown enumerated value). Its values
/// are those `RowReader.read` gives the same record. It shares the record's buffers: kept past the pass's
/// call for that record, it makes the reader copy them for the next one.
public struct CleanRow: RowValues {
    public let record: RawRecord
    public let recordIndex: Int
    let dataset: Dataset
    /// By `Field.slot`.
    let values: [CleanValue]
    /// Each slot's column (-1: no column).
    let columnOfSlot: [Int]

    @inline(__always) public var row: Int { record.row }
    @inline(__always) public var cellCount: Int { record.count }
    @inline(__always) public var isReadable: Bool { true }

    @inline(__always) subscript(_ field: Field) -> CleanValue {
        guard field.dataset == dataset else { return .absent }
        return values[field.slot]
    }

    @inline(__always) public func id(_ field: Field) -> IDNumber? {
        if case .id(let v) = self[field] { return v }
        return nil
    }

    @inline(__always) public func date(_ field: Field) -> Day? {
        if case .date(let v) = self[field] { return v }
        return nil
    }

    @inline(__always) public func money(_ field: Field) -> Money? {
        if case .money(let v) = self[field] { return v }
        return nil
    }

    @inline(__always) public func count(_ field: Field) -> Int? {
        if case .count(let v) = self[field] { return v }
        return nil
    }

    @inline(__always) public func known(_ field: Field) -> String? {
        if case .known(let v) = self[field] { return v }
        return nil
    }

    public func text(_ field: Field) -> String? {
        switch self[field] {
        case .text: return record.string(columnOfSlot[field.slot])
        case .known(let s), .phone(let s): return s
        case .id(let id): return id.text
        default: return nil
        }
    }

    /// A text cell's bytes straight from the record; any other value's through its `String`.
    @inline(__always) public func withText<R>(_ field: Field, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        if case .text = self[field] { return record.withCell(columnOfSlot[field.slot]) { body($0) } }
        guard var text = text(field) else { return body(nil) }
        return text.withUTF8 { body($0) }
    }

    @inline(__always) public func cell(_ column: Int) -> String { record.string(column) }
    @inline(__always) public func isEmptyCell(_ column: Int) -> Bool { record.range(of: column).isEmpty }

    public func idCell(_ column: Int, ifNot id: IDNumber) -> String? {
        // A clean ID cell is 18 characters whose digits are the number's: only a lower-case x differs.
        let asWritten = record.withCell(column) { $0.count == 18 && $0[17] != 0x78 }
        return asWritten ? nil : record.string(column)
    }
}

/// Reads the records of a pass: each one clean from its bytes where it can be (`RowReader.readClean`),
/// else as a `TypedRow` with its findings. Both give the same values; a pass written once against
/// `RowValues` takes either.
public struct RowDispatch {
    public let reader: RowReader
    private var values: [CleanValue] = []

    public init(_ mapping: HeaderMapping) { reader = RowReader(mapping: mapping) }

    @inline(__always)
    public mutating func read(_ raw: RawRecord, _ index: Int, _ recorder: inout FindingRecorder,
                              clean: (CleanRow, inout FindingRecorder) -> Void, typed: (TypedRow, inout FindingRecorder) -> Void) {
        if let row = reader.readClean(raw, recordIndex: index, values: &values) {
            clean(row, &recorder)
        } else {
            typed(reader.read(raw.record(), recordIndex: index, recorder: &recorder), &recorder)
        }
    }
}
