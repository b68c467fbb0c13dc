// The typed parts of a finding: the protocol each rule family's payload keeps, and the recorder's calls that take one.

/// What a finding of one rule family says, with named parts. Made where the rule fires, stored as the
/// finding's arguments (text, in the order `arguments` gives), and read back by the same type alone for
/// its message: no rule or message reads an argument by position or compares a token outside the two
/// conversions (`arguments` and `init?(_:)`).
public protocol FindingPayload: Sendable, Equatable {
    /// The rule the finding is of.
    var rule: RuleCode { get }
    /// The finding's arguments, as it stores them.
    var arguments: [String] { get }
    /// The payload of a finding of this family (an argument it lacks reads as empty); nil for another family's.
    init?(_ finding: Finding)
}

/// A finding's stored arguments, read by position: for a payload's `init?(_:)`, and nothing else.
public struct StoredArguments {
    private let values: [String]

    public init(_ finding: Finding) { values = finding.arguments }

    /// The argument at `i`, empty when the finding has fewer.
    public subscript(_ i: Int) -> String { i < values.count ? values[i] : "" }

    /// The argument at `i` as a whole number (0 when it is none).
    public func int(_ i: Int) -> Int { Int(self[i]) ?? 0 }

    /// The argument at `i` as a day (nil when it is empty or no date).
    public func day(_ i: Int) -> Day? { Day.parse(self[i]) }

    public var count: Int { values.count }
}

extension Finding {
    /// A finding that says `payload`.
    public init(_ payload: some FindingPayload, severity: Severity, file: String, row: Int? = nil, column: Int? = nil,
                field: Field? = nil, value: String? = nil, recordIndex: Int? = nil) {
        self.init(rule: payload.rule, severity: severity, file: file, row: row, column: column, field: field, value: value,
                  arguments: payload.arguments, recordIndex: recordIndex)
    }
}
