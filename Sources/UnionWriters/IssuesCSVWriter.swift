// issues.csv: every finding, UTF-8 with BOM, formula-looking text neutralised.
import Dispatch
import UnionCore

public enum IssuesCSVWriter {
    public static let header = ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"]

    /// The whole file as bytes. `units` (one per finding) adds a leading `unit` column (roll-ups).
    /// Many findings are written in two halves on two threads, joined in order.
    public static func bytes(_ findings: [Finding], presenter: FindingPresenter, units: [String]? = nil) -> [UInt8] {
        var out = Array("\u{FEFF}".utf8)
        out += Array((((units == nil ? [] : ["unit"]) + header).joined(separator: ",") + "\r\n").utf8)
        let halves = findings.count >= 2_000 ? 2 : 1
        let bounds = (0...halves).map { findings.count * $0 / halves }
        final class Parts: @unchecked Sendable {
            // @unchecked: each part is written by one iteration, read after all are done.
            var lines: [[UInt8]]
            init(_ n: Int) { lines = Array(repeating: [], count: n) }
        }
        let parts = Parts(halves)
        DispatchQueue.concurrentPerform(iterations: halves) { part in
            var text = ""
            for i in bounds[part]..<bounds[part + 1] { line(findings[i], unit: units?[i], presenter: presenter, into: &text) }
            parts.lines[part] = Array(text.utf8)
        }
        for part in parts.lines { out += part }
        return out
    }

    /// One finding's line.
    private static func line(_ f: Finding, unit: String?, presenter: FindingPresenter, into out: inout String) {
        var cells: [String] = []
        if let unit { cells.append(unit) }
        cells += [f.file, f.row.map(String.init) ?? "", presenter.columnLetter(f), f.field?.key ?? "",
                  presenter.value(f), f.rule.rawValue, f.severity.rawValue, presenter.message(f), presenter.hint(f)]
        out += cells.map(csvCell).joined(separator: ",") + "\r\n"
    }

    /// Quotes a cell when needed (RFC 4180) and prefixes formula-looking text with `'`.
    static func csvCell(_ raw: String) -> String {
        let text = looksLikeFormula(raw) ? "'" + raw : raw
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
        }
        return text
    }
}
