// What an F finding says (F01-F13, files and the shape of their rows), with named parts: raised by the
// importer, the spreadsheet reader and the pipeline, so it lives below them all; its messages are in UnionRules.

public enum FileFinding: FindingPayload {
    /// F01: the file is in no supported encoding; decoding failed at `byte`.
    case undecodable(byte: Int)
    /// F01: binary content (a NUL, a PNG signature…) at `byte`.
    case binary(byte: Int)
    /// F01: the file cannot be read (or changed while it was read), for `reason`.
    case unreadable(reason: String)
    /// F01: a workbook protected by a password.
    case encrypted
    /// F01: a workbook damaged or incomplete, as `detail` says.
    case damaged(detail: String)
    /// F01: a workbook's `part` inflates past every bound (a zip bomb).
    case zipBomb(part: String)
    /// F01: a workbook's `part` holds a DTD.
    case doctype(part: String)
    /// F01: `cell` of `sheet` names shared string `index`, which does not exist.
    case missingSharedString(sheet: String, cell: String, index: Int)
    /// F01: `cell` of `sheet` is past Excel's last cell.
    case cellOutOfRange(sheet: String, cell: String)
    /// F01 on a row: invalid UTF-8 at `byte` in a UTF-8 file. (A row's F01 is told from a file's by the finding's row.)
    case undecodableRow(byte: Int)
    /// F01 on a row: a NUL byte in the row that starts at `byte`.
    case nulRow(byte: Int)
    /// F02: the row has `cells` cells where the header has `width` columns.
    case ragged(cells: Int, width: Int)
    /// F03: a quoted field opened on the row is never closed.
    case unterminatedQuote
    /// F04: as `dataset` the file lacks the required `columns` (their Chinese titles, joined by 、).
    case missingColumns(dataset: Dataset, columns: String)
    /// F04: no row among the first is a header; `closest` came nearest, lacking `columns`.
    case noDataset(closest: Dataset, columns: String)
    /// F04: the header fits `datasets` equally and the file name does not decide.
    case ambiguous(datasets: [Dataset])
    /// F05: this column and an earlier one map to the field of `key`.
    case duplicateField(key: String)
    /// F06: the file is empty.
    case empty
    /// F06: the file has a header but no data rows.
    case headerOnly
    /// F07: the header is on `headerRow`, below `titleRows` title rows.
    case titleRows(titleRows: Int, headerRow: Int)
    /// F07: rows `upperRow` and `lowerRow` are a two-row header, below `titleRows` title rows.
    case twoRowHeader(titleRows: Int, lowerRow: Int, upperRow: Int)
    /// F08: the value is `length` characters (UTF-16 units) long.
    case longValue(length: Int)
    /// F09: a spreadsheet-named file that is a web page.
    case webPage
    /// F09: a spreadsheet-named file in `format`.
    case otherFormat(format: String)
    /// F09: a spreadsheet file in no format read.
    case unreadableSpreadsheet
    /// F10: a balance or carry row labelled `label`.
    case balanceRow(label: String)
    /// F10: a total row labelled `label` over `covered` rows; `compared` amounts were checked, `mismatches` differ.
    case totalRow(label: String, covered: Int, compared: Int, mismatches: [TotalMismatch])
    /// F11: `lines` footer lines from the row on.
    case footer(lines: Int)
    /// F12: `cells` rows hold data under a blank header, the first on `firstRow`.
    case dataUnderBlankHeader(cells: Int, firstRow: Int)
    /// F13: the template's example row (the name is the finding's value).
    case exampleRow

    /// F01 for a file whose size or time changed while it was read.
    public static let changedWhileRead = FileFinding.unreadable(reason: "the file changed while it was being read")

    /// An amount of a total row that is not the sum of the rows it covers (yuan as written).
    public struct TotalMismatch: Sendable, Equatable {
        public let field: Field
        public let written: String
        public let sum: String

        public init(field: Field, written: String, sum: String) {
            self.field = field
            self.written = written
            self.sum = sum
        }
    }

    public var rule: RuleCode {
        switch self {
        case .undecodable, .binary, .unreadable, .encrypted, .damaged, .zipBomb, .doctype, .missingSharedString,
             .cellOutOfRange, .undecodableRow, .nulRow: return .F01
        case .ragged: return .F02
        case .unterminatedQuote: return .F03
        case .missingColumns, .noDataset, .ambiguous: return .F04
        case .duplicateField: return .F05
        case .empty, .headerOnly: return .F06
        case .titleRows, .twoRowHeader: return .F07
        case .longValue: return .F08
        case .webPage, .otherFormat, .unreadableSpreadsheet: return .F09
        case .balanceRow, .totalRow: return .F10
        case .footer: return .F11
        case .dataUnderBlankHeader: return .F12
        case .exampleRow: return .F13
        }
    }

    public var arguments: [String] {
        switch self {
        case .undecodable(let byte): return ["undecodable", String(byte)]
        case .binary(let byte): return ["binary", String(byte)]
        case .unreadable(let reason): return ["read", reason]
        case .encrypted: return ["encrypted"]
        case .damaged(let detail): return ["damaged", detail]
        case .zipBomb(let part): return ["zipbomb", part]
        case .doctype(let part): return ["doctype", part]
        case .missingSharedString(let sheet, let cell, let index): return ["sharedstring", sheet, cell, String(index)]
        case .cellOutOfRange(let sheet, let cell): return ["cellrange", sheet, cell]
        case .undecodableRow(let byte): return [String(byte)]
        case .nulRow(let byte): return [String(byte), "nul"]
        case .ragged(let cells, let width): return [String(cells), String(width)]
        case .unterminatedQuote, .exampleRow, .unreadableSpreadsheet: return []
        case .missingColumns(let dataset, let columns): return ["missing", dataset.rawValue, columns]
        case .noDataset(let closest, let columns): return ["nodataset", closest.rawValue, columns]
        case .ambiguous(let datasets): return ["ambiguous", datasets.map(\.rawValue).joined(separator: ",")]
        case .duplicateField(let key): return [key]
        case .empty: return ["empty"]
        case .headerOnly: return ["header-only"]
        case .titleRows(let titles, let header): return [String(titles), String(header)]
        case .twoRowHeader(let titles, let lower, let upper): return [String(titles), String(lower), "two-row", String(upper)]
        case .longValue(let length): return [String(length)]
        case .webPage: return ["html"]
        case .otherFormat(let format): return ["format", format]
        case .balanceRow(let label): return ["balance", label]
        case .totalRow(let label, let covered, let compared, let mismatches):
            return ["total", label, String(covered), String(compared)] + mismatches.flatMap { [$0.field.rawValue, $0.written, $0.sum] }
        case .footer(let lines): return [String(lines)]
        case .dataUnderBlankHeader(let cells, let firstRow): return [String(cells), String(firstRow)]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .F01: self = f.row == nil ? Self.fileF01(a) : a[1] == "nul" ? .nulRow(byte: a.int(0)) : .undecodableRow(byte: a.int(0))
        case .F02: self = .ragged(cells: a.int(0), width: a.int(1))
        case .F03: self = .unterminatedQuote
        case .F04:
            switch a[0] {
            case "ambiguous": self = .ambiguous(datasets: a[1].split(separator: ",").compactMap { Dataset(rawValue: String($0)) })
            case "nodataset":
                guard let closest = Dataset(rawValue: a[1]) else { return nil }
                self = .noDataset(closest: closest, columns: a[2])
            default:
                guard let dataset = Dataset(rawValue: a[1]) else { return nil }
                self = .missingColumns(dataset: dataset, columns: a[2])
            }
        case .F05: self = .duplicateField(key: a[0])
        case .F06: self = a[0] == "empty" ? .empty : .headerOnly
        case .F07:
            self = a[2] == "two-row" ? .twoRowHeader(titleRows: a.int(0), lowerRow: a.int(1), upperRow: a.int(3))
                : .titleRows(titleRows: a.int(0), headerRow: a.int(1))
        case .F08: self = .longValue(length: a.int(0))
        case .F09:
            switch a[0] {
            case "html": self = .webPage
            case "format": self = .otherFormat(format: a[1])
            default: self = .unreadableSpreadsheet
            }
        case .F10:
            guard a[0] != "balance" else { self = .balanceRow(label: a[1]); return }
            var mismatches: [TotalMismatch] = []
            var i = 4
            while i + 2 < a.count {
                if let field = Field(rawValue: a[i]) { mismatches.append(TotalMismatch(field: field, written: a[i + 1], sum: a[i + 2])) }
                i += 3
            }
            self = .totalRow(label: a[1], covered: a.int(2), compared: a.int(3), mismatches: mismatches)
        case .F11: self = .footer(lines: a.int(0))
        case .F12: self = .dataUnderBlankHeader(cells: a.int(0), firstRow: a.int(1))
        case .F13: self = .exampleRow
        default: return nil
        }
    }

    /// An F01 about a whole file, by its kind.
    private static func fileF01(_ a: StoredArguments) -> FileFinding {
        switch a[0] {
        case "binary": return .binary(byte: a.int(1))
        case "read": return .unreadable(reason: a[1])
        case "encrypted": return .encrypted
        case "damaged": return .damaged(detail: a[1])
        case "zipbomb": return .zipBomb(part: a[1])
        case "doctype": return .doctype(part: a[1])
        case "sharedstring": return .missingSharedString(sheet: a[1], cell: a[2], index: a.int(3))
        case "cellrange": return .cellOutOfRange(sheet: a[1], cell: a[2])
        default: return .undecodable(byte: a.int(1))
        }
    }
}
