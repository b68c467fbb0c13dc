// Header cells to fields: alias tables, white space and `*` ignored, English case-insensitive.
import UnionCore

/// What a header row says about one dataset: the field of each column.
public struct HeaderMapping: Sendable {
    public let dataset: Dataset
    /// For each column, the field it holds (nil: carried through unchanged).
    public let fieldOfColumn: [Field?]
    /// For each field of the dataset, its column.
    public let columnOfField: FieldColumns
    /// Columns whose header named a field already taken by an earlier column (F05).
    public let duplicateColumns: [(column: Int, field: Field)]
    /// The header cells as written (trimmed).
    public let titles: [String]
    /// A worksheet's row has no "fewer cells": those past its last value are empty, not missing (no F02).
    public var padsShortRows = false

    public var missingRequired: [Field] { dataset.requiredFields.filter { columnOfField[$0] == nil } + missingLedgerAmount }
    public var requiredCount: Int { dataset.requiredColumnCount - missingRequired.count }

    /// A ledger's amount is its income and/or expense columns, or an amount with its direction (SPEC §2.2):
    /// what is missing of the layout it comes closest to.
    private var missingLedgerAmount: [Field] {
        guard dataset == .ledger, columnOfField[.income] == nil, columnOfField[.expense] == nil else { return [] }
        if columnOfField[.ledgerAmount] == nil { return [.income, .expense] }
        return columnOfField[.direction] == nil ? [.direction] : []
    }
}

/// The column of each field, looked up by the field's ordinal: rules ask for columns on every row, and a
/// table read costs less than hashing a key.
public struct FieldColumns: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    private var columns = [Int32](repeating: -1, count: Field.allCases.count)

    public init() {}

    public init(dictionaryLiteral elements: (Field, Int)...) {
        for (field, column) in elements { self[field] = column }
    }

    @inline(__always) public subscript(_ field: Field) -> Int? {
        get {
            let c = columns[field.ordinal]
            return c < 0 ? nil : Int(c)
        }
        set { columns[field.ordinal] = newValue.map { Int32($0) } ?? -1 }
    }

    /// Each mapped field and its column, in field order.
    public func makeIterator() -> AnyIterator<(field: Field, column: Int)> {
        var ordinal = 0
        return AnyIterator {
            while ordinal < columns.count {
                defer { ordinal += 1 }
                if columns[ordinal] >= 0 { return (Field.allCases[ordinal], Int(columns[ordinal])) }
            }
            return nil
        }
    }
}

public enum HeaderMatcher {
    /// A header cell as matched: all white space (ASCII and full-width) and a trailing `*`
    /// (also full-width ＊) removed, ASCII lower-cased.
    ///
    /// One pass over the scalars with no Unicode tables: the header search normalises each candidate
    /// cell once per dataset, and a title cell may be 1 MiB long (the fuzzer's 10 s timeout: the
    /// whole-string `lowercased()` and the per-scalar property look-ups it replaces).
    public static func normalise(_ cell: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in cell.unicodeScalars where !isWhitespace(s) && s.value != 0xFEFF {
            scalars.append(s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(UInt8(s.value) + 0x20) : s)
        }
        while let last = scalars.last, last == "*" || last == "＊" { scalars.removeLast() }
        return String(scalars)
    }

    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`), written out: it is
    /// fixed, and a test compares it with the property for every scalar.
    @inline(__always) static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static let aliasTable: [Dataset: [String: Field]] = {
        var table: [Dataset: [String: Field]] = [:]
        for field in Field.allCases {
            for alias in field.aliases {
                table[field.dataset, default: [:]][normalise(alias)] = field
            }
        }
        return table
    }()

    /// Whether a normalised header cell is an alias of a field of any dataset.
    static func isAlias(_ normalised: String) -> Bool { aliasTable.values.contains { $0[normalised] != nil } }

    /// Maps a header row for one dataset; `extraAliases` come from unionbatch.toml.
    public static func map(_ cells: [String], for dataset: Dataset, extraAliases: [String: [Field]] = [:]) -> HeaderMapping {
        let table = aliasTable[dataset] ?? [:]
        var fieldOfColumn: [Field?] = []
        var columnOfField = FieldColumns()
        var duplicates: [(Int, Field)] = []
        for (column, cell) in cells.enumerated() {
            let key = normalise(cell)
            var field = table[key]
            if let extra = extraAliases[key]?.first(where: { $0.dataset == dataset }) { field = extra }
            if let f = field {
                if columnOfField[f] == nil {
                    columnOfField[f] = column
                    fieldOfColumn.append(f)
                } else {
                    duplicates.append((column, f))
                    fieldOfColumn.append(nil)
                }
            } else {
                fieldOfColumn.append(nil)
            }
        }
        return HeaderMapping(dataset: dataset, fieldOfColumn: fieldOfColumn, columnOfField: columnOfField,
                             duplicateColumns: duplicates, titles: cells.map { $0.trimmingASCIIWhitespace() })
    }
}

/// Which dataset a header row holds (SPEC §2.2).
public enum DatasetChoice: Sendable {
    case chosen(HeaderMapping)
    /// Two or more datasets fit equally and the file name does not decide.
    case ambiguous([Dataset])
    /// No dataset has all its required columns.
    case none
}

public enum DatasetDetector {
    /// The datasets whose keyword the file name holds.
    public static func datasetsNamed(by fileName: String) -> [Dataset] {
        let lower = fileName.lowercased()
        return Dataset.allCases.filter { d in d.fileNameKeywords.contains { lower.contains($0) } }
    }

    /// Of the datasets whose required fields are all present, the one with the most required
    /// fields; the file name breaks a remaining tie.
    public static func choose(header cells: [String], fileName: String, extraAliases: [String: [Field]] = [:]) -> DatasetChoice {
        let complete = Dataset.allCases
            .map { HeaderMatcher.map(cells, for: $0, extraAliases: extraAliases) }
            .filter { $0.missingRequired.isEmpty }
        guard let most = complete.map({ $0.dataset.requiredColumnCount }).max() else { return .none }
        let best = complete.filter { $0.dataset.requiredColumnCount == most }
        if best.count == 1 { return .chosen(best[0]) }
        let named = datasetsNamed(by: fileName)
        let byName = best.filter { named.contains($0.dataset) }
        if byName.count == 1 { return .chosen(byName[0]) }
        return .ambiguous(best.map(\.dataset))
    }
}
