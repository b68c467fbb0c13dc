// Which files of a folder are inputs: delimited text directly in it; spreadsheets noted (F09).
import Foundation
import UnionCore
import UnionImport

public struct DiscoveredInputs: Sendable {
    public var sources: [InputSource] = []
    /// F09 findings for spreadsheet files that are not read yet.
    public var spreadsheetFindings: [Finding] = []
    public var spreadsheetNames: [String] = []
    /// Files whose names are not UTF-8, held open so that their sources' paths open them.
    var heldNames = HeldNames()
}

public enum InputDiscovery {
    static let delimitedExtensions: Set<String> = ["csv", "txt", "tsv"]
    static let spreadsheetExtensions: Set<String> = ["xlsx", "xls", "et"]

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
            if delimitedExtensions.contains(ext) {
                result.sources.append(InputSource(name: name, path: path, pinned: pinned[name]))
            } else if spreadsheetExtensions.contains(ext) {
                var recorder = FindingRecorder(policy: policy, file: name)
                recorder.fileFinding(.F09)
                result.spreadsheetFindings += recorder.findings
                result.spreadsheetNames.append(name)
            }
        }
        return result
    }

    static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }
}
