// The sheets of the folder's workbooks as inputs: each written to a private CSV (removed at the run's
// end), opened like any file, and named `file.xlsx[Sheet]` everywhere.
import Foundation
import UnionCore
import UnionImport
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

        func text(zh: Bool) -> String {
            switch kind {
            case .hiddenSheet: return zh ? "\(input)：隐藏的工作表，已读取" : "\(input): a hidden sheet, read"
            case .hiddenRows(let n): return zh ? "\(input)：有 \(n) 行隐藏，已读取" : "\(input): \(n) hidden rows, read"
            case .xlsLimits:
                return zh ? "\(input)：.xls 文件不提供公式结果、隐藏行和合并单元格（公式单元格读作空），建议另存为 .xlsx"
                          : "\(input): an .xls file gives no formula results, hidden rows or merged cells (a formula cell reads as empty); save it as .xlsx"
            case .unused: return zh ? "\(input)：不符合任何数据集，未使用" : "\(input): fits no dataset, not used"
            }
        }
    }

    /// Writes every sheet of `workbooks` to CSV in a new private folder.
    static func prepare(_ workbooks: [WorkbookFile], policy: RulePolicy, pinned: [String: Dataset]) -> WorkbookInputs {
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
            func refuse(_ arguments: [String]) {
                let findings = policy.severity(of: .F01).map { [Finding(rule: .F01, severity: $0, file: workbook.name, arguments: arguments)] } ?? []
                result.refusals.append((InputFigures(file: workbook.name, dataset: nil, encoding: encoding.rawValue, delimiter: nil,
                                                     sha256: sha, rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: true),
                                        findings))
            }
            if let problem = workbook.problem { refuse(problem.findingArguments); continue }
            guard let folder else { refuse(["read", "cannot create a temporary folder"]); continue }
            let sheetFolder = folder + "/\(k + 1)"
            let sheets: [TranscodedSheet]
            do {
                try FileManager.default.createDirectory(atPath: sheetFolder, withIntermediateDirectories: false)
                sheets = try WorkbookTranscoder.transcode(path: workbook.path, format: workbook.format, into: sheetFolder)
            } catch let problem as SpreadsheetProblem {
                refuse(problem.findingArguments)
                continue
            } catch {
                refuse(["read", String(describing: error)])
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
            if sheets.isEmpty { refuse(["damaged", "no worksheet"]) }
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
    func closingLines(lockFiles: [String], zh: Bool) -> [String] {
        var lines: [String] = []
        for note in notes { if case .unused = note.kind { lines.append(note.text(zh: zh)) } }
        for name in lockFiles {
            lines.append(zh ? "\(name)：Office 的锁定文件（表格正在别处打开），已跳过" : "\(name): an Office lock file (the workbook is open elsewhere), skipped")
        }
        return lines
    }

    func removeFolder() {
        guard let folder else { return }
        try? FileManager.default.removeItem(atPath: folder)
        Interruption.unregister(folder)
    }
}
