// Cells to typed values, with the findings of values that cannot be read (V01-V03, V06, M01, M02, M06, M10, F08).
import UnionCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the records of one file against its header mapping.
public struct RowReader: Sendable {
    public let mapping: HeaderMapping
    /// Spreadsheet cells hold at most this many characters (F08).
    public static let cellLimit = 32_767
    /// Each enumerated column's known spellings as bytes, with their canonical values: a cell is matched
    /// by its bytes first, without making it a `String`; the field's `String`-keyed table, which also knows
    /// canonically equivalent and upper-case spellings, is asked after.
    private let knownSpellings: [[(bytes: [UInt8], value: String)]]
    /// Each field slot's column, -1 where the file has none.
    private let columnOfSlot: [Int]

    public init(mapping: HeaderMapping) {
        self.mapping = mapping
        knownSpellings = mapping.fieldOfColumn.map { field in (field?.knownValues ?? [:]).map { (Array($0.key.utf8), $0.value) } }
        columnOfSlot = mapping.dataset.fields.map { mapping.columnOfField[$0] ?? -1 }
    }

    /// The canonical value an enumerated cell spells exactly (by its bytes), if any.
    @inline(__always)
    private func knownSpelling(_ cell: UnsafeBufferPointer<UInt8>, column: Int) -> String? {
        for spelling in knownSpellings[column] where spelling.bytes.count == cell.count {
            if spelling.bytes.withUnsafeBufferPointer({ cell.count == 0 || memcmp($0.baseAddress!, cell.baseAddress!, cell.count) == 0 }) {
                return spelling.value
            }
        }
        return nil
    }

    /// The canonical value of a known spelling that is not exact: canonically equivalent, or upper-case.
    private static func knownAsText(_ text: String, field: Field) -> String? {
        field.knownValues?[text] ?? field.knownValues?[text.lowercased()]
    }

    /// Reads a record straight from its bytes when none of its cells gives a finding; nil when the record
    /// needs `read` (a finding, a cell to trim, a ragged or undecodable record), which then reads it.
    /// Where it reads a record, its values are the ones `read` gives: each cell goes through the same
    /// parsers, given bytes, and any cell they do not take plainly is read as a `String`, as `read` reads it.
    /// `values` is reused from record to record.
    public func readClean(_ record: RawRecord, recordIndex: Int, values: inout [CleanValue]) -> CleanRow? {
        let width = mapping.fieldOfColumn.count
        guard !record.hasInvalidUTF8, !record.hasNUL, !record.unterminatedQuote, record.count == width else { return nil }
        let slots = columnOfSlot.count
        if values.count != slots {
            values = Array(repeating: .absent, count: slots)
        } else {
            for i in 0..<slots { values[i] = .absent }
        }
        let clean = record.withBytes { all -> Bool in
            var start = 0
            for column in 0..<width {
                let end = record.end(of: column)
                let cell = UnsafeBufferPointer(rebasing: all[start..<end])
                start = end
                // A cell to trim (its ends are ASCII white space or may be a wider space), or one that may be
                // too long for a spreadsheet (F08).
                if let first = cell.first, let last = cell.last, first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80,
                   UnsafeBufferPointer.hasWhiteSpaceAtAnEnd(cell) {
                    return false
                }
                if cell.count > RowReader.cellLimit { return false }
                guard let field = mapping.fieldOfColumn[column] else { continue }
                if cell.isEmpty {
                    if field.isRequired { return false }
                    continue
                }
                guard let value = readClean(cell, field: field, column: column) else { return false }
                values[field.slot] = value
            }
            return true
        }
        guard clean else { return nil }
        return CleanRow(record: record, recordIndex: recordIndex, dataset: mapping.dataset, values: values, columnOfSlot: columnOfSlot)
    }

    /// A cell's value when reading it gives no finding, as `read(_:field:...)` reads it; nil otherwise.
    @inline(__always)
    private func readClean(_ cell: UnsafeBufferPointer<UInt8>, field: Field, column: Int) -> CleanValue? {
        switch field.kind {
        case .text:
            return .text
        case .idNumber:
            let reading = IDNumber.read(plain: cell) ?? IDNumber.read(String(decoding: cell, as: UTF8.self))
            guard case .valid(let id) = reading else { return nil }
            return .id(id)
        case .date, .dateOrMonth:
            return Day.parse(utf8: cell, precision: field.kind == .dateOrMonth ? .monthAllowed : .day).map(CleanValue.date)
        case .money:
            guard case .success(let m) = field.allowsNegative ? Money.parseSigned(utf8: cell) : Money.parse(utf8: cell) else { return nil }
            return .money(m)
        case .count:
            if cell.count <= 4, cell.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let n = cell.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                return n <= RowReader.largestCount ? .count(n) : nil
            }
            return RowReader.count(String(decoding: cell, as: UTF8.self)).map(CleanValue.count)
        case .phone:
            if let mobile = PhoneNumber.isMobile(plain: cell) { return mobile ? .text : nil }
            return PhoneNumber.normalise(String(decoding: cell, as: UTF8.self)).map(CleanValue.phone)
        case .enumeration:
            let known = knownSpelling(cell, column: column) ?? RowReader.knownAsText(String(decoding: cell, as: UTF8.self), field: field)
            return known.map(CleanValue.known)
        }
    }

    /// The largest `dues_months`-like count a cell may hold.
    static let largestCount = 1_000

    /// A count cell (full-width digits read as ASCII), nil when it is not a count from 0 to `largestCount`.
    static func count(_ cell: String) -> Int? {
        let digits = cell.unicodeScalars.map { s -> Character in
            (0xFF10...0xFF19).contains(s.value) ? Character(Unicode.Scalar(s.value - 0xFF10 + 0x30)!) : Character(s)
        }
        guard let n = Int(String(digits)), n >= 0, n <= largestCount else { return nil }
        return n
    }

    /// Reads one record. Findings go to `recorder`; the row keeps the values that were read.
    public func read(_ record: CSVRecord, recordIndex: Int, recorder: inout FindingRecorder) -> TypedRow {
        let row = record.row
        if record.hasInvalidUTF8 || record.hasNUL {
            let byte = Int(record.byteOffset)
            recorder.rowFinding(record.hasNUL ? FileFinding.nulRow(byte: byte) : FileFinding.undecodableRow(byte: byte), record: recordIndex, row: row)
            return TypedRow(dataset: mapping.dataset, recordIndex: recordIndex, row: row, cells: record.fields.map { $0.trimmingASCIIWhitespace() },
                            isReadable: false, slots: [])
        }
        // Most rows have no cell to trim: they keep the record's array as it is.
        var cells = record.fields
        if let first = cells.firstIndex(where: \.hasWhiteSpaceAtAnEnd) {
            for i in first..<cells.count { cells[i] = cells[i].trimmingASCIIWhitespace() }
        }
        if record.unterminatedQuote {
            recorder.rowFinding(FileFinding.unterminatedQuote, record: recordIndex, row: row)
            return TypedRow(dataset: mapping.dataset, recordIndex: recordIndex, row: row, cells: cells, isReadable: false, slots: [])
        }
        let width = mapping.fieldOfColumn.count
        // A sheet's row ends at its last value: the cells after it are empty.
        if mapping.padsShortRows && cells.count < width { cells += repeatElement("", count: width - cells.count) }
        // Extra cells that are all empty (a trailing delimiter) lose nothing and are not ragged.
        let ragged = cells.count < width || cells[width...].contains { !$0.isEmpty }
        if ragged {
            recorder.rowFinding(FileFinding.ragged(cells: cells.count, width: width), record: recordIndex, row: row)
            return TypedRow(dataset: mapping.dataset, recordIndex: recordIndex, row: row, cells: cells, isReadable: false, slots: [])
        }
        for (column, cell) in cells.enumerated() where cell.utf8.count > RowReader.cellLimit && cell.utf16.count > RowReader.cellLimit {
            recorder.rowFinding(FileFinding.longValue(length: cell.utf16.count), record: recordIndex, row: row, column: column,
                                field: field(at: column), value: String(cell.prefix(50)))
        }
        var slots = [FieldValue?](repeating: nil, count: mapping.dataset.fields.count)
        for (column, maybeField) in mapping.fieldOfColumn.enumerated() {
            guard let field = maybeField else { continue }
            let cell = cells[column]
            if cell.isEmpty {
                if field.isRequired {
                    recorder.rowFinding(ValueFinding.empty, record: recordIndex, row: row, column: column, field: field, value: "")
                }
                continue
            }
            if let value = read(cell, field: field, column: column, recordIndex: recordIndex, row: row, recorder: &recorder) {
                slots[field.slot] = value
            }
        }
        return TypedRow(dataset: mapping.dataset, recordIndex: recordIndex, row: row, cells: cells, isReadable: true, slots: slots)
    }

    /// Whether `read` would read the record's values: decodable, quotes closed, not ragged (F01, F03, F02).
    public func canRead(_ record: RawRecord) -> Bool {
        guard !record.hasInvalidUTF8, !record.hasNUL, !record.unterminatedQuote else { return false }
        let width = mapping.fieldOfColumn.count
        return (record.count >= width || mapping.padsShortRows) && (width..<max(width, record.count)).allSatisfy { record.string($0).trimmingASCIIWhitespace().isEmpty }
    }

    private func field(at column: Int) -> Field? {
        column < mapping.fieldOfColumn.count ? mapping.fieldOfColumn[column] : nil
    }

    private func read(_ cell: String, field: Field, column: Int, recordIndex: Int, row: Int,
                      recorder: inout FindingRecorder) -> FieldValue? {
        func flag(_ finding: some FindingPayload) {
            recorder.rowFinding(finding, record: recordIndex, row: row, column: column, field: field, value: cell)
        }
        switch field.kind {
        case .text:
            return .text(cell)
        case .idNumber:
            switch IDNumber.read(cell) {
            case .valid(let id): return .id(id)
            case .upgraded(let id, _):
                flag(MemberFinding.upgraded(upgraded: id.text))
                return .id(id)
            case .badChecksum: flag(MemberFinding.wrongCheckCharacter); return nil
            case .malformed: flag(MemberFinding.notAnIDNumber); return nil
            case .excelDamaged: flag(MemberFinding.damagedByExcel); return nil
            }
        case .date, .dateOrMonth:
            if let day = Day.parse(cell, precision: field.kind == .dateOrMonth ? .monthAllowed : .day) { return .date(day) }
            flag(ValueFinding.notADate)
            return nil
        case .money:
            switch field.allowsNegative ? Money.parseSigned(cell) : Money.parse(cell) {
            case .success(let m): return .money(m)
            case .failure(let e):
                switch e {
                case .negative: flag(ValueFinding.negative)
                case .tooManyDecimals: flag(ValueFinding.tooManyDecimals)
                case .notANumber: flag(ValueFinding.notMoney)
                }
                return nil
            }
        case .count:
            if let n = RowReader.count(cell) { return .count(n) }
            flag(ValueFinding.notACount)
            return nil
        case .phone:
            if let p = PhoneNumber.normalise(cell) { return .phone(p) }
            flag(MemberFinding.badPhone)
            return .text(cell)
        case .enumeration:
            var text = cell
            if let known = text.withUTF8({ knownSpelling($0, column: column) }) ?? RowReader.knownAsText(cell, field: field) {
                return .known(known)
            }
            flag(ValueFinding.unknownValue(written: cell))
            return .unknown(cell)
        }
    }
}
