// The effective severity of each rule after configuration, and the recorder that applies it.

/// Which rules run and at what severity. A rule missing from `severities` is switched off.
public struct RulePolicy: Sendable {
    public var severities: [RuleCode: Severity]
    /// Rules whose severity the configuration set: it then applies to every field alike.
    public var configured: Set<RuleCode> = []

    public init(severities: [RuleCode: Severity], configured: Set<RuleCode> = []) {
        self.severities = severities
        self.configured = configured
    }

    public func severity(of rule: RuleCode) -> Severity? { severities[rule] }

    /// The severity of a finding on `field`: V06 is an error for a plan, else a warning (SPEC §3).
    public func severity(of rule: RuleCode, field: Field?) -> Severity? {
        guard let s = severities[rule] else { return nil }
        if rule == .V06, !configured.contains(.V06), field == .claimPlan || field == .enrollPlan { return .error }
        return s
    }
    public func isEnabled(_ rule: RuleCode) -> Bool { severities[rule] != nil }
}

/// Collects the findings of one input file, dropping those of switched-off rules and keeping
/// one finding per rule per row (SPEC §7).
public struct FindingRecorder: Sendable {
    public let policy: RulePolicy
    public let file: String
    public private(set) var findings: [Finding] = []
    private var seen: Set<RowRule> = []

    private struct RowRule: Hashable, Sendable {
        let record: Int
        let rule: RuleCode
    }

    public init(policy: RulePolicy, file: String) {
        self.policy = policy
        self.file = file
    }

    /// Records a finding about a whole file.
    public mutating func fileFinding(_ payload: some FindingPayload) {
        guard let severity = policy.severity(of: payload.rule) else { return }
        findings.append(Finding(payload, severity: severity, file: file))
    }

    /// Records a finding about a cell outside the data records (a header cell).
    public mutating func cellFinding(_ payload: some FindingPayload, row: Int, column: Int?, field: Field?, value: String?) {
        guard let severity = policy.severity(of: payload.rule) else { return }
        findings.append(Finding(payload, severity: severity, file: file, row: row, column: column, field: field, value: value))
    }

    /// Records a finding about a row (and a cell of it when `column` is given). The payload's arguments are
    /// made only for a finding kept.
    @discardableResult
    public mutating func rowFinding(_ payload: some FindingPayload, record: Int, row: Int, column: Int? = nil, field: Field? = nil,
                                    value: String? = nil) -> Bool {
        let rule = payload.rule
        guard let severity = policy.severity(of: rule, field: field) else { return false }
        guard seen.insert(RowRule(record: record, rule: rule)).inserted else { return false }
        findings.append(Finding(payload, severity: severity, file: file, row: row, column: column, field: field, value: value,
                                recordIndex: record))
        return true
    }

    public mutating func append(contentsOf other: [Finding]) {
        for f in other {
            if let r = f.recordIndex {
                guard seen.insert(RowRule(record: r, rule: f.rule)).inserted else { continue }
            }
            findings.append(f)
        }
    }
}
