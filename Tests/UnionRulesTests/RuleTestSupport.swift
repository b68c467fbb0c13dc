// Shared helpers of the rule tests: ID numbers, CSV texts in a temp folder, the checker run over them, findings as lines.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import XCTest

/// A valid 18-character ID number born on `born` (`yyyymmdd`). `sequence` (0–99) keeps people apart;
/// the order code's last digit gives the sex. The check character is computed here, independently of IDNumber.
func idNumber(born: String, male: Bool, sequence: Int = 1, region: String = "110105") -> String {
    let order = (sequence < 10 ? "0" : "") + String(sequence) + (male ? "1" : "2")
    return withCheckCharacter(region + born + order)
}

/// 17 digits and their GB 11643 check character.
func withCheckCharacter(_ body: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let digits = body.compactMap { $0.wholeNumberValue }
    precondition(digits.count == 17, "17 digits expected: \(body)")
    let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    return body + String(Array("10X98765432")[sum % 11])
}

/// The same 17 digits with a check character that is wrong.
func withWrongCheckCharacter(_ id: String) -> String {
    let good = id.last!
    let wrong: Character = good == "1" ? "2" : "1"
    return String(id.dropLast()) + String(wrong)
}

func day(_ text: String) -> Day { Day.parse(text)! }

extension IDNumber {
    /// The ID number of a text the tests know to be valid.
    static func valid(_ text: String) -> IDNumber? {
        if case .valid(let id) = IDNumber.read(text) { return id }
        return nil
    }
}

/// Column letters as Calc shows them (0 → A, 26 → AA).
func columnLetters(_ column: Int) -> String {
    var n = column + 1
    var out = ""
    while n > 0 {
        let r = (n - 1) % 26
        out = String(UnicodeScalar(UInt8(65 + r))) + out
        n = (n - 1) / 26
    }
    return out
}

/// A finding as one line: `rule severity cell field arg|arg`, e.g. `P02 error D3 amount 生日慰问|300.01|300`.
/// File-level findings show only rule, severity and arguments; header-cell findings their cell.
func describe(_ f: Finding) -> String {
    var parts = [f.rule.rawValue, f.severity.rawValue]
    if let row = f.row { parts.append((f.column.map(columnLetters) ?? "") + String(row)) }
    if let field = f.field { parts.append(field.key) }
    if !f.arguments.isEmpty { parts.append(f.arguments.joined(separator: "|")) }
    return parts.joined(separator: " ")
}

/// The outcome of checking the files of one test.
struct RuleResult {
    /// Every opened file after the rules ran, by file name.
    var checked: [String: CheckedFile] = [:]
    /// Files that were not opened (empty or refused), with their findings.
    var notOpened: [String: [Finding]] = [:]
    var roster: RosterIndex?

    func file(_ name: String, sourceFile: StaticString = #filePath, line: UInt = #line) -> CheckedFile? {
        let f = checked[name]
        if f == nil { XCTFail("\(name) was not opened: \(notOpened[name].map { $0.map(describe) } ?? [])", file: sourceFile, line: line) }
        return f
    }

    /// Every finding of a file as a line, in the checker's order (file-level first, then by row and column).
    func lines(_ name: String, only rules: Set<RuleCode>? = nil, sourceFile: StaticString = #filePath, line: UInt = #line) -> [String] {
        let findings = checked[name]?.findings ?? notOpened[name] ?? {
            XCTFail("no such file \(name)", file: sourceFile, line: line)
            return []
        }()
        return findings.filter { rules?.contains($0.rule) ?? true }.map(describe)
    }

    /// Calc rows of the records left out of every total for an error.
    func excludedRows(_ name: String) -> [Int] {
        guard let f = checked[name] else { return [] }
        return f.excluded.map { f.rows[$0].row }.sorted()
    }

    /// Calc rows of the records without errors dated outside the reporting year.
    func outsideRows(_ name: String) -> [Int] {
        guard let f = checked[name] else { return [] }
        return f.outsideYear.map { f.rows[$0].row }.sorted()
    }
}

/// The settings a test checks its files with.
struct RuleSetup {
    var year = 2025
    var asOf = Day(year: 2025, month: 12, day: 31)!
    var profile = RuleProfile.standard
    var policy = RuleCatalog.defaultPolicy
    /// False: rows without findings are read as the run reads them, straight from their bytes (no typed
    /// rows are kept, so `excludedRows` and `outsideRows` say nothing).
    var typedRows = true
    /// A roster file of this many bytes or more is read in two halves at once.
    var halvesFromBytes = 8 << 20
}

/// Writes `files` (name, text) into a fresh temp folder and runs the rules as a run would: every roster
/// file first (building the roster index), then payments, claims and enrollments, each dataset's files
/// together in the order given. Files that fit no dataset land in `notOpened`.
func checkFiles(_ files: [(String, String)], setup: RuleSetup = RuleSetup()) throws -> RuleResult {
    try checkFiles(bytes: files.map { ($0.0, Array($0.1.utf8)) }, setup: setup)
}

///
/// With typed rows (the default), the files are also checked as a run reads them (clean rows straight from their
/// bytes, typed rows for those with findings): both kinds of row must give the same findings, statuses and counts.
func checkFiles(bytes files: [(String, [UInt8])], setup: RuleSetup = RuleSetup(), pinned: [String: Dataset] = [:]) throws -> RuleResult {
    let folder = NSTemporaryDirectory() + "unionbatch-rules-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var notOpened: [String: [Finding]] = [:]
    var read: [ReadFile] = []
    for (name, content) in files {
        let path = folder + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(content)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        switch InputOpener.open(InputSource(name: name, path: path, pinned: pinned[name]), policy: setup.policy) {
        case .opened(let input, let findings):
            read.append(ReadFile(input, openFindings: findings, policy: setup.policy))
        case .empty(_, _, let findings), .refused(let findings, _, _):
            notOpened[name] = findings
        }
    }
    let result = runChecker(read, notOpened: notOpened, setup: setup)
    if setup.typedRows {
        var asRead = setup
        asRead.typedRows = false
        assertSameOutcome(result, runChecker(read, notOpened: notOpened, setup: asRead))
    }
    return result
}

/// Both kinds of row gave the same findings, row statuses and counts, file by file.
private func assertSameOutcome(_ typed: RuleResult, _ asRead: RuleResult) {
    XCTAssertEqual(Set(typed.checked.keys), Set(asRead.checked.keys))
    for (name, file) in typed.checked {
        guard let other = asRead.checked[name] else { continue }
        XCTAssertEqual(file.findings, other.findings, "\(name): typed rows and rows as read give different findings")
        XCTAssertEqual(file.excluded, other.excluded, "\(name): typed rows and rows as read exclude different rows")
        XCTAssertEqual(file.outsideYear, other.outsideYear, "\(name): typed rows and rows as read put different rows outside the year")
        XCTAssertEqual(file.rowCount, other.rowCount, "\(name): typed rows and rows as read count different rows")
    }
}

/// The checker over files already opened, as a run would: the roster first, then the other datasets.
private func runChecker(_ read: [ReadFile], notOpened: [String: [Finding]], setup: RuleSetup) -> RuleResult {
    var result = RuleResult()
    result.notOpened = notOpened
    let members = read.filter { $0.input.dataset == .members }
    if !members.isEmpty {
        var context = RuleContext(year: setup.year, asOf: setup.asOf, profile: setup.profile, policy: setup.policy, roster: nil)
        context.retainRows = setup.typedRows
        let (checked, roster) = DatasetChecker.checkMembers(members, context: context, halves: .inTurn(fromBytes: setup.halvesFromBytes))
        for file in checked { result.checked[file.input.source.name] = file }
        result.roster = roster
    }
    var context = RuleContext(year: setup.year, asOf: setup.asOf, profile: setup.profile, policy: setup.policy, roster: result.roster)
    // The tests look at the typed rows too (the checker keeps them only when asked).
    context.retainRows = setup.typedRows
    for dataset in [Dataset.payments, .claims, .enrollments, .ledger] {
        let ofDataset = read.filter { $0.input.dataset == dataset }
        guard !ofDataset.isEmpty else { continue }
        if dataset == .ledger {
            // What a run hands the ledger's L03 and L04: the year's included payments by category, the roster's dues.
            let payments = result.checked.values.filter { $0.dataset == .payments }
            if !payments.isEmpty {
                var totals: [PaymentCategory: Money] = [:]
                for file in payments {
                    let leftOut = file.leftOut(outsideYearToo: true)
                    for f in file.payments where !leftOut.contains(Int(f.record)) {
                        if let c = f.category, let m = f.money { totals[c, default: .zero] += m }
                    }
                }
                context.paymentTotals = totals
            }
            let rosters = result.checked.values.filter { $0.dataset == .members && $0.input.mapping.columnOfField[.duesPaid] != nil }
            if !rosters.isEmpty {
                var dues = Money.zero
                for file in rosters {
                    let leftOut = file.leftOut(outsideYearToo: false)
                    for f in file.members where !leftOut.contains(Int(f.record)) && f.dues != Absent.fen { dues += Money(fen: f.dues) }
                }
                context.rosterDues = dues
            }
        }
        for file in DatasetChecker.check(ofDataset, context: context) { result.checked[file.input.source.name] = file }
    }
    return result
}

/// CSV text from a header and rows, LF line ends.
func csv(_ header: String, _ rows: [String]) -> String {
    ([header] + rows).joined(separator: "\n") + "\n"
}

/// Well-formed people for the tests, with their ID numbers.
enum People {
    static let zhangSan = idNumber(born: "19850612", male: true, sequence: 1)      // 张三, man
    static let liSi = idNumber(born: "19900307", male: false, sequence: 2)         // 李四, woman
    static let wangWu = idNumber(born: "19781120", male: true, sequence: 3)        // 王五, man
    static let zhaoLiu = idNumber(born: "19920101", male: false, sequence: 4)      // 赵六, woman
    static let qianQi = idNumber(born: "19880815", male: true, sequence: 5)        // 钱七, man
    static let sunBa = idNumber(born: "19950228", male: false, sequence: 6)        // 孙八, woman
}
