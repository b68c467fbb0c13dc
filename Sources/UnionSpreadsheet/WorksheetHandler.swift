// One .xlsx worksheet's rows: each cell's value (shared string, inline string, cached formula value,
// number or date) written to the sheet's CSV as Calc shows it.
import Foundation

final class WorksheetHandler: XMLEventHandler {
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
    private var inCell = false
    private var capturing = false
    private var inInline = false
    private var phoneticDepth = 0
    private var value: [UInt8] = []

    init(sheet: String, strings: SharedStrings, dateStyles: [Bool], base1904: Bool, writer: SheetCSVWriter, merges: [Int: Int]?) {
        self.sheet = sheet
        self.strings = strings
        self.dateStyles = dateStyles
        self.base1904 = base1904
        self.writer = writer
        self.merges = merges
        value.reserveCapacity(256)
    }

    static func key(row: Int, column: Int) -> Int { row &* 16_384 &+ column }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        let local = XMLLocal(name)
        switch local.first {
        case 0x63 where local.is("c"): // c
            column += 1
            type = .number
            style = 0
            // One pass over the attributes: r, t and s are all a cell has (names of one letter, no prefix).
            var i = 0
            while let key = attributes.pairs[i], let value = attributes.pairs[i + 1] {
                i += 2
                guard key[1] == 0 else { continue }
                switch UInt8(bitPattern: key[0]) {
                case 0x72: // r
                    guard let ref = CellReference(value) else {
                        fail(.cellOutOfRange(sheet: sheet, cell: String(cString: value)))
                        return
                    }
                    column = ref.column
                    if ref.row != row && ref.row > 0 { row = ref.row }
                case 0x74: type = WorksheetHandler.cellType(value) // t
                case 0x73: style = XMLName.integer(value) ?? 0 // s
                default: break
                }
            }
            inCell = true
            value.removeAll(keepingCapacity: true)
        case 0x76 where local.is("v"): // v
            capturing = inCell
        case 0x74 where local.is("t"): // t inside is
            capturing = inCell && inInline && phoneticDepth == 0
        case 0x69 where local.is("is"):
            inInline = true
        case 0x72 where local.is("row"):
            if let r = attributes.value("r"), let n = XMLName.integer(r) {
                guard n >= 1 && n <= SheetCSVWriter.maxRows else {
                    fail(.cellOutOfRange(sheet: sheet, cell: "row " + String(cString: r)))
                    return
                }
                row = n
            } else {
                row += 1
            }
            column = 0
            if let h = attributes.value("hidden"), h.pointee == 0x31 || h.pointee == 0x74 { hiddenRows += 1 }
        case 0x72 where local.is("rPh"):
            phoneticDepth += 1
        case 0x6D where local.is("mergeCell"):
            if merges == nil, let ref = attributes.string("ref") { noteMerge(ref) }
        default:
            break
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        let local = XMLLocal(name)
        switch local.first {
        case 0x63 where local.is("c"):
            inCell = false
            capturing = false
            finishCell()
        case 0x76 where local.is("v"), 0x74 where local.is("t"):
            capturing = false
        case 0x69 where local.is("is"):
            inInline = false
        case 0x72 where local.is("rPh"):
            phoneticDepth -= 1
        default:
            break
        }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturing { value.append(contentsOf: bytes) }
    }

    /// The `t` attribute, compared by its bytes: a cell's type costs no string.
    private static func cellType(_ t: UnsafePointer<CChar>) -> CellType {
        let local = XMLLocal(t)
        switch local.first {
        case 0x73 where local.is("s"): return .shared
        case 0x73 where local.is("str"): return .formulaText
        case 0x69 where local.is("inlineStr"): return .inline
        case 0x62 where local.is("b"): return .boolean
        case 0x65 where local.is("e"): return .error
        case 0x64 where local.is("d"): return .isoDate
        default: return .number
        }
    }

    private func finishCell() {
        switch type {
        case .shared:
            guard let index = DecimalIndex.parse(value) else { return }
            guard index < strings.count else {
                fail(.sharedStringOutOfRange(sheet: sheet, cell: CellReference.name(row: row, column: column), index: index))
                return
            }
            strings.withString(index) { put($0) }
        case .inline, .formulaText, .error:
            put(value)
        case .boolean:
            guard !value.isEmpty else { return }
            put(value == [0x31] || value == Array("true".utf8) ? Array("TRUE".utf8) : Array("FALSE".utf8))
        case .isoDate:
            put(Array(value.prefix(10)))
        case .number:
            guard !value.isEmpty else { return }
            if style < dateStyles.count && dateStyles[style], let day = CellText.date(serial: value, base1904: base1904) {
                put(Array(day.description.utf8))
            } else if CellText.isPlainShortNumber(value) {
                put(value)
            } else {
                put(CellText.number(value))
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
    static func parse(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
