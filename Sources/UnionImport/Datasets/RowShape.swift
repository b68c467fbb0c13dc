// Rows of an export that are not records (SPEC §2.4, §7.1): total and balance rows, the footer block,
// the example row of `unionbatch init`. They are told apart here, on the way from the CSV reader to the
// rows, so every pass over a file (rules, checked workbook, a look at the dates) skips the same rows.
import UnionCore

/// A row that is not a record, as found: where it is and what it is. The findings are made from these
/// after the pass (F10, F11, F13), so a row sink never sees them among a record's findings.
public struct NonRecordRow: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A 合计/小计/汇总… row: `label` as written (white space removed); its amounts by money field.
        case total(label: String, scope: TotalScope, amounts: [TotalAmount])
        /// A balance or carry row (上年结转, 承前页…): no sum check.
        case balance(label: String)
        /// The footer block: its first line and how many lines it has.
        case footer(lines: Int)
        /// The example row `unionbatch init` wrote (the name cell as written).
        case example(name: String)
    }

    public var kind: Kind
    /// The row Calc shows for it.
    public var row: Int
    /// How many records of the file come before it.
    public var recordsAbove: Int
    /// The column its label (or name) is in.
    public var column: Int
}

/// One amount of a total row.
public struct TotalAmount: Sendable, Equatable {
    public let field: Field
    public let column: Int
    public let amount: Money
}

/// Which records a total row covers (SPEC §7.1).
public enum TotalScope: String, Sendable, Equatable {
    /// A 小计 row or one ending in 汇总: the records since the previous such row, or since the header.
    case section
    /// A 合计, 总计, 共计, 累计 or bare 汇总 row: every record above it.
    case above
}

/// The non-records of one pass, in file order, with rows and record counts as that pass counted them.
public struct NonRecordRows: Sendable, Equatable {
    public var rows: [NonRecordRow] = []
    /// Columns under a blank header cell that hold data in some record (F12), by column.
    public var blankHeaderData: [Int: BlankHeaderData] = [:]

    public init(_ rows: [NonRecordRow] = [], blankHeaderData: [Int: BlankHeaderData] = [:]) {
        self.rows = rows
        self.blankHeaderData = blankHeaderData
    }

    /// The same rows for a pass that started `rowShift` rows and `recordShift` records into the file.
    public func shifted(rows rowShift: Int, records recordShift: Int) -> NonRecordRows {
        NonRecordRows(rows.map { var r = $0; r.row += rowShift; r.recordsAbove += recordShift; return r },
                      blankHeaderData: blankHeaderData.mapValues { BlankHeaderData(cells: $0.cells, firstRow: $0.firstRow + rowShift) })
    }

    /// These rows followed by those of a later part of the file.
    public func followed(by later: NonRecordRows) -> NonRecordRows {
        var all = self
        all.rows += later.rows
        for (column, data) in later.blankHeaderData {
            let earlier = all.blankHeaderData[column]
            all.blankHeaderData[column] = BlankHeaderData(cells: (earlier?.cells ?? 0) + data.cells, firstRow: earlier?.firstRow ?? data.firstRow)
        }
        return all
    }
}

/// The data under one blank header cell: how many records hold a value there, and the first one's row.
public struct BlankHeaderData: Sendable, Equatable {
    public let cells: Int
    public let firstRow: Int
}

/// Tells a record from a row that is not one, by its cells' bytes.
struct RowShapeClassifier {
    private let identityColumn: Int?
    private let nameColumn: Int?
    private let moneyColumns: [(Field, Int)]

    init(mapping: HeaderMapping) {
        let fields = mapping.dataset.fields
        // A ledger entry has no person: its account says it is an entry (a 合计 row books on none), and its
        // summary is where init's example entries say 示例.
        let ledger = mapping.dataset == .ledger
        identityColumn = (ledger ? Field.account : fields.first { $0.kind == .idNumber }).flatMap { mapping.columnOfField[$0] }
        nameColumn = (ledger ? Field.summary : fields.first { $0.key == "name" }).flatMap { mapping.columnOfField[$0] }
        moneyColumns = fields.filter { $0.kind == .money }.compactMap { f in mapping.columnOfField[f].map { (f, $0) } }
    }

    /// What a (non-blank) record is, nil for a record. `footerOnly` asks only whether it is a footer line.
    func shape(_ record: RawRecord, footerOnly: Bool = false) -> NonRecordRow.Kind? {
        guard !record.hasInvalidUTF8, !record.hasNUL else { return nil }
        return record.withBytes { all -> NonRecordRow.Kind? in
            func cell(_ c: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[record.range(of: c)]) }
            // The first cell holding text (a bare 序号 is no label).
            guard let labelColumn = (0..<record.count).first(where: { c in cell(c).contains { !RowShapeClassifier.isNumberOrSpace($0) } }) else {
                return nil
            }
            // Most records are looked at no further: no label starts or ends with one of these characters.
            let label = cell(labelColumn)
            let (lead, tail) = RowShapeClassifier.edges(label)
            let name = nameColumn.flatMap { $0 < record.count ? cell($0) : nil }
            let nameEdges = name.map(RowShapeClassifier.edges)
            let maybeLabel = RowShapeClassifier.leads.contains(lead) || RowShapeClassifier.tails.contains(tail)
            let maybeName = nameEdges.map { $0.0 == RowShapeClassifier.exampleLead || RowShapeClassifier.tails.contains($0.1) } ?? false
            guard maybeLabel || maybeName else { return nil }
            if maybeLabel, RowShapeClassifier.isFooter(RowShapeClassifier.compact(label)) { return .footer(lines: 1) }
            if footerOnly { return nil }
            if let name, RowShapeClassifier.compact(name).starts(with: RowShapeClassifier.example) {
                return .example(name: String(decoding: name, as: UTF8.self))
            }
            // A total row has no identity: a person's record whose cell says 合计 is still a record.
            if let i = identityColumn, i < record.count, !RowShapeClassifier.compact(cell(i)).isEmpty { return nil }
            for candidate in [labelColumn, nameColumn].compactMap({ $0 }) where candidate < record.count {
                if let kind = totalKind(RowShapeClassifier.compact(cell(candidate)), record: record, all: all) { return kind }
            }
            return nil
        }
    }

    /// The first and the last character of a cell, white space aside, as their UTF-8 bytes packed (a
    /// character of three bytes, as every label's is), 0 for any other.
    private static func edges(_ cell: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt32) {
        var start = 0, end = cell.count
        func isSpace(at i: Int) -> Int {
            let b = cell[i]
            if b == 0x20 || b == 0x09 { return 1 }
            if b == 0xE3, i + 2 < cell.count, cell[i + 1] == 0x80, cell[i + 2] == 0x80 { return 3 }
            if b == 0xC2, i + 1 < cell.count, cell[i + 1] == 0xA0 { return 2 }
            return 0
        }
        while start < end { let n = isSpace(at: start); if n == 0 { break }; start += n }
        while end > start {
            if cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1; continue }
            if end - start >= 3, cell[end - 3] == 0xE3, cell[end - 2] == 0x80, cell[end - 1] == 0x80 { end -= 3; continue }
            if end - start >= 2, cell[end - 2] == 0xC2, cell[end - 1] == 0xA0 { end -= 2; continue }
            break
        }
        guard end - start >= 3 else { return (0, 0) }
        func packed(_ i: Int) -> UInt32 { UInt32(cell[i]) << 16 | UInt32(cell[i + 1]) << 8 | UInt32(cell[i + 2]) }
        return (cell[start] >= 0xE0 ? packed(start) : 0, cell[end - 3] >= 0xE0 ? packed(end - 3) : 0)
    }

    private static func packed(_ character: String) -> UInt32 {
        let b = Array(character.utf8)
        return UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
    }

    /// First characters of footer words and balance labels.
    private static let leads: Set<UInt32> = Set(["制", "审", "负", "经", "填", "日", "备", "说", "注", "上", "期", "承", "过", "本"].map(packed))
    /// Last characters of total and balance labels.
    private static let tails: Set<UInt32> = Set(["计", "总", "转", "额", "页"].map(packed))
    private static let exampleLead = packed("示")

    /// Where the finding of a row of `kind` sits: an example row on its name (a ledger entry's summary),
    /// any other on the column its label was taken from.
    func findingColumn(_ kind: NonRecordRow.Kind, _ record: RawRecord) -> Int {
        if case .example = kind, let nameColumn { return nameColumn }
        return labelColumn(record)
    }

    /// Which column `shape` took the label from, for the finding's place.
    func labelColumn(_ record: RawRecord) -> Int {
        record.withBytes { all in
            (0..<record.count).first { c in
                UnsafeBufferPointer(rebasing: all[record.range(of: c)]).contains { !RowShapeClassifier.isNumberOrSpace($0) }
            } ?? 0
        }
    }

    private func totalKind(_ label: [UInt8], record: RawRecord, all: UnsafeBufferPointer<UInt8>) -> NonRecordRow.Kind? {
        guard label.count >= 6, label[0] >= 0xE0 else { return nil }
        let text = String(decoding: label, as: UTF8.self)
        if RowShapeClassifier.balanceLabels.contains(text) { return .balance(label: text) }
        let scope: TotalScope
        if text.hasSuffix("小计") || (text.hasSuffix("汇总") && text != "汇总") {
            scope = .section
        } else if ["合计", "总计", "共计", "累计", "汇总"].contains(where: { text.hasSuffix($0) }) {
            scope = .above
        } else {
            return nil
        }
        var amounts: [TotalAmount] = []
        for (field, column) in moneyColumns where column < record.count {
            let cell = String(decoding: UnsafeBufferPointer(rebasing: all[record.range(of: column)]), as: UTF8.self).trimmingASCIIWhitespace()
            if !cell.isEmpty, case .success(let m) = Money.parse(cell) { amounts.append(TotalAmount(field: field, column: column, amount: m)) }
        }
        return .total(label: text, scope: scope, amounts: amounts)
    }

    @inline(__always) private static func isNumberOrSpace(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == 0x20 || b == 0x09 || b == 0x2E || b == 0x2C || b == 0x2D
    }

    /// The cell without any white space (ASCII, no-break, ideographic): `合　计` is 合计.
    static func compact(_ cell: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(cell.count)
        var i = 0
        while i < cell.count {
            let b = cell[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == 0xC2, i + 1 < cell.count, cell[i + 1] == 0xA0 { i += 2; continue }
            if b == 0xE3, i + 2 < cell.count, cell[i + 1] == 0x80, cell[i + 2] == 0x80 { i += 3; continue }
            out.append(b)
            i += 1
        }
        return out
    }

    private static let example = Array("示例".utf8)

    /// The words a footer line starts with (SPEC §2.4); the ones with a colon take `：` or `:`.
    private static let footerWords: [[UInt8]] = ["制表人", "制表", "审核", "审核人", "负责人", "经办人", "填报人", "填报日期", "制表日期"].map { Array($0.utf8) }
        + ["日期", "备注", "说明", "注"].flatMap { [Array(($0 + "：").utf8), Array(($0 + ":").utf8)] }

    static func isFooter(_ label: [UInt8]) -> Bool {
        guard let first = label.first, first >= 0xE0 else { return false }
        return footerWords.contains { label.starts(with: $0) }
    }

    private static let balanceLabels: Set<String> = ["上年结转", "期初余额", "承前页", "过次页", "本年累计", "本月合计"]
}

/// Passes a file's records on and keeps its non-records back. Footer lines are held until the file
/// ends (then they are the footer) or a record follows (then they were records after all).
struct NonRecordFilter {
    let classifier: RowShapeClassifier
    private(set) var found = NonRecordRows()
    /// Records passed on so far.
    private(set) var records = 0
    private var pending: [RawRecord] = []
    /// Columns whose header cell is blank (F12 when data sits under one).
    private let blankColumns: [Int]

    /// Whether the file holds a NUL byte somewhere: then each record is looked at for one (F01 for its row).
    private let checksNUL: Bool
    /// The progress line's count of this pass, told every `progressStep` records (nil: no line shown).
    private let progress: ProgressTask?
    static let progressStep = 4096

    init(mapping: HeaderMapping, checksNUL: Bool = false, progress: ProgressTask? = nil) {
        self.checksNUL = checksNUL
        self.progress = progress
        classifier = RowShapeClassifier(mapping: mapping)
        blankColumns = mapping.titles.indices.filter { HeaderMatcher.normalise(mapping.titles[$0]).isEmpty }
    }

    /// A record passed on, and its cells under blank headers counted.
    private mutating func pass(_ record: RawRecord, recorder: inout FindingRecorder,
                               _ body: (RawRecord, Int, inout FindingRecorder) -> Void) {
        for column in blankColumns where column < record.count && !record.range(of: column).isEmpty {
            let cell = record.withCell(column) { RowShapeClassifier.compact($0) }
            guard !cell.isEmpty else { continue }
            let earlier = found.blankHeaderData[column]
            found.blankHeaderData[column] = BlankHeaderData(cells: (earlier?.cells ?? 0) + 1, firstRow: earlier?.firstRow ?? record.row)
        }
        body(record, records, &recorder)
        records += 1
        if records % NonRecordFilter.progressStep == 0 { progress?.advance(by: NonRecordFilter.progressStep) }
    }

    mutating func take(_ given: RawRecord, recorder: inout FindingRecorder,
                       _ body: (RawRecord, Int, inout FindingRecorder) -> Void) {
        var record = given
        if checksNUL { record.hasNUL = record.withBytes { $0.contains(0) } }
        if !pending.isEmpty {
            if classifier.shape(record, footerOnly: true) != nil { pending.append(record); return }
            flush(recorder: &recorder, body)
        }
        switch classifier.shape(record) {
        case .footer?:
            pending.append(record)
        case nil:
            pass(record, recorder: &recorder, body)
        case let kind?:
            found.rows.append(NonRecordRow(kind: kind, row: record.row, recordsAbove: records, column: classifier.findingColumn(kind, record)))
        }
    }

    /// Footer lines held back turn out to be records: they are passed on.
    mutating func flush(recorder: inout FindingRecorder, _ body: (RawRecord, Int, inout FindingRecorder) -> Void) {
        guard !pending.isEmpty else { return }
        let held = pending
        pending = []
        for record in held {
            // A held line may still be a total or example row.
            if let kind = classifier.shape(record), kind != .footer(lines: 1) {
                found.rows.append(NonRecordRow(kind: kind, row: record.row, recordsAbove: records, column: classifier.findingColumn(kind, record)))
                continue
            }
            pass(record, recorder: &recorder, body)
        }
    }

    /// The end of the file: lines held back are the footer.
    mutating func finish() {
        guard let first = pending.first else { return }
        found.rows.append(NonRecordRow(kind: .footer(lines: pending.count), row: first.row, recordsAbove: records,
                                       column: classifier.labelColumn(first)))
        pending = []
    }
}
