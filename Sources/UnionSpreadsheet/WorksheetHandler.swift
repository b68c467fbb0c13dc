// One .xlsx worksheet's rows, from the cell records of CWorksheetCells: each cell's value (shared string,
// inline string, cached formula value, number or date) written to the sheet's CSV as Calc shows it.
import CWorksheetCells
import Foundation

final class WorksheetHandler: PieceReader {
    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    private let sheet: String
    private let strings: SharedStrings
    private let dateStyles: [Bool]
    private let base1904: Bool
    let writer: SheetCSVWriter
    /// The top-left cells of ranges merged down, by row and column, with the range's last row (second pass).
    private let merges: [Int: Int]?

    private(set) var hiddenRows = 0
    /// Ranges merged down a column, found on the first pass: top-left cell key → last row.
    private(set) var mergesDown: [Int: Int] = [:]

    private var row = 0
    private var column = 0
    private var type = CellType.number
    private var style = 0
    /// A date cell's text, reused.
    private var dayText: [UInt8] = []

    init(sheet: String, strings: SharedStrings, dateStyles: [Bool], base1904: Bool, writer: SheetCSVWriter, merges: [Int: Int]?) {
        self.sheet = sheet
        self.strings = strings
        self.dateStyles = dateStyles
        self.base1904 = base1904
        self.writer = writer
        self.merges = merges
    }

    /// Whether the reader wants the sheet's merged ranges (its first pass).
    var wantsMerges: Bool { merges == nil }

    /// The sheet's parser, and each piece's: merged ranges reported on the first pass.
    var parser: @Sendable () -> OpaquePointer? {
        let merges: Int32 = wantsMerges ? 1 : 0
        return { wc_sheet_create(merges) }
    }

    /// A large sheet is cut into pieces at `<row`.
    var cut: PieceCut { .row }

    static func key(row: Int, column: Int) -> Int { row &* 16_384 &+ column }

    /// The records of one stretch of the part, in order: rows and cells numbered as Calc numbers them.
    /// At a WC_JOIN record (a piece parsed apart goes there) `join` reads that piece.
    func read(_ batch: wc_batch, join: () throws -> Void = {}) throws {
        guard batch.count > 0, let records = batch.records else { return }
        let text = batch.text.map { UnsafePointer($0) }
        for i in 0..<batch.count {
            let record = records[i]
            let value = UnsafeBufferPointer(start: text.map { $0 + Int(record.start) }, count: Int(record.length))
            switch Int32(record.kind) {
            case Int32(WC_ROW.rawValue):
                row = record.number > 0 ? Int(record.number) : row + 1
                column = 0
                if record.flags & UInt8(WC_HIDDEN) != 0 { hiddenRows += 1 }
            case Int32(WC_CELL.rawValue):
                start(record)
                try finishCell(value)
            case Int32(WC_CELL_START.rawValue):
                start(record)
            case Int32(WC_CELL_END.rawValue):
                try finishCell(value)
            case Int32(WC_MERGE.rawValue):
                if merges == nil { noteMerge(String(decoding: value, as: UTF8.self)) }
            case Int32(WC_BAD_ROW.rawValue):
                throw SpreadsheetProblem.cellOutOfRange(sheet: sheet, cell: "row " + String(decoding: value, as: UTF8.self))
            case Int32(WC_BAD_CELL.rawValue):
                throw SpreadsheetProblem.cellOutOfRange(sheet: sheet, cell: String(decoding: value, as: UTF8.self))
            case Int32(WC_JOIN.rawValue):
                try join()
            default:
                break
            }
        }
    }

    /// A cell's start: the next column, or the one its reference names (and that reference's row).
    private func start(_ record: wc_record) {
        column += 1
        type = WorksheetHandler.cellType(record.type)
        style = Int(record.style)
        if record.flags & UInt8(WC_HAS_REF) != 0 {
            column = Int(record.column)
            if Int(record.number) != row && record.number > 0 { row = Int(record.number) }
        }
    }

    private static func cellType(_ t: UInt8) -> CellType {
        switch UInt32(t) {
        case WC_SHARED.rawValue: return .shared
        case WC_INLINE.rawValue: return .inline
        case WC_FORMULA_TEXT.rawValue: return .formulaText
        case WC_BOOLEAN.rawValue: return .boolean
        case WC_ERROR.rawValue: return .error
        case WC_ISO_DATE.rawValue: return .isoDate
        default: return .number
        }
    }

    private func finishCell(_ value: UnsafeBufferPointer<UInt8>) throws {
        switch type {
        case .shared:
            guard let index = DecimalIndex.parse(value) else { return }
            guard index < strings.count else {
                throw SpreadsheetProblem.sharedStringOutOfRange(sheet: sheet, cell: CellReference.name(row: row, column: column), index: index)
            }
            strings.withString(index) { put($0) }
        case .inline, .formulaText, .error:
            put(value)
        case .boolean:
            guard !value.isEmpty else { return }
            put(value.elementsEqual([0x31]) || value.elementsEqual("true".utf8) ? Array("TRUE".utf8) : Array("FALSE".utf8))
        case .isoDate:
            put(Array(value.prefix(10)))
        case .number:
            guard !value.isEmpty else { return }
            if style < dateStyles.count && dateStyles[style], let day = CellText.date(serial: value, base1904: base1904) {
                CellText.iso(day, into: &dayText)
                put(dayText)
            } else if CellText.isPlainShortNumber(value) {
                put(value)
            } else {
                put(CellText.number(Array(value)))
            }
        }
    }

    private func put(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { put($0) }
    }

    private func put(_ text: UnsafeBufferPointer<UInt8>) {
        if let merges, let last = merges[WorksheetHandler.key(row: row, column: column)] {
            writer.fillDown(column: column, fromRow: row, toRow: last, value: Array(text))
        }
        writer.cell(row: row, column: column, text)
    }

    /// `A1:A3`: a range merged down (more than one row) is remembered by its top-left cell.
    private func noteMerge(_ ref: String) {
        let ends = ref.split(separator: ":")
        guard ends.count == 2, let a = CellReference(String(ends[0])), let b = CellReference(String(ends[1])),
              b.row > a.row else { return }
        mergesDown[WorksheetHandler.key(row: a.row, column: a.column)] = b.row
    }
}

/// An element's local name (after any prefix), for quick comparison.
struct XMLLocal {
    let start: UnsafePointer<CChar>

    init(_ name: UnsafePointer<CChar>) {
        var p = name
        var s = name
        while p.pointee != 0 {
            if p.pointee == 0x3A { s = p + 1 }
            p += 1
        }
        start = s
    }

    var first: UInt8 { UInt8(bitPattern: start.pointee) }

    @inline(__always)
    func `is`(_ name: StaticString) -> Bool {
        let n = name.utf8Start
        let count = name.utf8CodeUnitCount
        for i in 0..<count where UInt8(bitPattern: start[i]) != n[i] { return false }
        return start[count] == 0
    }
}

/// `B12` as 1-based row and column, within Excel's XFD1048576.
struct CellReference {
    let row: Int
    let column: Int

    init?(_ text: UnsafePointer<CChar>) {
        var p = text
        var column = 0
        while true {
            let c = UInt8(bitPattern: p.pointee)
            guard c >= 0x41 && c <= 0x5A || c >= 0x61 && c <= 0x7A else { break }
            column = column * 26 + Int((c | 0x20) - 0x60)
            guard column <= SheetCSVWriter.maxColumns else { return nil }
            p += 1
        }
        var row = 0
        while p.pointee != 0 {
            let d = Int(p.pointee) - 48
            guard d >= 0 && d <= 9 else { return nil }
            row = row * 10 + d
            guard row <= SheetCSVWriter.maxRows else { return nil }
            p += 1
        }
        guard column >= 1 else { return nil }
        self.row = row
        self.column = column
    }

    init?(_ text: String) {
        guard let r = text.withCString({ CellReference($0) }), r.row >= 1 else { return nil }
        self = r
    }

    static func name(row: Int, column: Int) -> String {
        var letters: [Character] = []
        var c = column
        while c > 0 {
            let r = (c - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + r))), at: 0)
            c = (c - 1) / 26
        }
        return String(letters) + String(row)
    }
}

enum DecimalIndex {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
