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
public struct Finding: Sendable, Equatable {
    public var rule: RuleCode
    public var severity: Severity
    public var file: String
    public var row: Int?
    public var column: Int?
    public var field: Field?
    public var value: String?
    /// The values the rule's message template names (`{0}`, `{1}`…), already formatted.
    public var arguments: [String]
    /// Index of the data record in its file (0-based, title and blank rows not counted), for row status.
    public var recordIndex: Int?

    public init(rule: RuleCode, severity: Severity, file: String, row: Int? = nil, column: Int? = nil,
                field: Field? = nil, value: String? = nil, arguments: [String] = [], recordIndex: Int? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.row = row
        self.column = column
        self.field = field
        self.value = value
        self.arguments = arguments
        self.recordIndex = recordIndex
    }
}
