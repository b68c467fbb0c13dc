// Findings: a rule code at a place in an input file, with the values its message needs.

public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// Every rule code of the catalog (SPEC §3), in catalog order.
public enum RuleCode: String, CaseIterable, Sendable, Codable, Comparable {
    case F01, F02, F03, F04, F05, F06, F07, F08, F09, F10, F11, F12, F13
    case U01
    case V01, V02, V03, V04, V05, V06
    case M01, M02, M03, M04, M05, M06, M07, M08, M09, M10
    case X01, X02, X03, X04
    case L01, L02, L03, L04, L05
    case P01, P02, P03, P04, P05, P06, P07, P08
    case C01, C02, C03, C04, C05, C06
    case E01, E02, E03

    public static func < (a: RuleCode, b: RuleCode) -> Bool { a.rawValue < b.rawValue }

    /// Rules without which a row cannot be read: never switched off, severity fixed.
    public var isFixed: Bool {
        switch self {
        case .F01, .F02, .F03, .F04, .V01, .V02, .V03: return true
        default: return false
        }
    }
}

/// One finding. `row` is the row Calc shows for the input; `column` is 0-based.
/// File-level findings have no row, column, field or value.
///
/// Stored compactly (a run may hold a million): places as 32-bit numbers, the value and the message's
/// arguments in one string (NUL-separated: no cell holds a NUL, F03), so a finding is about 64 bytes
/// and at most one allocation for its text.
public struct Finding: Sendable, Equatable {
    public var rule: RuleCode
    public var severity: Severity
    public var field: Field?
    private var argumentCount: UInt8
    private var storedRow: Int32
    private var storedColumn: Int32
    private var storedRecordIndex: Int32
    /// The value's length in UTF-8 bytes at the start of `text`; -1 when there is no value.
    private var valueLength: Int32
    public var file: String
    /// The value, then each argument after a NUL.
    private var text: String

    private static let none = Int32.min

    private static func stored(_ n: Int?) -> Int32 {
        guard let n else { return none }
        return Int32(clamping: n)
    }

    public var row: Int? {
        get { storedRow == Self.none ? nil : Int(storedRow) }
        set { storedRow = Self.stored(newValue) }
    }

    public var column: Int? {
        get { storedColumn == Self.none ? nil : Int(storedColumn) }
        set { storedColumn = Self.stored(newValue) }
    }

    /// Index of the data record in its file (0-based, title and blank rows not counted), for row status.
    public var recordIndex: Int? {
        get { storedRecordIndex == Self.none ? nil : Int(storedRecordIndex) }
        set { storedRecordIndex = Self.stored(newValue) }
    }

    /// The cell as written.
    public var value: String? {
        get {
            guard valueLength >= 0 else { return nil }
            return String(decoding: text.utf8.prefix(Int(valueLength)), as: UTF8.self)
        }
        set { pack(value: newValue, arguments: arguments) }
    }

    /// The values the rule's message template names (`{0}`, `{1}`…), already formatted.
    public var arguments: [String] {
        get {
            guard argumentCount > 0 else { return [] }
            return text.utf8.dropFirst(Int(max(valueLength, 0)) + 1)
                .split(separator: 0, maxSplits: Int(argumentCount) - 1, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        set { pack(value: value, arguments: newValue) }
    }

    private mutating func pack(value: String?, arguments: [String]) {
        valueLength = value.map { Int32(clamping: $0.utf8.count) } ?? -1
        let kept = arguments.prefix(Int(UInt8.max))
        argumentCount = UInt8(kept.count)
        guard !kept.isEmpty else {
            text = value ?? ""
            return
        }
        // Written once into a string of its exact length: appended piece by piece, its buffer would grow
        // by doubling and keep up to twice the bytes (a million findings: tens of MB).
        let length = (value?.utf8.count ?? 0) + kept.reduce(0) { $0 + 1 + $1.utf8.count }
        text = String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            func put(_ piece: String) {
                for byte in piece.utf8 {
                    buffer[at] = byte
                    at += 1
                }
            }
            put(value ?? "")
            for argument in kept {
                buffer[at] = 0
                at += 1
                put(argument)
            }
            return at
        }
    }

    public init(rule: RuleCode, severity: Severity, file: String, row: Int? = nil, column: Int? = nil,
                field: Field? = nil, value: String? = nil, arguments: [String] = [], recordIndex: Int? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.field = field
        storedRow = Self.stored(row)
        storedColumn = Self.stored(column)
        storedRecordIndex = Self.stored(recordIndex)
        argumentCount = 0
        valueLength = -1
        text = ""
        pack(value: value, arguments: arguments)
    }
}
