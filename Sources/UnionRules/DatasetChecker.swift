// Runs the rules over the files of a dataset: row rules while reading, then the rules across rows.
import UnionCore
import UnionImport

/// One input file after its rules ran: its rows, findings and the status of each row.
public struct CheckedFile: Sendable {
    public let input: OpenedInput
    /// Every data record, in file order, as read in the first pass.
    public internal(set) var rows: [TypedRow]
    /// Every finding of this file, file-level ones first, then by row.
    public internal(set) var findings: [Finding]
    /// Records with an error finding: left out of every total.
    public internal(set) var excluded: Set<Int> = []
    /// Records without errors dated outside the reporting year.
    public internal(set) var outsideYear: Set<Int> = []
    /// Payment category of each record that has a known one.
    public internal(set) var categories: [Int: PaymentCategory] = [:]

    public var dataset: Dataset { input.dataset }
    public var rowCount: Int { rows.count }
    public var includedCount: Int { rows.count - excluded.count - outsideYear.count }

    public func isIncluded(_ record: Int) -> Bool { !excluded.contains(record) && !outsideYear.contains(record) }
}

/// A file's records as read, with the findings of reading them, before the rules run.
public struct ReadFile: Sendable {
    public let input: OpenedInput
    public let rows: [TypedRow]
    let recorder: FindingRecorder

    /// Reads every record of `input` (first pass).
    public init(_ input: OpenedInput, openFindings: [Finding], policy: RulePolicy) {
        var recorder = FindingRecorder(policy: policy, file: input.source.name)
        recorder.append(contentsOf: openFindings)
        var rows: [TypedRow] = []
        input.forEachRow(recorder: &recorder) { rows.append($0) }
        self.input = input
        self.rows = rows
        self.recorder = recorder
    }
}

public enum DatasetChecker {
    /// Checks every roster file; builds the roster index the other datasets use.
    public static func checkMembers(_ files: [ReadFile], context: RuleContext) -> ([CheckedFile], RosterIndex) {
        var roster = RosterIndex()
        var firstSeen: [IDNumber: String] = [:]
        var checked: [CheckedFile] = []
        for file in files {
            let input = file.input, rows = file.rows
            var recorder = file.recorder
            for row in rows where row.isReadable {
                MemberRules.checkRow(row, mapping: input.mapping, context: context, recorder: &recorder)
                _ = ValueRules.checkDates(row, dataset: .members, mapping: input.mapping, context: context, recorder: &recorder)
                guard let id = row.id(.memberID) else { continue }
                let place = input.source.name + ":" + String(row.row)
                if let first = firstSeen[id], let column = input.mapping.columnOfField[.memberID] {
                    recorder.rowFinding(.M05, record: row.recordIndex, row: row.row, column: column, field: .memberID,
                                        value: row.cells[column], arguments: [first])
                } else {
                    firstSeen[id] = place
                }
                roster.add(id, rosterEntry(row, mapping: input.mapping, file: input.source.name))
            }
            checked.append(finish(input, rows: rows, recorder: recorder, outside: []))
        }
        return (checked, roster)
    }

    private static func rosterEntry(_ row: TypedRow, mapping: HeaderMapping, file: String) -> RosterIndex.Entry {
        // Dates that were written but could not be read make the membership interval unknown.
        func unreadable(_ field: Field) -> Bool {
            guard let c = mapping.columnOfField[field] else { return false }
            return !row.cells[c].isEmpty && row.date(field) == nil
        }
        return RosterIndex.Entry(name: row.text(.memberName), join: row.date(.joinDate), leave: row.date(.leaveDate),
                                 datesRead: !unreadable(.joinDate) && !unreadable(.leaveDate),
                                 hardship: row.known(.hardship), file: file, row: row.row)
    }

    /// Checks the payments, claims or enrollments files of one dataset against the roster:
    /// row rules file by file, then the rules across rows (yearly limits, duplicates) over all of them.
    public static func check(_ files: [ReadFile], context: RuleContext) -> [CheckedFile] {
        var states = files.map { FileState(file: $0) }
        for index in states.indices {
            checkRows(&states[index], context: context)
        }
        guard let dataset = files.first?.input.dataset else { return [] }
        // Rows outside the year take no part in yearly limits or duplicate checks; rows with an
        // error add nothing to a yearly total.
        var candidates: [AcrossRow] = []
        for (fileIndex, state) in states.enumerated() {
            let errors = state.errorRecords
            for row in state.file.rows where row.isReadable && !state.outside.contains(row.recordIndex) {
                candidates.append(AcrossRow(file: fileIndex, row: row, hasError: errors.contains(row.recordIndex),
                                            category: state.categories[row.recordIndex]))
            }
        }
        var across = AcrossRecorders(states.map(\.recorder))
        switch dataset {
        case .payments: PaymentRules.checkAcross(candidates, files: files, context: context, into: &across)
        case .claims: ClaimRules.checkAcross(candidates, files: files, context: context, into: &across)
        case .enrollments: EnrollmentRules.checkAcross(candidates, files: files, context: context, into: &across)
        case .members: break
        }
        return states.indices.map { i in
            var checked = finish(states[i].file.input, rows: states[i].file.rows, recorder: across.recorders[i], outside: states[i].outside)
            checked.categories = states[i].categories
            return checked
        }
    }

    /// One file while its rows are checked.
    struct FileState {
        let file: ReadFile
        var recorder: FindingRecorder
        var outside: Set<Int> = []
        var categories: [Int: PaymentCategory] = [:]

        init(file: ReadFile) {
            self.file = file
            self.recorder = file.recorder
        }

        var errorRecords: Set<Int> {
            Set(recorder.findings.filter { $0.severity == .error }.compactMap(\.recordIndex))
        }
    }

    private static func checkRows(_ state: inout FileState, context: RuleContext) {
        let input = state.file.input
        let mapping = input.mapping
        let dataset = input.dataset
        for row in state.file.rows where row.isReadable {
            if ValueRules.checkDates(row, dataset: dataset, mapping: mapping, context: context, recorder: &state.recorder) {
                state.outside.insert(row.recordIndex)
            }
            var category: PaymentCategory?
            switch dataset {
            case .payments:
                category = PaymentRules.checkRow(row, mapping: mapping, context: context, recorder: &state.recorder)
                if let c = category { state.categories[row.recordIndex] = c }
            case .claims:
                ClaimRules.checkRow(row, mapping: mapping, context: context, recorder: &state.recorder)
            case .enrollments:
                EnrollmentRules.checkRow(row, mapping: mapping, context: context, recorder: &state.recorder)
            case .members:
                break
            }
            let (idField, nameField) = personFields(dataset)
            // A membership date that was written but could not be read raises no X02 (no cascades).
            let membershipField = CrossDatasetRules.membershipField(row, mapping: mapping)
            var membershipDate = membershipField.flatMap { row.date($0) }
            if dataset == .payments, let c = mapping.columnOfField[.eventDate], !row.cells[c].isEmpty, row.date(.eventDate) == nil {
                membershipDate = nil
            }
            if dataset == .claims, let c = mapping.columnOfField[.admissionDate], !row.cells[c].isEmpty, row.date(.admissionDate) == nil {
                membershipDate = nil
            }
            CrossDatasetRules.check(row, idField: idField, nameField: nameField, membershipDate: membershipDate,
                                    skipMembership: category == .pension, mapping: mapping, context: context, recorder: &state.recorder)
        }
    }

    static func personFields(_ dataset: Dataset) -> (Field, Field) {
        switch dataset {
        case .members: return (.memberID, .memberName)
        case .payments: return (.payeeID, .payeeName)
        case .claims: return (.claimantID, .claimantName)
        case .enrollments: return (.enrolleeID, .enrolleeName)
        }
    }

    static func finish(_ input: OpenedInput, rows: [TypedRow], recorder: FindingRecorder, outside: Set<Int>) -> CheckedFile {
        var excluded: Set<Int> = []
        for f in recorder.findings where f.severity == .error {
            if let r = f.recordIndex { excluded.insert(r) }
        }
        let findings = recorder.findings.enumerated().sorted { a, b in
            let ra = a.element.row ?? 0, rb = b.element.row ?? 0
            if ra != rb { return ra < rb }
            let ca = a.element.column ?? -1, cb = b.element.column ?? -1
            if ca != cb { return ca < cb }
            return a.offset < b.offset
        }.map(\.element)
        return CheckedFile(input: input, rows: rows, findings: findings, excluded: excluded,
                           outsideYear: outside.subtracting(excluded))
    }
}

/// A row taking part in the rules across rows, with where it came from.
struct AcrossRow {
    let file: Int
    let row: TypedRow
    /// The row already has an error: it adds nothing to yearly totals and is no first occurrence.
    let hasError: Bool
    let category: PaymentCategory?
}

/// The recorders of a dataset's files, for findings of the rules across rows.
struct AcrossRecorders {
    var recorders: [FindingRecorder]

    init(_ recorders: [FindingRecorder]) { self.recorders = recorders }

    @discardableResult
    mutating func flag(_ rule: RuleCode, _ at: AcrossRow, field: Field, mapping: HeaderMapping, arguments: [String] = []) -> Bool {
        let column = mapping.columnOfField[field]
        return recorders[at.file].rowFinding(rule, record: at.row.recordIndex, row: at.row.row, column: column, field: field,
                                             value: column.map { at.row.cells[$0] }, arguments: arguments)
    }
}
