// Runs the rules over the files of a dataset: row rules while the rows stream by, then the rules
// across rows (yearly limits, duplicates) over the compact facts the first pass kept.
import UnionCore
import UnionImport

/// One input file after its rules ran: its findings, the status of each row, and its facts.
public struct CheckedFile: Sendable {
    public let input: OpenedInput
    /// Every finding of this file, file-level ones first, then by row.
    public internal(set) var findings: [Finding]
    /// Records with an error finding: left out of every total.
    public internal(set) var excluded: Set<Int> = []
    /// Records without errors dated outside the reporting year.
    public internal(set) var outsideYear: Set<Int> = []
    /// How many data records the file has.
    public internal(set) var rowCount = 0
    /// Strings the facts refer to by number.
    public internal(set) var pool = StringPool()
    public internal(set) var members: [MemberFact] = []
    public internal(set) var payments: [PaymentFact] = []
    public internal(set) var claims: [ClaimFact] = []
    public internal(set) var enrollments: [EnrollmentFact] = []
    public internal(set) var ledger: [LedgerFact] = []
    /// The quoted cells of the facts, where written otherwise than kept.
    public internal(set) var written = WrittenTexts()
    /// The typed rows themselves, kept only when the context asks (tests and small inspections).
    public internal(set) var rows: [TypedRow] = []

    public var dataset: Dataset { input.dataset }
    public var includedCount: Int { rowCount - excluded.count - outsideYear.count }

    /// The records left out of the totals (excluded, and with `outsideYear` also those outside the year),
    /// as bits: what adding up a million facts asks once a fact, without hashing.
    public func leftOut(outsideYearToo: Bool) -> RecordBits {
        var bits = RecordBits(count: rowCount)
        for r in excluded { bits.insert(r) }
        if outsideYearToo { for r in outsideYear { bits.insert(r) } }
        return bits
    }

    /// The same file without its facts and rows: what the writers need (findings and statuses),
    /// so the facts of a million rows are freed once the summary is built.
    public func withoutFacts() -> CheckedFile {
        var copy = self
        copy.members = []
        copy.payments = []
        copy.claims = []
        copy.enrollments = []
        copy.ledger = []
        copy.written = WrittenTexts()
        copy.rows = []
        copy.pool = StringPool()
        return copy
    }
}

/// A set of record indexes as a bitmap.
public struct RecordBits: Sendable {
    private var words: [UInt64]

    public init(count: Int) { words = Array(repeating: 0, count: (max(count, 0) + 63) / 64) }

    mutating func insert(_ record: Int) {
        if record >= words.count * 64 { words += Array(repeating: 0, count: record / 64 + 1 - words.count) }
        words[record >> 6] |= 1 << UInt64(record & 63)
    }

    @inline(__always) public func contains(_ record: Int) -> Bool {
        let w = record >> 6
        return record >= 0 && w < words.count && words[w] & (1 << UInt64(record & 63)) != 0
    }
}

/// A file to check: the opened input and the findings of opening it.
public struct ReadFile: Sendable {
    public let input: OpenedInput
    let openFindings: [Finding]
    let policy: RulePolicy

    public init(_ input: OpenedInput, openFindings: [Finding], policy: RulePolicy) {
        self.input = input
        self.openFindings = openFindings
        self.policy = policy
    }

    /// The year each row of a payments or claims file is dated in (for choosing the reporting year).
    public func yearCounts() -> [Int: Int] {
        let field: Field
        switch input.dataset {
        case .payments: field = .paidDate
        case .claims: field = .claimPaidDate
        default: return [:]
        }
        var counts: [Int: Int] = [:]
        // Only the date column is read, the way the row reader reads it.
        input.forEachCell(of: field) { cell in
            if let d = Day.parse(cell, precision: .day) { counts[d.year, default: 0] += 1 }
        }
        return counts
    }
}

/// Takes each roster row as soon as its rules ran. A roster row's findings never depend on later rows
/// (M05 flags the later occurrence), so its checked workbook can be written in the same pass.
public protocol CheckedRowSink: AnyObject {
    func begin(_ input: OpenedInput)
    /// A record and its findings, as found (the sink puts them in file order).
    func row(_ row: TypedRow, findings: [Finding])
    /// The records from text offset `split` to the end, for the sink to read itself (a second pass over
    /// that part): reading them again gives rows and records counted from `split`, to be moved by
    /// `rowShift` and `recordShift`; their findings come by (moved) record index.
    func rest(of input: OpenedInput, from split: Int, rowShift: Int, recordShift: Int, findings: FindingsByRecord)
    func end()
}

/// How a large roster file's two halves are run, which is the pipeline's choice: `both` runs `aside` (the
/// second half) on another thread while `here` (the first half) runs on the caller's, and returns once both
/// are done. The halves need nothing from each other until then, so running them one after the other gives
/// the same findings.
public struct RosterHalves: Sendable {
    /// A roster file of at least this many bytes is read in two halves (tests lower it to split small files).
    public let fromBytes: Int
    public let both: @Sendable (_ aside: @escaping @Sendable () -> Void, _ here: () -> Void) -> Void

    public init(fromBytes: Int, both: @escaping @Sendable (_ aside: @escaping @Sendable () -> Void, _ here: () -> Void) -> Void) {
        self.fromBytes = fromBytes
        self.both = both
    }

    /// The halves one after the other, on the caller's thread.
    public static func inTurn(fromBytes: Int) -> RosterHalves {
        RosterHalves(fromBytes: fromBytes) { aside, here in
            aside()
            here()
        }
    }
}

public enum DatasetChecker {
    /// Checks every roster file; builds the roster index the other datasets use. Each row goes to `sink`
    /// as soon as it is checked. With `halves`, a large file is read as two halves (when no rows are retained).
    public static func checkMembers(_ files: [ReadFile], context: RuleContext, sink: CheckedRowSink? = nil,
                                    halves: RosterHalves? = nil) -> ([CheckedFile], RosterIndex) {
        let bound = files.reduce(0) { $0 + $1.input.recordBound }
        // It also remembers where each ID number was first seen, for M05.
        var roster = RosterIndex(capacity: bound)
        var checked: [CheckedFile] = []
        for (fileIndex, file) in files.enumerated() {
            let input = file.input
            let mapping = input.mapping
            var recorder = FindingRecorder(policy: file.policy, file: input.source.name)
            recorder.append(contentsOf: file.openFindings)
            var out = CheckedFile(input: input, findings: [])
            out.members.reserveCapacity(input.recordBound)
            func flagM05(_ id: IDNumber, _ cell: String, _ record: Int, _ row: Int, _ first: (file: Int, row: Int),
                         _ recorder: inout FindingRecorder) {
                guard let column = mapping.columnOfField[.memberID] else { return }
                recorder.rowFinding(MemberFinding.duplicateID(firstAt: files[first.file].input.source.name + ":" + String(first.row)),
                                    record: record, row: row, column: column, field: .memberID, value: cell)
            }
            // A large file is read in two halves at once; a workbook fed row by row takes the first half's
            // rows as they come and reads the second half itself.
            if !context.retainRows, let halves, let split = input.middleLineStart(minimumBytes: halves.fromBytes) {
                sink?.begin(input)
                let found = checkInHalves(input, split: split, halves: halves, fileIndex: fileIndex, context: context, roster: &roster,
                                          out: &out, recorder: &recorder, sink: sink, flagM05: flagM05)
                sink?.end()
                FileRules.recordNonRecords(found, input: input, recorder: &recorder)
                checked.append(finish(out, recorder: recorder, outside: []))
                continue
            }
            sink?.begin(input)
            let found: NonRecordRows
            if sink == nil && !context.retainRows {
                func take<Row: RowValues>(_ row: Row, _ recorder: inout FindingRecorder) {
                    takeRow(row, fileIndex: fileIndex, context: context, roster: &roster, out: &out, recorder: &recorder, flagM05: flagM05)
                }
                var rows = RowDispatch(mapping)
                found = input.forEachRawRecord(recorder: &recorder) { raw, index, recorder in
                    out.rowCount += 1
                    rows.read(raw, index, &recorder, clean: take, typed: take)
                }
            } else {
                var feed = SinkFeed(sink: sink, mark: recorder.findings.count)
                found = input.forEachRow(recorder: &recorder) { row, recorder in
                    out.rowCount += 1
                    if context.retainRows { out.rows.append(row) }
                    takeRow(row, fileIndex: fileIndex, context: context, roster: &roster, out: &out, recorder: &recorder, flagM05: flagM05)
                    feed.pass(row, recorder)
                }
            }
            sink?.end()
            FileRules.recordNonRecords(found, input: input, recorder: &recorder)
            checked.append(finish(out, recorder: recorder, outside: []))
        }
        return (checked, roster)
    }

    /// Says M05 for a row: its ID number, the cell as written, its record and row, where the number was first seen.
    private typealias M05Flag = (IDNumber, String, Int, Int, (file: Int, row: Int), inout FindingRecorder) -> Void

    /// One roster row read in file order (in one pass, or in the first half): its rules, its roster row and
    /// so M05, its fact.
    private static func takeRow<Row: RowValues>(_ row: Row, fileIndex: Int, context: RuleContext, roster: inout RosterIndex,
                                                out: inout CheckedFile, recorder: inout FindingRecorder, flagM05: M05Flag) {
        guard row.isReadable else { return }
        let mapping = out.input.mapping
        checkMemberRow(row, mapping: mapping, context: context, recorder: &recorder)
        if let damaged = damagedID(row, mapping: mapping) {
            roster.noteDamaged(name: damaged.name, RosterIndex.DamagedRow(file: out.input.source.name, row: row.row, rule: damaged.rule))
        }
        if let id = row.id(.memberID), let seen = roster.add(id, rosterEntry(row, mapping: mapping), file: fileIndex, row: row.row) {
            flagM05(id, row.cell(mapping.columnOfField[.memberID] ?? 0), row.recordIndex, row.row, seen, &recorder)
        }
        out.members.append(memberFact(row, pool: &out.pool))
    }

    /// The name of a roster row whose ID number is written but damaged (M02) or invalid (M01), for X04.
    private static func damagedID<Row: RowValues>(_ row: Row, mapping: HeaderMapping) -> (name: String, rule: RuleCode)? {
        guard row.id(.memberID) == nil, let column = mapping.columnOfField[.memberID], !row.isEmptyCell(column),
              let name = row.text(.memberName), !name.isEmpty else { return nil }
        switch IDNumber.read(row.cell(column)) {
        case .excelDamaged: return (name, .M02)
        case .badChecksum, .malformed: return (name, .M01)
        case .valid, .upgraded: return nil
        }
    }

    /// Hands each row to the sink (if any) with the findings recorded since the row before.
    private struct SinkFeed {
        let sink: CheckedRowSink?
        /// Findings before `mark` belong to earlier rows or to the file.
        var mark: Int

        mutating func pass(_ row: TypedRow, _ recorder: FindingRecorder) {
            guard let sink else { return }
            sink.row(row, findings: mark < recorder.findings.count ? Array(recorder.findings[mark...]) : [])
            mark = recorder.findings.count
        }
    }

    /// The rules of one roster row that need no other row.
    private static func checkMemberRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        MemberRules.checkRow(row, mapping: mapping, context: context, recorder: &recorder)
        _ = ValueRules.checkDates(row, dataset: .members, mapping: mapping, context: context, recorder: &recorder)
    }

    /// What the second half of a roster file found, on its own thread: rows and record indexes counted
    /// from its start, and the roster rows to add once the first half's are in.
    private final class SecondHalf: @unchecked Sendable {
        // @unchecked: filled by the second half's work, read by the merge only after `RosterHalves.both` returns.
        var recorder: FindingRecorder
        var rowCount = 0
        var members: [MemberFact] = []
        var pool = StringPool()
        typealias RosterRow = (id: IDNumber, entry: RosterIndex.Entry, record: Int32, row: Int32, cell: String?)
        var rosterRows: [RosterRow] = []
        var nonRecords = NonRecordRows()
        /// Rows with a damaged or invalid ID number: name, row (from the half's start), M01 or M02.
        var damaged: [(name: String, row: Int, rule: RuleCode)] = []

        init(_ recorder: FindingRecorder) { self.recorder = recorder }
    }

    /// Reads a roster file as two halves (`halves` says on which threads): every row rule of the second half
    /// runs on its own; its roster rows (and so M05) are added after the first half's, in file order, as one
    /// pass would. When the first half did not end where the second began (the middle line break was inside a
    /// quoted field), the first half's pass has read the whole file and the second half's work is dropped.
    /// Returns the rows of the whole file that are not records.
    private static func checkInHalves(_ input: OpenedInput, split: Int, halves: RosterHalves, fileIndex: Int, context: RuleContext,
                                      roster: inout RosterIndex, out: inout CheckedFile, recorder: inout FindingRecorder,
                                      sink: CheckedRowSink?, flagM05: M05Flag) -> NonRecordRows {
        let second = SecondHalf(FindingRecorder(policy: recorder.policy, file: input.source.name))
        let slots = roster.slotCount
        var first: OpenedInput.FirstHalf?
        // The progress line counts both halves as one pass over the file.
        let progressStage = ProgressMeter.currentThreadStage
        halves.both({
            let previous = ProgressMeter.currentThreadStage
            ProgressMeter.threadStage(progressStage)
            defer { ProgressMeter.threadStage(previous) }
            checkSecondHalf(input, from: split, context: context, slots: slots, into: second)
        }) {
            first = checkFirstHalf(input, before: split, fileIndex: fileIndex, context: context, roster: &roster, out: &out,
                                   recorder: &recorder, sink: sink, flagM05: flagM05)
        }
        guard let firstHalf = first else { preconditionFailure("RosterHalves.both returned before running the first half") }
        guard firstHalf.endedAtSplit else { return firstHalf.nonRecords }
        return merge(second, after: firstHalf, of: input, split: split, fileIndex: fileIndex, roster: &roster, out: &out,
                     recorder: &recorder, sink: sink, flagM05: flagM05)
    }

    /// The second half of a roster file, from text offset `split`: its row rules, facts and roster rows, kept
    /// in `second` with rows and records counted from its start.
    private static func checkSecondHalf(_ input: OpenedInput, from split: Int, context: RuleContext, slots: Int, into second: SecondHalf) {
        let mapping = input.mapping
        let idColumn = mapping.columnOfField[.memberID] ?? 0
        // Kept in locals while the rows go by (not in the shared object, whose every write is checked
        // for exclusive access at run time), handed over at the end.
        var members: [MemberFact] = []
        var rosterRows: [SecondHalf.RosterRow] = []
        var pool = StringPool()
        var rowCount = 0
        members.reserveCapacity(input.recordBound / 2 + 1)
        rosterRows.reserveCapacity(input.recordBound / 2 + 1)
        var halfRecorder = second.recorder
        var damaged: [(name: String, row: Int, rule: RuleCode)] = []
        func take<Row: RowValues>(_ row: Row, _ recorder: inout FindingRecorder) {
            guard row.isReadable else { return }
            checkMemberRow(row, mapping: mapping, context: context, recorder: &recorder)
            if let d = damagedID(row, mapping: mapping) { damaged.append((d.name, row.row, d.rule)) }
            if let id = row.id(.memberID) {
                rosterRows.append((id, rosterEntry(row, mapping: mapping), Int32(row.recordIndex), Int32(row.row),
                                   row.idCell(idColumn, ifNot: id)))
            }
            members.append(memberFact(row, pool: &pool))
        }
        var rows = RowDispatch(mapping)
        second.nonRecords = input.forEachRawRecord(from: split, recorder: &halfRecorder) { raw, index, recorder in
            rowCount += 1
            rows.read(raw, index, &recorder, clean: take, typed: take)
        }
        // Added to the roster in the order of their slots in its table (a person's rows stay in file
        // order), so the merge walks the table once instead of missing the cache on every row. Which
        // later row says M05 is the same in any order; findings are put in row order at the end.
        var order = [UInt64]()
        order.reserveCapacity(rosterRows.count)
        for (i, r) in rosterRows.enumerated() { order.append(UInt64(RosterIndex.slot(of: r.id, among: slots)) << 32 | UInt64(i)) }
        order.radixSort()
        second.rosterRows = order.map { rosterRows[Int($0 & 0xFFFF_FFFF)] }
        rosterRows = []
        second.recorder = halfRecorder
        second.members = members
        second.pool = pool
        second.rowCount = rowCount
        second.damaged = damaged
    }

    /// The first half of a roster file, up to text offset `split`, read in file order as one pass reads it.
    private static func checkFirstHalf(_ input: OpenedInput, before split: Int, fileIndex: Int, context: RuleContext,
                                       roster: inout RosterIndex, out: inout CheckedFile, recorder: inout FindingRecorder,
                                       sink: CheckedRowSink?, flagM05: M05Flag) -> OpenedInput.FirstHalf {
        if sink == nil {
            func take<Row: RowValues>(_ row: Row, _ recorder: inout FindingRecorder) {
                takeRow(row, fileIndex: fileIndex, context: context, roster: &roster, out: &out, recorder: &recorder, flagM05: flagM05)
            }
            var rows = RowDispatch(input.mapping)
            return input.forEachRawRecord(before: split, recorder: &recorder) { raw, index, recorder in
                out.rowCount += 1
                rows.read(raw, index, &recorder, clean: take, typed: take)
            }
        }
        var feed = SinkFeed(sink: sink, mark: recorder.findings.count)
        return input.forEachRow(before: split, recorder: &recorder) { row, recorder in
            out.rowCount += 1
            takeRow(row, fileIndex: fileIndex, context: context, roster: &roster, out: &out, recorder: &recorder, flagM05: flagM05)
            feed.pass(row, recorder)
        }
    }

    /// The second half's work after the first half's: its findings, rows and records moved to follow the first
    /// half's, its roster rows added (and so M05), its facts appended; the sink reads its rows itself.
    private static func merge(_ second: SecondHalf, after firstHalf: OpenedInput.FirstHalf, of input: OpenedInput, split: Int,
                              fileIndex: Int, roster: inout RosterIndex, out: inout CheckedFile, recorder: inout FindingRecorder,
                              sink: CheckedRowSink?, flagM05: M05Flag) -> NonRecordRows {
        // The second half's rows and records follow the first half's.
        let rowShift = firstHalf.rowAtSplit - 1
        let recordShift = firstHalf.records
        // A finding about the whole file (it changed while read) is said once.
        var secondFindings = second.recorder.findings.filter { $0.recordIndex != nil || !recorder.findings.contains($0) }
        for i in secondFindings.indices where secondFindings[i].recordIndex != nil {
            secondFindings[i].row = secondFindings[i].row.map { $0 + rowShift }
            secondFindings[i].recordIndex = secondFindings[i].recordIndex.map { $0 + recordShift }
        }
        var secondRecorder = FindingRecorder(policy: recorder.policy, file: input.source.name)
        secondRecorder.append(contentsOf: secondFindings)
        for r in second.rosterRows {
            let record = Int(r.record) + recordShift, row = Int(r.row) + rowShift
            if let seen = roster.add(r.id, r.entry, file: fileIndex, row: row) {
                flagM05(r.id, r.cell ?? r.id.text, record, row, seen, &secondRecorder)
            }
        }
        for d in second.damaged {
            roster.noteDamaged(name: d.name, RosterIndex.DamagedRow(file: input.source.name, row: d.row + rowShift, rule: d.rule))
        }
        // Each part of the second half goes as soon as it is in: the merge is the roster pass's peak.
        second.rosterRows = []
        let poolIDs = second.pool.strings.map { out.pool.id($0) }
        func moved(_ id: Int32) -> Int32 { id == Absent.string ? id : poolIDs[Int(id)] }
        for var fact in second.members {
            fact.record += Int32(recordShift)
            fact.row += Int32(rowShift)
            fact.status = moved(fact.status)
            fact.branch = moved(fact.branch)
            fact.hardship = moved(fact.hardship)
            out.members.append(fact)
        }
        second.members = []
        out.rowCount += second.rowCount
        if let sink {
            sink.rest(of: input, from: split, rowShift: rowShift, recordShift: recordShift,
                      findings: FindingsByRecord(secondRecorder.findings))
        }
        recorder.append(contentsOf: secondRecorder.findings)
        return firstHalf.nonRecords.followed(by: second.nonRecords.shifted(rows: rowShift, records: recordShift))
    }

    private static func rosterEntry<Row: RowValues>(_ row: Row, mapping: HeaderMapping) -> RosterIndex.Entry {
        // Dates that were written but could not be read make the membership interval unknown.
        func unreadable(_ field: Field) -> Bool {
            guard let c = mapping.columnOfField[field] else { return false }
            return !row.isEmptyCell(c) && row.date(field) == nil
        }
        let hardship = row.known(.hardship)
        return RosterIndex.Entry(name: row.text(.memberName), join: row.date(.joinDate), leave: row.date(.leaveDate),
                                 datesRead: !unreadable(.joinDate) && !unreadable(.leaveDate),
                                 inHardship: hardship.map { !$0.hasSameBytes(as: "否") } ?? false)
    }

    private static func memberFact<Row: RowValues>(_ row: Row, pool: inout StringPool) -> MemberFact {
        let statusText = row.text(.status)
        let hardship = row.known(.hardship)
        // Pool ids are given in column order: status, branch, hardship.
        let status = statusText.map { pool.id($0) } ?? Absent.string
        let branch = row.withText(.memberBranch) { $0.map { pool.id(bytes: $0) } } ?? Absent.string
        return MemberFact(
            person: row.id(.memberID)?.packed ?? Absent.person, dues: row.money(.duesPaid)?.fen ?? Absent.fen,
            record: Int32(row.recordIndex), row: Int32(row.row), status: status, branch: branch,
            join: row.date(.joinDate)?.fact ?? Absent.day,
            leave: row.date(.leaveDate)?.fact ?? Absent.day,
            hardship: hardship.flatMap { $0.hasSameBytes(as: "否") ? nil : pool.id($0) } ?? Absent.string,
            sex: row.known(.gender).flatMap(Sex.init(canonical:)) ?? row.id(.memberID)?.sex)
    }

    /// Checks the payments, claims, enrollments or ledger files of one dataset against the roster:
    /// row rules file by file as the rows stream by, then the rules across rows over all of them.
    public static func check(_ files: [ReadFile], context: RuleContext) -> [CheckedFile] {
        guard let dataset = files.first?.input.dataset else { return [] }
        var states: [(CheckedFile, FindingRecorder, Set<Int>)] = []
        for (index, file) in files.enumerated() {
            var recorder = FindingRecorder(policy: file.policy, file: file.input.source.name)
            recorder.append(contentsOf: file.openFindings)
            var out = CheckedFile(input: file.input, findings: [])
            switch dataset {
            case .payments: out.payments.reserveCapacity(file.input.recordBound)
            case .claims: out.claims.reserveCapacity(file.input.recordBound)
            case .enrollments: out.enrollments.reserveCapacity(file.input.recordBound)
            case .ledger: out.ledger.reserveCapacity(file.input.recordBound)
            case .members: break
            }
            var outside: Set<Int> = []
            let mapping = file.input.mapping
            func take<Row: RowValues>(_ row: Row, _ recorder: inout FindingRecorder) {
                guard row.isReadable else { return }
                if checkRow(row, mapping: mapping, context: context, recorder: &recorder, facts: &out, file: Int32(index)) {
                    outside.insert(row.recordIndex)
                }
            }
            let found: NonRecordRows
            if context.retainRows {
                found = file.input.forEachRow(recorder: &recorder) { row, recorder in
                    out.rowCount += 1
                    out.rows.append(row)
                    take(row, &recorder)
                }
            } else {
                var rows = RowDispatch(mapping)
                found = file.input.forEachRawRecord(recorder: &recorder) { raw, index, recorder in
                    out.rowCount += 1
                    rows.read(raw, index, &recorder, clean: take, typed: take)
                }
            }
            FileRules.recordNonRecords(found, input: file.input, recorder: &recorder)
            states.append((out, recorder, outside))
        }
        // Rows outside the year take no part in yearly limits or duplicate checks; rows with an
        // error add nothing to a yearly total and are no first occurrence.
        var across = AcrossRecorders(states.map(\.1), names: files.map(\.input.source.name))
        let errorRows = states.map { Set($0.1.findings.lazy.filter { $0.severity == .error }.compactMap(\.recordIndex)) }
        func takesPart(_ file: Int32, _ record: Int32) -> Bool { !states[Int(file)].2.contains(Int(record)) }
        func hasError(_ file: Int32, _ record: Int32) -> Bool { errorRows[Int(file)].contains(Int(record)) }
        switch dataset {
        case .payments:
            PaymentRules.checkAcross(states.map { $0.0.payments }, written: states.map { $0.0.written }, takesPart: { takesPart($0.file, $0.record) },
                                     hasError: hasError, context: context, into: &across)
        case .claims:
            var plans: [[String]] = states.map { $0.0.pool.strings }
            ClaimRules.checkAcross(states.map { $0.0.claims }, written: states.map { $0.0.written }, takesPart: { takesPart($0.file, $0.record) },
                                   plans: plans, hasError: hasError, context: context, into: &across)
            plans = []
        case .enrollments:
            EnrollmentRules.checkAcross(states.map { $0.0.enrollments }, written: states.map { $0.0.written }, pools: states.map { $0.0.pool.strings },
                                        hasError: hasError, into: &across)
        case .ledger:
            // L03 and L04 compare the year's included entries: one finding each, on the first file.
            var lineTotals: [Int: Int64] = [:]
            for (i, (out, _, outside)) in states.enumerated() {
                for f in out.ledger where !outside.contains(Int(f.record)) && !errorRows[i].contains(Int(f.record)) {
                    lineTotals[Int(f.line), default: 0] += f.amount
                }
            }
            LedgerRules.checkTotals(lineTotals: lineTotals, context: context, recorder: &across.recorders[0])
        case .members:
            break
        }
        return states.indices.map { i in finish(states[i].0, recorder: across.recorders[i], outside: states[i].2) }
    }

    /// Row rules of one payments, claims, enrollments or ledger row; keeps its facts. True when the row
    /// is dated outside the reporting year.
    private static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext,
                                                 recorder: inout FindingRecorder, facts out: inout CheckedFile, file: Int32) -> Bool {
        let dataset = mapping.dataset
        let outside = ValueRules.checkDates(row, dataset: dataset, mapping: mapping, context: context, recorder: &recorder)
        // A ledger entry is about the union's books, not a person: no roster rules.
        if dataset == .ledger {
            if let entry = LedgerRules.checkRow(row, mapping: mapping, context: context, recorder: &recorder) {
                out.ledger.append(LedgerFact(amount: entry.amount.fen, record: Int32(row.recordIndex), row: Int32(row.row),
                                             line: Int32(entry.line), people: Int32(row.count(.people) ?? 0), isIncome: entry.isIncome))
            }
            return outside
        }
        var category: PaymentCategory?
        let (idField, nameField) = personFields(dataset)
        let person = row.id(idField)?.packed ?? Absent.person
        switch dataset {
        case .payments:
            category = PaymentRules.checkRow(row, mapping: mapping, context: context, recorder: &recorder)
            let column = mapping.columnOfField[.amount] ?? 0
            let amount = row.money(.amount)?.fen ?? Absent.fen
            // The rules across rows quote only amounts that were read.
            if amount != Absent.fen { out.written.note(row.cell(column), record: Int32(row.recordIndex), kept: Money(fen: amount).yuanText) }
            out.payments.append(PaymentFact(
                person: person, amount: amount, file: file, record: Int32(row.recordIndex), row: Int32(row.row),
                date: row.date(.paidDate)?.fact ?? Absent.day,
                branch: row.withText(.paymentBranch) { $0.map { out.pool.id(bytes: $0) } } ?? Absent.string,
                amountColumn: Int32(column), category: category, detail: PaymentDetail.of(category, row)))
        case .claims:
            ClaimRules.checkRow(row, mapping: mapping, context: context, recorder: &recorder)
            let column = mapping.columnOfField[.approved] ?? 0
            let approved = row.money(.approved)?.fen ?? Absent.fen
            if approved != Absent.fen { out.written.note(row.cell(column), record: Int32(row.recordIndex), kept: Money(fen: approved).yuanText) }
            out.claims.append(ClaimFact(
                person: person, approved: approved, file: file, record: Int32(row.recordIndex), row: Int32(row.row),
                plan: row.text(.claimPlan).map { out.pool.id($0) } ?? Absent.string,
                paidDate: row.date(.claimPaidDate)?.fact ?? Absent.day,
                admission: row.date(.admissionDate)?.fact ?? Absent.day, approvedColumn: Int32(column)))
        case .enrollments:
            EnrollmentRules.checkRow(row, mapping: mapping, context: context, recorder: &recorder)
            let column = mapping.columnOfField[.enrollPlan] ?? 0
            let plan = row.text(.enrollPlan)
            if let plan { out.written.note(row.cell(column), record: Int32(row.recordIndex), kept: plan) }
            out.enrollments.append(EnrollmentFact(
                person: person, premium: row.money(.premium)?.fen ?? Absent.fen, file: file, record: Int32(row.recordIndex),
                row: Int32(row.row), plan: plan.map { out.pool.id($0) } ?? Absent.string, planColumn: Int32(column)))
        case .members, .ledger:
            break
        }
        // A membership date that was written but could not be read raises no X02 (no cascades).
        let membershipField = CrossDatasetRules.membershipField(row, mapping: mapping)
        var membershipDate = membershipField.flatMap { row.date($0) }
        if dataset == .payments, let c = mapping.columnOfField[.eventDate], !row.isEmptyCell(c), row.date(.eventDate) == nil {
            membershipDate = nil
        }
        if dataset == .claims, let c = mapping.columnOfField[.admissionDate], !row.isEmptyCell(c), row.date(.admissionDate) == nil {
            membershipDate = nil
        }
        CrossDatasetRules.check(row, idField: idField, nameField: nameField, membershipDate: membershipDate,
                                skipMembership: category == .pension, mapping: mapping, context: context, recorder: &recorder)
        return outside
    }

    static func personFields(_ dataset: Dataset) -> (Field, Field) {
        switch dataset {
        case .members: return (.memberID, .memberName)
        case .payments: return (.payeeID, .payeeName)
        case .claims: return (.claimantID, .claimantName)
        case .enrollments: return (.enrolleeID, .enrolleeName)
        case .ledger: preconditionFailure("a ledger row names no person")
        }
    }

    static func finish(_ file: CheckedFile, recorder: FindingRecorder, outside: Set<Int>) -> CheckedFile {
        var out = file
        var excluded: Set<Int> = []
        for f in recorder.findings where f.severity == .error {
            if let r = f.recordIndex { excluded.insert(r) }
        }
        // Positions sorted, not (position, finding) pairs: 4 bytes a finding instead of 72 at the peak.
        let found = recorder.findings
        var order = Array(Int32(0)..<Int32(clamping: found.count))
        order.sort { a, b in
            let ra = found[Int(a)].row ?? 0, rb = found[Int(b)].row ?? 0
            if ra != rb { return ra < rb }
            let ca = found[Int(a)].column ?? -1, cb = found[Int(b)].column ?? -1
            if ca != cb { return ca < cb }
            return a < b
        }
        out.findings = order.map { found[Int($0)] }
        out.excluded = excluded
        out.outsideYear = outside.subtracting(excluded)
        return out
    }
}

/// The recorders of a dataset's files, for findings of the rules across rows.
struct AcrossRecorders {
    var recorders: [FindingRecorder]
    let names: [String]

    init(_ recorders: [FindingRecorder], names: [String]) {
        self.recorders = recorders
        self.names = names
    }

    /// `file:row` of a row, as findings that point to a first occurrence say it.
    func place(_ file: Int32, _ row: Int32) -> String { names[Int(file)] + ":" + String(row) }

    @discardableResult
    mutating func flag(_ finding: some FindingPayload, file: Int32, record: Int32, row: Int32, column: Int32, field: Field,
                       value: String) -> Bool {
        recorders[Int(file)].rowFinding(finding, record: Int(record), row: Int(row), column: Int(column), field: field, value: value)
    }
}

/// Duplicates (P04, C06, E03): the first row of each key is kept, each later one is flagged
/// with the place of the first.
struct FirstOccurrences<Key: Hashable> {
    private var seen: [Key: (file: Int32, row: Int32)] = [:]

    /// Nil the first time `key` is met (it is remembered at `file`, `row`); else where it was first met.
    mutating func earlier(_ key: Key, file: Int32, row: Int32) -> (file: Int32, row: Int32)? {
        if let first = seen[key] { return first }
        seen[key] = (file, row)
        return nil
    }

    /// Forgets every key met so far (keeping the room they took).
    mutating func forgetAll() { seen.removeAll(keepingCapacity: true) }
}

/// The facts of a dataset's files that `include` admits, in date order (SPEC §7), then file order, then
/// row order; those without the date last. Nothing is copied: each comes as (file, index in its file's facts).
/// Facts are kept in file and row order, so one integer key a fact sorts them: the date above, the place below.
func inDateOrder<T>(_ files: [[T]], date: (T) -> Int32, where include: (T) -> Bool) -> FactOrder {
    // 31 bits of place (two thousand million facts) below 33 bits of date.
    let placeBits: UInt64 = 31
    var keys: [UInt64] = []
    keys.reserveCapacity(files.reduce(0) { $0 + $1.count })
    var starts: [Int] = []  // the place number of each file's first fact
    var place = 0
    for facts in files {
        starts.append(place)
        for fact in facts {
            defer { place += 1 }
            guard include(fact) else { continue }
            let d = date(fact)
            // Signed order kept in unsigned bits; no date (a 33rd bit) sorts after every date.
            let dateBits: UInt64 = d == Absent.day ? 1 << 32 : UInt64(UInt32(bitPattern: d) ^ 0x8000_0000)
            keys.append(dateBits << placeBits | UInt64(place))
        }
    }
    keys.radixSort()
    // Each sorted key becomes its fact's file and index, in place.
    for i in keys.indices {
        let p = Int(keys[i] & (1 << placeBits - 1))
        var file = starts.count - 1
        while starts[file] > p { file -= 1 }
        keys[i] = UInt64(file) << 32 | UInt64(p - starts[file])
    }
    return FactOrder(places: keys)
}

/// Facts in the order `inDateOrder` found, as (file, index in its file's facts): 8 bytes a fact.
struct FactOrder: Sequence {
    let places: [UInt64]

    func makeIterator() -> AnyIterator<(file: Int, index: Int)> {
        var i = 0
        return AnyIterator {
            guard i < places.count else { return nil }
            defer { i += 1 }
            return (Int(places[i] >> 32), Int(places[i] & 0xFFFF_FFFF))
        }
    }
}
