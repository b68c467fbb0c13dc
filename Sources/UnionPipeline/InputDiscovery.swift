// Which files of a folder are inputs: delimited text and workbooks directly in it, told apart by their bytes.
import Foundation
import UnionCore
import UnionImport
import UnionSpreadsheet

public struct DiscoveredInputs: Sendable {
    public var sources: [InputSource] = []
    /// F09 (a format that is no workbook) and F01 (encrypted) findings for spreadsheet files not read.
    public var spreadsheetFindings: [Finding] = []
    public var spreadsheetNames: [String] = []
    /// Workbooks whose sheets are inputs.
    public var workbooks: [WorkbookFile] = []
    /// Office lock files (`~$会员名册.xlsx`), skipped with a closing line.
    public var lockFiles: [String] = []
    /// Files whose names are not UTF-8, held open so that their sources' paths open them.
    var heldNames = HeldNames()
}

/// A workbook file found in the folder, and the format its bytes are in.
public struct WorkbookFile: Sendable {
    public let name: String
    public let path: String
    public let format: WorkbookFormat
    /// Known before reading (a password): the workbook is refused with it.
    public var problem: SpreadsheetProblem?
}

public enum InputDiscovery {
    static let delimitedExtensions: Set<String> = ["csv", "txt", "tsv"]
    static let spreadsheetExtensions: Set<String> = ["xlsx", "xlsm", "xls", "et", "ods"]

    /// Regular files directly in `folder` (links to regular files followed; links to folders,
    /// pipes, devices, hidden files and the output folder never read), sorted by name.
    public static func discover(folder: String, outputFolder: String, policy: RulePolicy, pinned: [String: Dataset] = [:]) throws -> DiscoveredInputs {
        var result = DiscoveredInputs()
        // By bytes: a name that is not UTF-8 (GBK, from a zip made on Chinese Windows) is an input too.
        let entries = try FolderEntries.list(folder, holding: result.heldNames)
        let outReal = realPath(outputFolder)
        for entry in entries where !entry.name.hasPrefix(".") {
            let name = entry.name, path = entry.path
            guard let ext = name.split(separator: ".").last.map({ $0.lowercased() }), name.contains(".") else { continue }
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if realPath(path) == outReal { continue }
            guard delimitedExtensions.contains(ext) || spreadsheetExtensions.contains(ext) else { continue }
            if name.hasPrefix("~$") { result.lockFiles.append(name); continue }
            classify(name: name, path: path, spreadsheetName: spreadsheetExtensions.contains(ext), policy: policy,
                     pinned: pinned, into: &result)
        }
        return result
    }

    /// Files are what their bytes are, not what their names say (SPEC §7.1): a workbook named .csv is read
    /// as a workbook, a TSV named .xls as text. A delimited name keeps the text path for any other bytes.
    static func classify(name: String, path: String, spreadsheetName: Bool, policy: RulePolicy,
                         pinned: [String: Dataset], into result: inout DiscoveredInputs) {
        let kind = FileKind.classify(path: path)
        var recorder = FindingRecorder(policy: policy, file: name)
        switch kind {
        case .workbook(let format):
            result.workbooks.append(WorkbookFile(name: name, path: path, format: format))
            return
        case .encrypted:
            result.workbooks.append(WorkbookFile(name: name, path: path, format: .xlsx, problem: .encrypted))
            return
        case .text:
            result.sources.append(InputSource(name: name, path: path, pinned: pinned[name]))
            return
        case .html where spreadsheetName:
            recorder.fileFinding(FileFinding.webPage)
        case .other(let format) where spreadsheetName:
            recorder.fileFinding(FileFinding.otherFormat(format: format))
        case .html, .other:
            result.sources.append(InputSource(name: name, path: path, pinned: pinned[name]))
            return
        }
        result.spreadsheetFindings += recorder.findings
        result.spreadsheetNames.append(name)
    }

    static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }
}
