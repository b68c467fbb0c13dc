// The sheets of the folder's workbooks as inputs: each written to a private CSV (removed at the run's
// end), opened like any file, and named `file.xlsx[Sheet]` everywhere.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSpreadsheet
import UnionSummary

struct WorkbookInputs {
    /// One source per worksheet, in workbook order.
    var sources: [InputSource] = []
    /// F01 for each workbook that cannot be read, by file name.
    var refusals: [(figures: InputFigures, findings: [Finding])] = []
    /// Notes for 说明 and the closing lines: hidden sheets and rows, .xls limits, sheets not used.
    var notes: [SheetNote] = []
    /// The private folder of the sheets' CSV files.
    let folder: String?

    struct SheetNote: Sendable {
        enum Kind: Sendable { case hiddenSheet, hiddenRows(Int), xlsLimits, unused }
        let input: String
        let kind: Kind

        /// The note's words.
        var message: PipelineMessage {
            switch kind {
            case .hiddenSheet: return .hiddenSheet(input: input)
            case .hiddenRows(let n): return .hiddenRows(input: input, count: n)
            case .xlsLimits: return .xlsLimits(input: input)
            case .unused: return .unusedSheet(input: input)
            }
        }
    }

    /// Writes every sheet of `workbooks` to CSV in a new private folder; `threads` as SheetScheduling says.
    static func prepare(_ workbooks: [WorkbookFile], policy: RulePolicy, pinned: [String: Dataset],
                        threads: SheetThreads?) -> WorkbookInputs {
        guard !workbooks.isEmpty else { return WorkbookInputs(folder: nil) }
        var template = Array((NSTemporaryDirectory() + "/unionbatch-sheets-XXXXXX").utf8CString)
        // Made and registered with no signal in between: an interrupted run removes it (it can be large).
        let folder = Interruption.withoutInterruption {
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
            if let made { Interruption.register(made) }
            return made
        }
        var result = WorkbookInputs(folder: folder)
        for (k, workbook) in workbooks.enumerated() {
            let sha = (try? FileBytes.sha256(path: workbook.path)) ?? ""
            let encoding = TextEncoding(rawValue: workbook.format.rawValue)!
            func refuse(_ why: FileFinding) {
                let findings = policy.severity(of: why.rule).map { [Finding(why, severity: $0, file: workbook.name)] } ?? []
                result.refusals.append((InputFigures(file: workbook.name, dataset: nil, encoding: encoding.rawValue, delimiter: nil,
                                                     sha256: sha, rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: true),
                                        findings))
            }
            if let problem = workbook.problem { refuse(problem.finding); continue }
            guard let folder else { refuse(.unreadable(reason: "cannot create a temporary folder")); continue }
            let sheetFolder = folder + "/\(k + 1)"
            let sheets: [TranscodedSheet]
            do {
                try FileManager.default.createDirectory(atPath: sheetFolder, withIntermediateDirectories: false)
                sheets = try WorkbookTranscoder.transcode(path: workbook.path, format: workbook.format, into: sheetFolder,
                                                          threads: threads)
            } catch let problem as SpreadsheetProblem {
                refuse(problem.finding)
                continue
            } catch {
                refuse(.unreadable(reason: String(describing: error)))
                continue
            }
            for sheet in sheets {
                let name = "\(workbook.name)[\(sheet.name)]"
                let origin = SheetOrigin(sheetName: sheet.name, workbookName: workbook.name, encoding: encoding, sha256: sha)
                result.sources.append(InputSource(name: name, path: sheet.csvPath, pinned: pinned[name], sheet: origin))
                if sheet.hidden { result.notes.append(SheetNote(input: name, kind: .hiddenSheet)) }
                if sheet.hiddenRows > 0 { result.notes.append(SheetNote(input: name, kind: .hiddenRows(sheet.hiddenRows))) }
                if workbook.format == .xls { result.notes.append(SheetNote(input: name, kind: .xlsLimits)) }
            }
            if sheets.isEmpty { refuse(.damaged(detail: "no worksheet")) }
        }
        return result
    }

    /// The openings of a workbook's sheets, settled: while one sheet of a workbook is read, its other
    /// sheets that fit no dataset (or hold nothing) are listed, not refused. A workbook with no usable
    /// sheet keeps the findings of its sheets that hold something (F04), else of its first sheet (F06).
    mutating func settle(_ openings: [(InputSource, InputOpening)]) -> [(InputSource, InputOpening)] {
        var usable: Set<String> = []
        var withRefusedSheet: Set<String> = []
        for (source, opening) in openings {
            guard let sheet = source.sheet else { continue }
            if case .opened = opening { usable.insert(sheet.workbookName) }
            if case .refused = opening { withRefusedSheet.insert(sheet.workbookName) }
        }
        var emptyKept: Set<String> = []
        var result: [(InputSource, InputOpening)] = []
        for (source, opening) in openings {
            guard let workbook = source.sheet?.workbookName else { result.append((source, opening)); continue }
            let keep: Bool
            switch opening {
            case .opened:
                keep = true
            case .refused(let findings, _, _):
                // Refused for something other than its columns (a read that failed) is always said.
                keep = !usable.contains(workbook) || findings.contains { $0.rule != .F04 }
            case .empty:
                keep = !usable.contains(workbook) && !withRefusedSheet.contains(workbook) && emptyKept.insert(workbook).inserted
            }
            if keep { result.append((source, opening)) } else { notes.append(SheetNote(input: source.name, kind: .unused)) }
        }
        return result
    }

    /// How many sheets hold no data set.
    var unusedSheetCount: Int { notes.filter { if case .unused = $0.kind { return true } else { return false } }.count }

    /// Sheets not used and Office lock files skipped, for the run's closing lines.
    func closingLines(lockFiles: [String], language: Language) -> [String] {
        var lines: [String] = []
        for note in notes { if case .unused = note.kind { lines.append(note.message.text(language)) } }
        for name in lockFiles { lines.append(PipelineMessage.lockFile(name: name).text(language)) }
        return lines
    }

    func removeFolder() {
        guard let folder else { return }
        try? FileManager.default.removeItem(atPath: folder)
        Interruption.unregister(folder)
    }
}
