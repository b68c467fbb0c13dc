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
    /// One pass over the UTF-8 bytes, no Unicode tables: the header search normalises each candidate
    /// cell once per dataset, and a title cell may be 1 MiB long (the fuzzer's 10 s timeouts: a
    /// whole-string `lowercased()`, then a scalar-at-a-time append).
    public static func normalise(_ cell: String) -> String {
        var cell = cell
        return cell.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b < 0x80 {
                    i += 1
                    if (0x09...0x0D).contains(b) || b == 0x20 { continue }
                    out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                    continue
                }
                let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                let sequence = UnsafeBufferPointer(rebasing: utf8[i..<min(i + length, utf8.count)])
                i += length
                if !isWhitespace(sequence) { out.append(contentsOf: sequence) }
            }
            // A trailing * or ＊ (EF BC 8A), any number of them.
            while let last = out.last {
                let n = out.count
                if last == 0x2A {
                    out.removeLast()
                } else if last == 0x8A, n >= 3, out[n - 3] == 0xEF, out[n - 2] == 0xBC {
                    out.removeLast(3)
                } else {
                    break
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`) and the BOM, by the UTF-8
    /// bytes of a scalar past ASCII: the set is fixed, and a test compares it with the property for every scalar.
    @inline(__always) static func isWhitespace(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch s.count {
        case 2: return s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0)
        case 3:
            switch (s[0], s[1], s[2]) {
            case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF),
                 (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80), (0xEF, 0xBB, 0xBF):
                return true
            default: return false
            }
        default: return false
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
    static func isAlias(_ normalised: String) -> Bool {
        mayBeAlias(normalised, extraAliases: [:]) && aliasTable.values.contains { $0[normalised] != nil }
    }

    /// The UTF-8 length of the longest alias.
    private static let longestAlias = aliasTable.values.flatMap(\.keys).map(\.utf8.count).max() ?? 0

    /// Whether a normalised cell is short enough to be an alias: a key is hashed in normal form C, so
    /// a 1 MiB title cell would be normalised again at each look-up. The bound leaves room for any
    /// canonically equivalent spelling (a decomposed character is at most a few times longer).
    static func mayBeAlias(_ normalised: String, extraAliases: [String: [Field]]) -> Bool {
        let count = normalised.utf8.count
        return count <= 16 * longestAlias || (!extraAliases.isEmpty && count <= 16 * (extraAliases.keys.map(\.utf8.count).max() ?? 0))
    }

    /// Maps a header row for one dataset; `extraAliases` come from unionbatch.toml.
    public static func map(_ cells: [String], for dataset: Dataset, extraAliases: [String: [Field]] = [:]) -> HeaderMapping {
        let table = aliasTable[dataset] ?? [:]
        var fieldOfColumn: [Field?] = []
        var columnOfField = FieldColumns()
        var duplicates: [(Int, Field)] = []
        for (column, cell) in cells.enumerated() {
            let key = normalise(cell)
            let matchable = mayBeAlias(key, extraAliases: extraAliases)
            var field = matchable ? table[key] : nil
            if matchable, let extra = extraAliases[key]?.first(where: { $0.dataset == dataset }) { field = extra }
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
